import { changeLog, logTables } from './recompute';
import { readCardRows } from './entries';
import type { RehearseDB } from './schema';

/**
 * Takes every log entry of these cards out of the log the way an undo does: their ids are kept as
 * removed, so that no backup merge or sync brings them back, and go to the sync outbox once sync has
 * begun, so that other devices take them out too; the cards' states and every total are recomputed
 * (the cards, left with no entry, are deleted). One transaction. Returns how many entries went.
 */
export async function purgeCards(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	if (cardIds.length === 0) return 0;
	return db.transaction('rw', logTables(db), async () => {
		const { byCard } = await readCardRows(db, new Set(cardIds));
		const remove = new Map([...byCard.values()].flat().map((r) => [r.id, r.cardId]));
		if (remove.size > 0) await changeLog(db, { remove });
		return remove.size;
	});
}
