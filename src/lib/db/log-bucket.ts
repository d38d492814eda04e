// Relative imports: the browser tests read buckets with this module too.
import { fnv1a } from '../hash';
import { lastDayOfPack } from './log-pack-layout';
import type { LogBucket, LogPack } from './schema';

// Where a card's pack is stored: in one of `BUCKETS` records, chosen by a hash of the card id, with the
// packs of the other cards that hash there (docs/packed-log.md). IndexedDB's cost is per record, so the
// bench's 50,000 packs go into about a thousand records rather than fifty thousand, and a card's pack is
// found by computing its bucket, with no index of card ids.

/** How many buckets there are: about fifty cards each in the bench's collection, one for a newcomer. */
export const BUCKETS = 1024;

/** The bucket that holds a card's pack. */
export function bucketOf(cardId: string): number {
	return fnv1a(cardId) % BUCKETS;
}

/**
 * Bucket `key` as stored (`was`, absent for none) with the packs `put` in place of its packs of the same
 * cards and the packs of the cards `drop` taken out; null when no pack is left (the bucket is deleted).
 * Packs are kept in card order, and the bucket's summary (`bucketSummary`) is that of its packs.
 */
export function withPacks(
	key: number,
	was: LogBucket | undefined,
	put: readonly LogPack[],
	drop: Iterable<string> = []
): LogBucket | null {
	const byCard = new Map((was?.packs ?? []).map((p) => [p.cardId, p]));
	for (const cardId of drop) byCard.delete(cardId);
	for (const pack of put) byCard.set(pack.cardId, pack);
	if (byCard.size === 0) return null;
	const packs = [...byCard.values()].sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
	return { bucket: key, ...bucketSummary(packs), packs };
}

/**
 * What a bucket's indexes are made from, one key each but `cardIds` (one per pack): the cards, the
 * smallest row id (`first`), the greatest review day (`lastDay`) and how many rows (`size`). An index
 * of every row id cost more to write than the packs themselves (docs/packed-log.md).
 */
export function bucketSummary(packs: readonly LogPack[]): Omit<LogBucket, 'bucket' | 'packs'> {
	let first = '\uffff';
	let lastDay = -Infinity;
	let size = 0;
	for (const p of packs) {
		// A pack's ids are in order: its first is its smallest.
		if (p.ids.length > 0 && p.ids[0]! < first) first = p.ids[0]!;
		lastDay = Math.max(lastDay, lastDayOfPack(p));
		size += p.ids.length;
	}
	return { cardIds: packs.map((p) => p.cardId), first, lastDay, size };
}

/** Packs grouped into fresh buckets (nothing stored in them yet), in bucket order. */
export function bucketsOf(packs: readonly LogPack[]): LogBucket[] {
	return rebucket(new Map(), packs, []).put.sort((a, b) => a.bucket - b.bucket);
}

/**
 * The buckets to write for the packs `put` and the cards `drop` (whose packs go), over the `stored`
 * buckets they fall in (every stored bucket of those cards must be there), and the keys of stored buckets
 * left empty, to delete. Each bucket touched is written once, whole.
 */
export function rebucket(
	stored: ReadonlyMap<number, LogBucket>,
	put: readonly LogPack[],
	drop: readonly string[]
): { put: LogBucket[]; emptied: number[] } {
	const puts = byBucket(put, (p) => p.cardId);
	const drops = byBucket(drop, (cardId) => cardId);
	const out = { put: [] as LogBucket[], emptied: [] as number[] };
	for (const key of new Set([...puts.keys(), ...drops.keys()])) {
		const bucket = withPacks(key, stored.get(key), puts.get(key) ?? [], drops.get(key) ?? []);
		if (bucket) out.put.push(bucket);
		else if (stored.has(key)) out.emptied.push(key);
	}
	return out;
}

function byBucket<T>(items: readonly T[], cardOf: (item: T) => string): Map<number, T[]> {
	const out = new Map<number, T[]>();
	for (const item of items) {
		const key = bucketOf(cardOf(item));
		const list = out.get(key);
		if (list) list.push(item);
		else out.set(key, [item]);
	}
	return out;
}
