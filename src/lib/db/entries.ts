import type { LogBucket, LogPack, RehearseDB, ReviewLogEntry } from './schema';
import { factsOfPack, rowsOfPack } from './log-pack';
import { bucketOf } from './log-bucket';
import { byTime } from '../scheduling/log';

export { factsOfPack, packOf, rowsOfPack } from './log-pack';
export { lastIdOfCard } from './entry-ids';

// Where the log's rows live. An answer writes its row loose, one record in `log`; a change of many
// entries (a restore, an Anki import, a first sync) packs each card it touches, and a card's pack is
// kept in its bucket, a record of `buckets` shared with other cards (db/log-bucket.ts), since
// IndexedDB's cost is per record (docs/packed-log.md). A row is in exactly one of the two. Every reader
// of the log goes through this module, so none needs to know which.

/** The tables the log is stored in: a transaction that reads or writes the log covers both. */
export function entryTables(db: RehearseDB) {
	return [db.log, db.buckets];
}

/** Every pack of these buckets. */
const packsOf = (buckets: readonly (LogBucket | undefined)[]): LogPack[] =>
	buckets.flatMap((b) => b?.packs ?? []);

/** The stored buckets of these cards, by bucket (the cards' packs are in them, with other cards'). */
export async function bucketsOfCards(
	db: RehearseDB,
	cardIds: Iterable<string>
): Promise<Map<number, LogBucket>> {
	const keys = [...new Set([...cardIds].map(bucketOf))];
	const found = await db.buckets.bulkGet(keys);
	return new Map(found.filter((b) => b !== undefined).map((b) => [b.bucket, b]));
}

/** A card's pack, if it has one. */
export async function packOfCard(db: RehearseDB, cardId: string): Promise<LogPack | undefined> {
	return (await db.buckets.get(bucketOf(cardId)))?.packs.find((p) => p.cardId === cardId);
}

/** Every pack, in bucket order. */
export async function allPacks(db: RehearseDB): Promise<LogPack[]> {
	return packsOf(await db.buckets.toArray());
}

/** Above this many cards, whole tables are read at once rather than looked up card by card. */
const SCAN_ABOVE = 2_000;

/** The rows of some cards, by card (in no set order), and which of them are loose. */
export interface CardRows {
	byCard: Map<string, ReviewLogEntry[]>;
	/** Ids of the rows stored loose in `log`. */
	loose: Set<string>;
	/** The cards that have a pack. */
	packed: Set<string>;
	/** The stored buckets read, by key: those of the cards asked for (all, for a scan), for a writer to change. */
	buckets: Map<number, LogBucket>;
}

/** The stored rows of these cards. */
export async function readCardRows(db: RehearseDB, cardIds: ReadonlySet<string>): Promise<CardRows> {
	const out: CardRows = { byCard: new Map(), loose: new Set(), packed: new Set(), buckets: new Map() };
	if (cardIds.size === 0) return out;
	const scan = cardIds.size > SCAN_ABOVE;
	const [loose, buckets] = await Promise.all([
		scan
			? db.log.toArray().then((rows) => rows.filter((r) => cardIds.has(r.cardId)))
			: db.log
					.where('cardId')
					.anyOf([...cardIds])
					.toArray(),
		scan
			? db.buckets.toArray().then((all) => new Map(all.map((b) => [b.bucket, b])))
			: bucketsOfCards(db, cardIds)
	]);
	out.buckets = buckets;
	for (const pack of packsOf([...buckets.values()])) {
		if (!cardIds.has(pack.cardId)) continue;
		out.packed.add(pack.cardId);
		out.byCard.set(pack.cardId, rowsOfPack(pack));
	}
	for (const row of loose) {
		out.loose.add(row.id);
		const list = out.byCard.get(row.cardId);
		if (list) list.push(row);
		else out.byCard.set(row.cardId, [row]);
	}
	return out;
}

/** The stored rows of one card, in no set order. */
export async function rowsOfCard(db: RehearseDB, cardId: string): Promise<ReviewLogEntry[]> {
	const [loose, pack] = await Promise.all([
		db.log.where('cardId').equals(cardId).toArray(),
		packOfCard(db, cardId)
	]);
	return [...(pack ? rowsOfPack(pack) : []), ...loose];
}

/** The review log of one card, oldest first. */
export async function cardHistory(db: RehearseDB, cardId: string): Promise<ReviewLogEntry[]> {
	return (await rowsOfCard(db, cardId)).sort(byTime);
}

/** Every stored row, in no set order. */
export async function allRows(db: RehearseDB): Promise<ReviewLogEntry[]> {
	const [loose, packs] = await Promise.all([db.log.toArray(), allPacks(db)]);
	return packs.length === 0 ? loose : [...packs.flatMap(rowsOfPack), ...loose];
}

/**
 * The stored rows with these ids, by id (ids not stored are absent). `cardOf` names the card of an id
 * when the caller knows it (an entry's own field, an outbox row): its row is then looked for in that
 * card's bucket only. An id with no card named and not stored loose is looked for in every bucket, a read
 * of the whole packed log: rows are not indexed by id (see `LogBucket`).
 */
