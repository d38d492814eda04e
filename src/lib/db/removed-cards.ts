import type { RehearseDB } from './schema';
import { cardsWithRows, entryTables, rowCountOfCards } from './entries';

// The review history of cards no deck has any more (my-decks/removed-cards.ts finds them): kept by
// default, since the log is the truth and a deck may come back; purged only when the person asks
// (db/purge.ts, a module of its own: the decks page reads this one on every visit, and that one only on
// a purge, with the log's recompute behind it).

/** Every card id the log has an entry for, each once. */
export async function loggedCardIds(db: RehearseDB): Promise<string[]> {
	return db.transaction('r', entryTables(db), () => cardsWithRows(db));
}

/** How many log entries these cards have. */
export async function entryCount(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	if (cardIds.length === 0) return 0;
	return db.transaction('r', entryTables(db), () => rowCountOfCards(db, cardIds));
}
