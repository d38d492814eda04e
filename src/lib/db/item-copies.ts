import { isOwnDeckId } from '$lib/decks/types';
import type { ItemCopy, RehearseDB } from './schema';

export type { ItemCopy };

/** The person's copies of items of one shipped deck. */
export async function copiesOfDeck(db: RehearseDB, deckId: string): Promise<ItemCopy[]> {
	return db.itemCopies.where('deckId').equals(deckId).toArray();
}

/**
 * Stores the person's copy of a shipped item (new or changed). The caller compiled `item` from
 * `markdown` (my-decks/copies.ts) and checked it against the shipped item: same id, same kind. An own
 * deck's item is edited in its deck, never copied.
 */
export async function putItemCopy(db: RehearseDB, copy: ItemCopy): Promise<void> {
	if (isOwnDeckId(copy.deckId))
		throw new Error(`'${copy.deckId}' is your own deck: edit its cards there, not a copy of them.`);
	if (copy.id !== `${copy.deckId}/${copy.item.id}`)
		throw new Error(`A copy of '${copy.item.id}' of '${copy.deckId}' cannot be stored as '${copy.id}'.`);
	await db.itemCopies.put(copy);
}

/** Removes the person's copy: the shipped item shows again. Its card's review history stays. */
export async function deleteItemCopy(db: RehearseDB, id: string): Promise<void> {
	await db.itemCopies.delete(id);
}
