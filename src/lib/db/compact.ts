import { logEntryId } from '../id';
import { leavesFirstPaint } from '../first-paint/watch';
import { entryTables, packOf, readCardRows } from './entries';
import { bucketOf, rebucket } from './log-bucket';
import type { LogPack, RehearseDB } from './schema';

// Compaction: the log's older loose rows fold into their cards' packs (db/entries.ts), a few hundred cards
// at a time, so that a person who answered here for months reads and backs up records by card, as one
// who restored a backup does (docs/packed-log.md, step 3). Rows move; none changes: a card's rows,
// states and every total derived from them stay exactly as they were.

/** Rows of the last two days stay loose: undo and the day's answers find them there, cheaply. */
export const KEEP_LOOSE_MS = 2 * 86_400_000;

/** Cards gone through per transaction: an answer given meanwhile waits for one such round at most. */
export const COMPACT_CARDS = 200;

/**
 * Packs the loose rows older than `before` (a time: rows whose ids, UUIDv7s, were made earlier) of the
 * cards in the next buckets after bucket `after` (-1: from the first) that hold a card with a loose row,
 * about `limit` cards' worth (a whole bucket at least), in one read-write transaction over the log's
 * tables: each bucket is written once per round. A card's newer loose rows stay loose (a later merge
 * that touches a packed card still packs all its rows, as it always has). Returns how many cards it
 * packed, and the last bucket it went through, from which the next round goes on; null once no bucket
 * after `after` holds a card with a loose row.
 */
export async function compactSome(
	db: RehearseDB,
	before: number,
	limit = COMPACT_CARDS,
	after = -1
): Promise<{ cards: number; after: number | null }> {
	const below = logEntryId(before, 0);
	return db.transaction('rw', entryTables(db), async (tx) => {
		// Nothing any screen shows changes: the first paint's stored copies stay valid (first-paint/watch.ts).
		leavesFirstPaint(tx.idbtrans);
		// The cards with a loose row, from the keys of the log's card index: no row is read.
		const byBucket = new Map<number, string[]>();
		for (const cardId of (await db.log.orderBy('cardId').uniqueKeys()) as string[]) {
			const key = bucketOf(cardId);
			if (key <= after) continue;
			const list = byBucket.get(key);
			if (list) list.push(cardId);
			else byBucket.set(key, [cardId]);
		}
		const cardIds = new Set<string>();
		let last: number | null = null;
		for (const key of [...byBucket.keys()].sort((a, b) => a - b)) {
			if (cardIds.size >= limit) break;
			for (const cardId of byBucket.get(key)!) cardIds.add(cardId);
			last = key;
		}
		if (last === null) return { cards: 0, after: null };
		const { byCard, loose, buckets } = await readCardRows(db, cardIds);
		const moved = new Set<string>();
		const packs: LogPack[] = [];
		for (const cardId of cardIds) {
			const rows = byCard.get(cardId) ?? [];
			const old = rows.filter((r) => loose.has(r.id) && r.id < below);
			if (old.length === 0) continue;
			for (const r of old) moved.add(r.id);
			packs.push(
				packOf(
					cardId,
					rows.filter((r) => !loose.has(r.id) || moved.has(r.id))
				)
			);
		}
		if (packs.length > 0)
			await Promise.all([
				db.buckets.bulkPut(rebucket(buckets, packs, []).put),
				db.log.bulkDelete([...moved])
			]);
		return { cards: packs.length, after: last };
	});
}

/**
 * Compacts every loose row older than `KEEP_LOOSE_MS` before `now()`, one `compactSome` round after
 * another, each once `ready()` resolves (the app waits for an idle moment away from the screens where
 * answers are given) and inside `round` (the app holds sync's lock there, so no round runs while a sync
 * does). Each round goes on from the bucket after the last one's; a loose row that lands in a bucket
 * already gone through (a merge of old answers meanwhile) waits for the next start. Stops when every
 * bucket holding a loose row has been gone through; an error (a full disk, a closed database) rejects, and the rows stay loose until
 * the next start, as they were. Resolves to the number of cards packed.
 */
export async function compactInIdle(
	db: RehearseDB,
	now: () => number,
	ready: () => Promise<void>,
	round: <T>(work: () => Promise<T>) => Promise<T | null> = (work) => work()
): Promise<number> {
	let total = 0;
	for (let after = -1; ;) {
		await ready();
		const done = await round(() => compactSome(db, now() - KEEP_LOOSE_MS, COMPACT_CARDS, after));
		if (!done) continue;
		total += done.cards;
		if (done.after === null) return total;
		after = done.after;
	}
}
