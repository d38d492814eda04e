import type { LogPack, RehearseDB, ReviewLogEntry } from './schema';
import { rowsOfPack } from './log-pack';
import { byTime } from '../scheduling/log';

export { packOf, rowsOfPack } from './log-pack';
export { lastIdOfCard } from './entry-ids';

// Where the log's rows live. An answer writes its row loose, one record in `log`; a change of many
// entries (a restore, an Anki import, a first sync) writes each card it touches as one record in
// `packs`, since IndexedDB's cost is per record (docs/packed-log.md). A row is in exactly one of the
// two. Every reader of the log goes through this module, so none needs to know which.

/** The tables the log is stored in: a transaction that reads or writes the log covers both. */
export function entryTables(db: RehearseDB) {
	return [db.log, db.packs];
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
}

/** The stored rows of these cards. */
export async function readCardRows(db: RehearseDB, cardIds: ReadonlySet<string>): Promise<CardRows> {
	const out: CardRows = { byCard: new Map(), loose: new Set(), packed: new Set() };
	if (cardIds.size === 0) return out;
	const scan = cardIds.size > SCAN_ABOVE;
	const ids = [...cardIds];
	const [loose, packs] = await Promise.all([
		scan
			? db.log.toArray().then((rows) => rows.filter((r) => cardIds.has(r.cardId)))
			: db.log.where('cardId').anyOf(ids).toArray(),
		scan
			? db.packs.toArray().then((rows) => rows.filter((p) => cardIds.has(p.cardId)))
			: db.packs.bulkGet(ids)
	]);
	for (const pack of packs) {
		if (!pack) continue;
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
		db.packs.get(cardId)
	]);
	return [...(pack ? rowsOfPack(pack) : []), ...loose];
}

/** The review log of one card, oldest first. */
export async function cardHistory(db: RehearseDB, cardId: string): Promise<ReviewLogEntry[]> {
	return (await rowsOfCard(db, cardId)).sort(byTime);
}

/** Every stored row, in no set order. */
export async function allRows(db: RehearseDB): Promise<ReviewLogEntry[]> {
	const [loose, packs] = await Promise.all([db.log.toArray(), db.packs.toArray()]);
	return packs.length === 0 ? loose : [...packs.flatMap(rowsOfPack), ...loose];
}

/** The stored rows with these ids, by id (ids not stored are absent). */
export async function rowsById(db: RehearseDB, ids: readonly string[]): Promise<Map<string, ReviewLogEntry>> {
	const out = new Map<string, ReviewLogEntry>();
	if (ids.length === 0) return out;
	const loose = await db.log.bulkGet([...ids]);
	loose.forEach((r) => r && out.set(r.id, r));
	const missing = new Set(ids.filter((id) => !out.has(id)));
	if (missing.size === 0) return out;
	// The multi-entry index gives a pack once per id it holds: each is decoded once.
	const found = await db.packs
		.where('ids')
		.anyOf([...missing])
		.toArray();
	const packs = new Map(found.map((p) => [p.cardId, p]));
	for (const pack of packs.values())
		for (const r of rowsOfPack(pack)) if (missing.has(r.id)) out.set(r.id, r);
	return out;
}

/** The ids of every stored row. */
export async function allRowIds(db: RehearseDB): Promise<string[]> {
	const [loose, packed] = await Promise.all([
		db.log.toCollection().primaryKeys(),
		db.packs.orderBy('ids').keys()
	]);
	return [...(packed as string[]), ...(loose as string[])];
}

/** How many rows are stored (an index count for the packed ones: no pack is read). */
export async function rowCount(db: RehearseDB): Promise<number> {
	const [loose, packed] = await Promise.all([db.log.count(), db.packs.orderBy('ids').count()]);
	return loose + packed;
}

/** Whether the log holds no row at all. */
export async function logIsEmpty(db: RehearseDB): Promise<boolean> {
	const [loose, packed] = await Promise.all([db.log.limit(1).count(), db.packs.limit(1).count()]);
	return loose + packed === 0;
}

/** The row with the smallest id, which for UUIDv7s is the oldest answer; found without a scan. */
export async function firstRow(db: RehearseDB): Promise<ReviewLogEntry | undefined> {
	const [loose, pack] = await Promise.all([db.log.orderBy(':id').first(), db.packs.orderBy('ids').first()]);
	const packed = pack ? rowsOfPack(pack)[0] : undefined;
	if (!loose || !packed) return loose ?? packed;
	return loose.id < packed.id ? loose : packed;
}

/**
 * The daily-review row with the greatest id (the last given) if it belongs to review day `day`. Ids are
 * UUIDv7s, made from the answer's time, so key order is the order of answers; packs are searched through
 * their id index from the top down, one id at a time, until an id falls below the loose candidate's or an
 * earlier day's.
 */
export async function lastReviewOfDay(db: RehearseDB, day: number): Promise<ReviewLogEntry | undefined> {
	const loose = await db.log
		.toCollection()
		.reverse()
		.filter((e) => e.source === 'review')
		.first();
	const best = loose?.day === day ? loose : undefined;
	for (let upper = '\uffff'; ;) {
		const pack = await db.packs.where('ids').below(upper).reverse().first();
		const top = pack ? rowsOfPack(pack).findLast((r) => r.id < upper) : undefined;
		if (!top || (loose && top.id < loose.id) || top.day < day) return best;
		// The last daily-review answer of all is packed: today's, or nothing to undo (as for a loose one).
		if (top.source === 'review') return top.day === day ? top : undefined;
		upper = top.id;
	}
}

/** Every card with at least one stored row, each once. */
export async function cardsWithRows(db: RehearseDB): Promise<string[]> {
	const [loose, packed] = await Promise.all([
		db.log.orderBy('cardId').uniqueKeys(),
		db.packs.toCollection().primaryKeys()
	]);
	return [...new Set([...(packed as string[]), ...(loose as string[])])];
}

/** The packs after card id `after` (all: ''), `limit` at most, in card order: how a full sync walks them. */
export function packsAfter(db: RehearseDB, after: string, limit: number): Promise<LogPack[]> {
	return db.packs.where(':id').above(after).limit(limit).toArray();
}

/** How many rows the packs hold: an index count, no pack read. */
export function packedRowCount(db: RehearseDB): Promise<number> {
	return db.packs.orderBy('ids').count();
}

/** How many rows these cards have, loose and packed; no row is decoded. */
export async function rowCountOfCards(db: RehearseDB, cardIds: readonly string[]): Promise<number> {
	const [loose, packs] = await Promise.all([
		db.log
			.where('cardId')
			.anyOf([...cardIds])
			.count(),
		db.packs.bulkGet([...cardIds])
	]);
	return packs.reduce((n, p) => n + (p?.ids.length ?? 0), loose);
}
