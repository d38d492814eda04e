import type { RehearseDB } from './schema';

// The review history of cards no deck has any more (my-decks/removed-cards.ts finds them): kept by
// default, since the log is the truth and a deck may come back; purged only when the person asks
// (db/purge.ts, a module of its own: the decks page reads this one on every visit, and that one only on
// a purge, with the log's recompute behind it).

/** Every card id the log has an entry for, each once. */
export async function loggedCardIds(db: RehearseDB): Promise<string[]> {
	return (await db.log.orderBy('cardId').uniqueKeys()) as string[];
}

/** How many log entries these cards have. */
export async function entryCount(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	return cardIds.length === 0 ? 0 : db.log.where('cardId').anyOf(cardIds).count();
}
