import { isOwnDeckId } from '$lib/decks/types';
import { now as clock } from '$lib/clock';
import { after, noteChanged, noteGone, ownChangeTables } from './own-changes';
import { itemCopyDocId, type ItemCopy, type RehearseDB } from './schema';

export type { ItemCopy };

export { copiesOfDeck } from './own-reads';

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
	await db.transaction('rw', [db.itemCopies, ...ownChangeTables(db)], async () => {
		const updatedAt = after(copy.updatedAt, await db.itemCopies.get(copy.id));
		await db.itemCopies.put({ ...copy, updatedAt });
		await noteChanged(db, itemCopyDocId(copy.id));
	});
}

/** Removes the person's copy: the shipped item shows again. Its card's review history stays. */
export async function deleteItemCopy(db: RehearseDB, id: string, at = clock()): Promise<void> {
	await db.transaction('rw', [db.itemCopies, ...ownChangeTables(db)], async () => {
		const when = after(at, await db.itemCopies.get(id));
		await db.itemCopies.delete(id);
		await noteGone(db, itemCopyDocId(id), when);
	});
}