export async function rowsById(
	db: RehearseDB,
	ids: readonly string[],
	cardOf: (id: string) => string | undefined = () => undefined
): Promise<Map<string, ReviewLogEntry>> {
	const out = new Map<string, ReviewLogEntry>();
	if (ids.length === 0) return out;
	const loose = await db.log.bulkGet([...ids]);
	loose.forEach((r) => r && out.set(r.id, r));
	const missing = new Set(ids.filter((id) => !out.has(id)));
	if (missing.size === 0) return out;
	const cards = [...missing].map(cardOf);
	const buckets = cards.every((c) => c !== undefined)
		? [...(await bucketsOfCards(db, cards)).values()]
		: await db.buckets.toArray();
	// Only the packs that hold a wanted id are decoded.
	for (const pack of packsOf(buckets))
		if (pack.ids.some((id) => missing.has(id)))
			for (const r of rowsOfPack(pack)) if (missing.has(r.id)) out.set(r.id, r);
	return out;
}

/**
 * The card of every stored row, by the row's id: the loose rows' from the card index (one cursor over its
 * keys), the packed rows' from every bucket.
 */
export async function rowCards(db: RehearseDB): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const [packs] = await Promise.all([
		allPacks(db),
		db.log
			.orderBy('cardId')
			.eachKey((cardId, cursor) => void out.set(cursor.primaryKey as string, cardId as string))
	]);
	for (const p of packs) for (const id of p.ids) out.set(id, p.cardId);
	return out;
}

/** How many rows are stored (the packed ones from the keys of the buckets' size index: no pack is read). */
export async function rowCount(db: RehearseDB): Promise<number> {
	const [loose, packed] = await Promise.all([db.log.count(), packedRowCount(db)]);
	return loose + packed;
}

/** Whether the log holds no row at all. */
export async function logIsEmpty(db: RehearseDB): Promise<boolean> {
	const [loose, packed] = await Promise.all([db.log.limit(1).count(), db.buckets.limit(1).count()]);
	return loose + packed === 0;
}

/** The row with the smallest id, which for UUIDv7s is the oldest answer; found without a scan. */
export async function firstRow(db: RehearseDB): Promise<ReviewLogEntry | undefined> {
	// The bucket whose smallest id is the smallest of all, then the pack that starts with it.
	const [loose, bucket] = await Promise.all([
		db.log.orderBy(':id').first(),
		db.buckets.orderBy('first').first()
	]);
	const pack = bucket?.packs.find((p) => p.ids[0] === bucket.first);
	const packed = pack && rowsOfPack(pack)[0];
	if (!loose || !packed) return loose ?? packed;
	return loose.id < packed.id ? loose : packed;
}

/**
 * The daily-review row with the greatest id (the last given) if it belongs to review day `day`. Ids are
 * UUIDv7s, made from the answer's time, so key order is the order of answers. The loose rows are read
 * from the top of their key order; the packed ones from the buckets holding rows of `day` or later (the
 * `lastDay` index), usually none.
 */
export async function lastReviewOfDay(db: RehearseDB, day: number): Promise<ReviewLogEntry | undefined> {
	const [loose, recent] = await Promise.all([
		db.log
			.toCollection()
			.reverse()
			.filter((e) => e.source === 'review')
			.first(),
		db.buckets.where('lastDay').aboveOrEqual(day).toArray()
	]);
	// The greatest packed review of that day or later, from the facts; only its pack is decoded.
	let top: { pack: LogPack; id: string; day: number } | undefined;
	for (const pack of packsOf(recent))
		for (const r of factsOfPack(pack))
			if (r.source === 'review' && r.day >= day && (!top || r.id > top.id))
				top = { pack, id: r.id, day: r.day };
	if (top && (!loose || top.id > loose.id))
		return top.day === day ? rowsOfPack(top.pack).find((row) => row.id === top.id) : undefined;
	return loose?.day === day ? loose : undefined;
}

/** Every card with at least one stored row, each once. */
export async function cardsWithRows(db: RehearseDB): Promise<string[]> {
	// From the keys of the two card indexes: no row or pack is read.
	const [loose, packed] = await Promise.all([
		db.log.orderBy('cardId').uniqueKeys(),
		db.buckets.orderBy('cardIds').uniqueKeys()
	]);
	return [...new Set([...(packed as string[]), ...(loose as string[])])];
}

/**
 * The buckets after bucket `after` (all: -1), `limit` at most, in key order: how a full sync and a backup
 * walk the packed rows.
 */
export function bucketsAfter(db: RehearseDB, after: number, limit: number): Promise<LogBucket[]> {
	return db.buckets.where(':id').above(after).limit(limit).toArray();
}

/** How many rows the packs hold: the sum of the buckets' size index keys, no pack read. */
export async function packedRowCount(db: RehearseDB): Promise<number> {
	return ((await db.buckets.orderBy('size').keys()) as number[]).reduce((a, n) => a + n, 0);
}

/** How many rows these cards have, loose and packed; no row is decoded. */
export async function rowCountOfCards(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	const wanted = new Set(cardIds);
	const [loose, buckets] = await Promise.all([
		db.log
			.where('cardId')
			.anyOf([...cardIds])
			.count(),
		bucketsOfCards(db, cardIds)
	]);
	return packsOf([...buckets.values()]).reduce(
		(n, p) => n + (wanted.has(p.cardId) ? p.ids.length : 0),
		loose
	);
}
