import type { ItemCopy, OwnDeck, OwnDeckFile, RehearseDB } from './schema';

// Reads of the person's own decks and copies of our items, which every screen's catalog needs; their
// writes (own-decks.ts, item-copies.ts, with sync's note of each change) load only where one is made.

/** Every own deck as the deck index lists it, by title. */
export async function listOwnDecks(db: RehearseDB): Promise<OwnDeck[]> {
	const decks = await db.ownDecks.toArray();
	return decks.sort((a, b) => a.title.localeCompare(b.title));
}

export async function readOwnDeckFile(db: RehearseDB, id: string): Promise<OwnDeckFile | undefined> {
	return db.ownDeckFiles.get(id);
}

/** The person's copies of items of one shipped deck. */
export async function copiesOfDeck(db: RehearseDB, deckId: string): Promise<ItemCopy[]> {
	return db.itemCopies.where('deckId').equals(deckId).toArray();
}
