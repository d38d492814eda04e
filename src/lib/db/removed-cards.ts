import { changeLog, logTables } from './recompute';
import type { RehearseDB } from './schema';

// The review history of cards no deck has any more (my-decks/removed-cards.ts finds them): kept by
// default, since the log is the truth and a deck may come back; purged only when the person asks.

/** Every card id the log has an entry for, each once. */
export async function loggedCardIds(db: RehearseDB): Promise<string[]> {
	return (await db.log.orderBy('cardId').uniqueKeys()) as string[];
}

/** How many log entries these cards have. */
export async function entryCount(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	return cardIds.length === 0 ? 0 : db.log.where('cardId').anyOf(cardIds).count();
}

/**
 * Takes every log entry of these cards out of the log the way an undo does: their ids are kept as
 * removed, so that no backup merge or sync brings them back, and go to the sync outbox once sync has
 * begun, so that other devices take them out too; the cards' states and every total are recomputed
 * (the cards, left with no entry, are deleted). One transaction. Returns how many entries went.
 */
export async function purgeCards(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	if (cardIds.length === 0) return 0;
	return db.transaction('rw', logTables(db), async () => {
		const ids = (await db.log.where('cardId').anyOf(cardIds).primaryKeys()) as string[];
		if (ids.length > 0) await changeLog(db, { remove: new Set(ids) });
		return ids.length;
	});
}
