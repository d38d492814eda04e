// Relative imports: the browser tests decode packs with this module too.
import { LOG_ENTRY_FIELDS, logFacts, REVIEW_SOURCES, type LogEntry } from '../scheduling/log';
import type { CardState } from '../scheduling/card';
import type { LogPack, ReviewLogEntry } from './schema';
import { DAY, ENTRY, STATE_FIELDS, WIDTH } from './log-pack-layout';

// How a card's log rows are stored as one record (see db/entries.ts): their numbers in one
// Float64Array, a row after another, so that IndexedDB copies a block of bytes instead of half a million
// objects. Measured in this Chromium, 50,000 packs of ten rows read back in 6.3 s this way against 12.6 s
// as objects. Rows that do not fit the layout (a field more or less, a state of another card) are kept as
// objects instead: a pack never loses anything.

const ROW_FIELDS = [...LOG_ENTRY_FIELDS, 'deckId'];

/** A card's rows as its pack, in id order. */
export function packOf(cardId: string, rows: readonly ReviewLogEntry[]): LogPack {
	const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const ids = sorted.map((r) => r.id);
	const deckId = sorted[0]?.deckId ?? '';
	if (!sorted.every((r) => fits(r, cardId, deckId))) return { cardId, ids, rows: sorted };
	const cols = new Float64Array(sorted.length * WIDTH);
	sorted.forEach((r, i) => {
		const o = i * WIDTH;
		cols[o] = r.rating;
		cols[o + 1] = r.reviewedAt;
		cols[o + 2] = r.durationMs;
		cols[o + DAY] = r.day;
		cols[o + 4] = r.retention;
		cols[o + 5] = REVIEW_SOURCES.indexOf(r.source);
		putState(cols, o + ENTRY, r.before);
		putState(cols, o + ENTRY + STATE_FIELDS.length, r.after);
	});
	return { cardId, ids, deckId, cols };
}

/** A pack's rows, in id order. */
export function rowsOfPack(pack: LogPack): ReviewLogEntry[] {
	if (pack.rows) return [...pack.rows];
	const { cardId, cols } = pack;
	const deckId = pack.deckId!;
	return factsOfPack(pack).map((facts, i) => {
		const at = i * WIDTH + ENTRY;
		return {
			...facts,
			deckId,
			before: readState(cols!, at, cardId, deckId),
			after: readState(cols!, at + STATE_FIELDS.length, cardId, deckId)!
		};
	});
}

/** A pack's entries, their facts only (`logFacts`), in id order: no card state is made. */
export function factsOfPack(pack: LogPack): LogEntry[] {
	if (pack.rows) return pack.rows.map(logFacts);
	const { cardId, cols } = pack;
	return pack.ids.map((id, i) => {
		const o = i * WIDTH;
		return {
			id,
			cardId,
			rating: cols![o] as LogEntry['rating'],
			reviewedAt: cols![o + 1]!,
			durationMs: cols![o + 2]!,
			source: REVIEW_SOURCES[cols![o + 5]!]!,
			day: cols![o + DAY]!,
			retention: cols![o + 4]!
		};
	});
}

/** JSON of a number as `JSON.stringify` writes it. */
const json = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');
const SOURCE_JSON = REVIEW_SOURCES.map((s) => JSON.stringify(s));

/**
 * A pack's entries as `JSON.stringify(factsOfPack(pack))` writes them, without the brackets: what a backup
 * writes. Written out from the numbers, with no object made per entry: half a million entries took about
 * 1.3 s through objects and `JSON.stringify` in a backup.
 */
export function factsJsonOfPack(pack: LogPack): string {
	const { cols } = pack;
	// Objects, or a source this version does not know (a pack from a later one): the slow way, as is.
	if (!cols || pack.ids.some((_, i) => SOURCE_JSON[cols[i * WIDTH + 5]!] === undefined))
		return JSON.stringify(factsOfPack(pack)).slice(1, -1);
	const card = JSON.stringify(pack.cardId);
	const parts: string[] = [];
	pack.ids.forEach((id, i) => {
		const o = i * WIDTH;
		parts.push(
			`{"id":${JSON.stringify(id)},"cardId":${card},"rating":${json(cols[o]!)},"reviewedAt":${json(cols[o + 1]!)},"durationMs":${json(cols[o + 2]!)},"source":${SOURCE_JSON[cols[o + 5]!]},"day":${json(cols[o + DAY]!)},"retention":${json(cols[o + 4]!)}}`
		);
	});
	return parts.join(',');
}

/** Whether a row is stored exactly by the numeric layout. */
function fits(r: ReviewLogEntry, cardId: string, deckId: string): boolean {
	const keys = Object.keys(r);
	return (
		keys.length === ROW_FIELDS.length + 2 &&
		ROW_FIELDS.every((k) => k in r) &&
		r.cardId === cardId &&
		r.deckId === deckId &&
		REVIEW_SOURCES.includes(r.source) &&
		[r.rating, r.reviewedAt, r.durationMs, r.day, r.retention].every(Number.isFinite) &&
		(r.before === null || stateFits(r.before, cardId, deckId)) &&
		stateFits(r.after, cardId, deckId)
	);
}

function stateFits(s: CardState | null | undefined, cardId: string, deckId: string): boolean {
	if (!s || Object.keys(s).length !== STATE_FIELDS.length + 2) return false;
	if (s.id !== cardId || s.deckId !== deckId) return false;
	return STATE_FIELDS.every((k) =>
		k === 'last_review' ? s[k] === null || Number.isFinite(s[k]) : Number.isFinite(s[k])
	);
}

/** NaN stands for a null state (in `due`) and a null `last_review`: neither is ever NaN otherwise. */
function putState(cols: Float64Array, at: number, s: CardState | null): void {
	STATE_FIELDS.forEach((k, j) => (cols[at + j] = s === null ? NaN : (s[k] ?? NaN)));
}

function readState(cols: Float64Array, at: number, id: string, deckId: string): CardState | null {
	if (Number.isNaN(cols[at])) return null;
	const last = cols[at + 9]!;
	return {
		id,
		deckId,
		due: cols[at]!,
		stability: cols[at + 1]!,
		difficulty: cols[at + 2]!,
		elapsed_days: cols[at + 3]!,
		scheduled_days: cols[at + 4]!,
		learning_steps: cols[at + 5]!,
		reps: cols[at + 6]!,
		lapses: cols[at + 7]!,
		state: cols[at + 8]! as CardState['state'],
		last_review: Number.isNaN(last) ? null : last,
		rev: cols[at + 10]!
	};
}
