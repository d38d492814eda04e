import { forgetOwnDeck } from '$lib/catalog';
import { deleteOwnDeck, readOwnDeckFile, saveOwnDeck } from '$lib/db/own-decks';
import type { RehearseDB } from '$lib/db/schema';
import { frontmatter, putItem, withFrontmatter, type DeckMeta } from '$lib/decks/write';
import type { DeckError } from '$lib/decks/types';
import { now as clock } from '$lib/clock';
import { OWN_FILE, compileOwnDeck } from './compile';

/**
 * The editor's changes to an own deck, each a new version of the deck's Markdown compiled and stored in
 * one step: nothing is stored when the new version has an error, and the errors come back instead.
 */

/** An own deck's Markdown, or null when the deck is no longer on this device. */
export async function readDeckMarkdown(db: RehearseDB, id: string): Promise<string | null> {
	return (await readOwnDeckFile(db, id))?.markdown ?? null;
}

/** Compiles and stores a deck file; the page's catalog forgets the old copy, so every screen shows the new one. */
export async function saveDeckMarkdown(
	db: RehearseDB,
	markdown: string,
	now = clock()
): Promise<DeckError[]> {
	const { deck, errors } = await compileOwnDeck(markdown);
	if (!deck)
		return errors.length ? errors : [{ file: OWN_FILE, line: 1, message: 'the deck could not be read' }];
	await saveOwnDeck(db, markdown, deck, now);
	forgetOwnDeck(deck.id);
	return [];
}

/** A new, empty deck; a sentence for the person when it cannot be made. */
export async function createOwnDeck(db: RehearseDB, meta: DeckMeta): Promise<string | null> {
	if (await db.ownDecks.get(meta.id)) return `You already have a deck called '${meta.id}'.`;
	return describe(await saveDeckMarkdown(db, frontmatter(meta)));
}

/** A deck's title, topic and description changed; its cards kept. */
export async function renameOwnDeck(db: RehearseDB, meta: DeckMeta): Promise<string | null> {
	const file = await readOwnDeckFile(db, meta.id);
	if (!file) return `Your deck '${meta.id}' is no longer on this device.`;
	return describe(await saveDeckMarkdown(db, withFrontmatter(file.markdown, meta)));
}

/** One item of a deck written (added or replaced) or, with `text` null, removed. */
export async function putOwnItem(
	db: RehearseDB,
	deckId: string,
	itemId: string,
	text: string | null
): Promise<DeckError[]> {
	const file = await readOwnDeckFile(db, deckId);
	if (!file)
		return [{ file: OWN_FILE, line: 1, message: `your deck '${deckId}' is no longer on this device` }];
	return saveDeckMarkdown(db, putItem(file.markdown, itemId, text));
}

export async function removeOwnDeck(db: RehearseDB, id: string): Promise<void> {
	await deleteOwnDeck(db, id);
	forgetOwnDeck(id);
}

/** Errors as one sentence each, with their line in the deck file. */
export function describe(errors: readonly DeckError[]): string | null {
	return errors.length ? errors.map((e) => `Line ${e.line}: ${e.message}.`).join(' ') : null;
}
