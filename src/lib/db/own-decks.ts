import { buildIndex } from '$lib/decks/deck-index';
import { OWN_DECK_PREFIX, isOwnDeckId, type Deck } from '$lib/decks/types';
import { now as clock } from '$lib/clock';
import { after, noteChanged, noteGone, ownChangeTables } from './own-changes';
import { ownDeckDocId, type OwnDeck, type RehearseDB } from './schema';

export { listOwnDecks, readOwnDeckFile } from './own-reads';

/** An own deck's index row, made from its compiled content as the build makes a shipped deck's. */
export function ownDeckRow(deck: Deck, updatedAt: number): OwnDeck {
	return { ...buildIndex([deck]).decks[0]!, updatedAt };
}

/**
 * Stores an own deck (new or changed): its Markdown and the deck compiled from it, and its index row, in
 * one transaction. The caller compiled `deck` from `markdown` (my-decks/compile.ts); cards it no longer
 * has keep their history, as a card removed from a shipped deck does.
 */
export async function saveOwnDeck(db: RehearseDB, markdown: string, deck: Deck, now: number): Promise<void> {
	await db.transaction('rw', ownDeckTables(db), () => putOwnDeck(db, markdown, deck, now));
}

function checkOwnId(deck: Deck): void {
	if (!isOwnDeckId(deck.id))
		throw new Error(`An own deck's id must start with '${OWN_DECK_PREFIX}' (got '${deck.id}').`);
}

/** The tables an own deck's write or removal touches (its two rows, and sync's note of the change). */
export const ownDeckTables = (db: RehearseDB) => [db.ownDecks, db.ownDeckFiles, ...ownChangeTables(db)];

/**
 * The two rows of an own deck, and sync's note of the change, inside the caller's transaction. Stamped
 * `updatedAt`, or just after the version stored here if a clock ahead of this one wrote it.
 */
export async function putOwnDeck(
	db: RehearseDB,
	markdown: string,
	deck: Deck,
	updatedAt: number
): Promise<void> {
	checkOwnId(deck);
	const at = after(updatedAt, await db.ownDeckFiles.get(deck.id));
	await db.ownDecks.put(ownDeckRow(deck, at));
	await db.ownDeckFiles.put({ id: deck.id, markdown, deck, updatedAt: at });
	await noteChanged(db, ownDeckDocId(deck.id));
}

/**
 * Removes an own deck. Its cards' review history stays (the log is the truth, and the person may bring
 * the deck back by importing its file again); without the deck, review and statistics leave those cards
 * out, as they do a deck removed from the build.
 */
export async function deleteOwnDeck(db: RehearseDB, id: string, at = clock()): Promise<void> {
	await db.transaction('rw', ownDeckTables(db), async () => {
		const when = after(at, await db.ownDeckFiles.get(id));
		await db.ownDecks.delete(id);
		await db.ownDeckFiles.delete(id);
		await noteGone(db, ownDeckDocId(id), when);
	});
}
