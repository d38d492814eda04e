import { buildIndex } from '$lib/decks/deck-index';
import { OWN_DECK_PREFIX, isOwnDeckId, type Deck } from '$lib/decks/types';
import type { OwnDeck, OwnDeckFile, RehearseDB } from './schema';

/** Every own deck as the deck index lists it, by title. */
export async function listOwnDecks(db: RehearseDB): Promise<OwnDeck[]> {
	const decks = await db.ownDecks.toArray();
	return decks.sort((a, b) => a.title.localeCompare(b.title));
}

export async function readOwnDeckFile(db: RehearseDB, id: string): Promise<OwnDeckFile | undefined> {
	return db.ownDeckFiles.get(id);
}

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
	await db.transaction('rw', [db.ownDecks, db.ownDeckFiles], () => putOwnDeck(db, markdown, deck, now));
}

function checkOwnId(deck: Deck): void {
	if (!isOwnDeckId(deck.id))
		throw new Error(`An own deck's id must start with '${OWN_DECK_PREFIX}' (got '${deck.id}').`);
}

/** The two rows of an own deck, inside the caller's transaction. */
export async function putOwnDeck(
	db: RehearseDB,
	markdown: string,
	deck: Deck,
	updatedAt: number
): Promise<void> {
	checkOwnId(deck);
	await db.ownDecks.put(ownDeckRow(deck, updatedAt));
	await db.ownDeckFiles.put({ id: deck.id, markdown, deck, updatedAt });
}

/**
 * Removes an own deck. Its cards' review history stays (the log is the truth, and the person may bring
 * the deck back by importing its file again); without the deck, review and statistics leave those cards
 * out, as they do a deck removed from the build.
 */
export async function deleteOwnDeck(db: RehearseDB, id: string): Promise<void> {
	await db.transaction('rw', [db.ownDecks, db.ownDeckFiles], async () => {
		await db.ownDecks.delete(id);
		await db.ownDeckFiles.delete(id);
	});
}
