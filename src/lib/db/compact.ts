import { logEntryId } from '../id';
import { leavesFirstPaint } from '../first-paint/watch';
import { entryTables, packOf, readCardRows } from './entries';
import type { RehearseDB } from './schema';

// Compaction: the log's older loose rows fold into their cards' packs (db/entries.ts), a few hundred cards
// at a time, so that a person who answered here for months reads and backs up records by card, as one
// who restored a backup does (docs/packed-log.md, step 3). Rows move; none changes: a card's rows,
// states and every total derived from them stay exactly as they were.

/** Rows of the last two days stay loose: undo and the day's answers find them there, cheaply. */
export const KEEP_LOOSE_MS = 2 * 86_400_000;

/** Cards packed per transaction: an answer given meanwhile waits for one such round at most. */
export const COMPACT_CARDS = 200;

/**
 * Packs the loose rows older than `before` (a time: rows whose ids, UUIDv7s, were made earlier) of up to
 * `limit` cards, those with the oldest loose rows after id `after` first, in one read-write transaction
 * over the log's tables. A card's newer loose rows stay loose (a later merge that touches a packed card
 * still packs all its rows, as it always has). Returns how many cards it packed (0 when no loose row is
 * older than `before`), and the id from which the next round may look: every older loose row it passed
 * is packed now.
 */
export async function compactSome(
	db: RehearseDB,
	before: number,
	limit = COMPACT_CARDS,
	after = ''
): Promise<{ cards: number; after: string }> {
	const below = logEntryId(before, 0);
	return db.transaction('rw', entryTables(db), async (tx) => {
		// Nothing any screen shows changes: the first paint's stored copies stay valid (first-paint/watch.ts).
		leavesFirstPaint(tx.idbtrans);
		const cardIds = new Set<string>();
		let passed = after;
		await db.log
			.where(':id')
			.between(after, below, false, false)
			.until(() => cardIds.size >= limit)
			.each((row) => {
				cardIds.add(row.cardId);
				passed = row.id;
			});
		if (cardIds.size === 0) return { cards: 0, after };
		const { byCard, loose } = await readCardRows(db, cardIds);
		const moved = new Set<string>();
		const packs = [...cardIds].map((cardId) => {
			const rows = byCard.get(cardId) ?? [];
			for (const r of rows) if (loose.has(r.id) && r.id < below) moved.add(r.id);
			return packOf(
				cardId,
				rows.filter((r) => !loose.has(r.id) || moved.has(r.id))
			);
		});
		await Promise.all([db.packs.bulkPut(packs), db.log.bulkDelete([...moved])]);
		return { cards: cardIds.size, after: passed };
	});
}

/**
 * Compacts every loose row older than `KEEP_LOOSE_MS` before `now()`, one `compactSome` round after
 * another, each once `ready()` resolves (the app waits for an idle moment away from the screens where
 * answers are given) and inside `round` (the app holds sync's lock there, so no round runs while a sync
 * does). Each round starts where the last one stopped, rather than stepping over the rows just deleted
 * again; a loose row older than those (a merge of old answers meanwhile) waits for the next start. Stops
 * when nothing is left; an error (a full disk, a closed database) rejects, and the rows stay loose until
 * the next start, as they were. Resolves to the number of cards packed.
 */
export async function compactInIdle(
	db: RehearseDB,
	now: () => number,
	ready: () => Promise<void>,
	round: <T>(work: () => Promise<T>) => Promise<T | null> = (work) => work()
): Promise<number> {
	let total = 0;
	let after = '';
	for (;;) {
		await ready();
		const done = await round(() => compactSome(db, now() - KEEP_LOOSE_MS, COMPACT_CARDS, after));
		if (!done) continue;
		if (done.cards === 0) return total;
		total += done.cards;
		after = done.after;
	}
}
