// Relative imports (not `$lib`) so the seed (and through it the benchmark, run by tsx) can use this module.
import { CARD, deckOf } from '../scheduling/card';

// The statistics page's aggregate: answers per review day and deck, by the card's state before the
// answer and the button pressed, and the time spent. Kept with every answer, merge and undo in the same
// transaction as the log (db/reviews.ts, db/recompute.ts), so the page never scans the log; `tallyLog`
// is the full recomputation those updates must always equal.

/** The four card states an answer can find its card in (ts-fsrs's numbers), and the four buttons. */
export const STATES = [CARD.New, CARD.Learning, CARD.Review, CARD.Relearning] as const;
export const RATINGS = [1, 2, 3, 4] as const;

/** Answers of one review day in one deck. */
export interface DayDeckTotals {
	day: number;
	deckId: string;
	/**
	 * Answers by the card's state before them and the rating: index `state * 4 + rating - 1` (16 counts).
	 * A card never answered before counts as New.
	 */
	answers: number[];
	/** Time spent on those answers (ms). */
	ms: number;
}

/** What a log row says that the tally counts: its day, card, rating, time, and the state before it. */
export interface Tallied {
	day: number;
	cardId: string;
	rating: number;
	durationMs: number;
	before: { state: number } | null;
}

/** The index of an answer's count in `answers`. */
export function answerSlot(before: { state: number } | null, rating: number): number {
	return (before?.state ?? CARD.New) * 4 + rating - 1;
}

/** An empty row for a day and deck. */
export function emptyDayDeck(day: number, deckId: string): DayDeckTotals {
	return { day, deckId, answers: new Array<number>(16).fill(0), ms: 0 };
}

/** The key of a row in a tally map. */
export function dayDeckKey(day: number, deckId: string): string {
	return `${day} ${deckId}`;
}

/**
 * Adds (`by` = 1) or takes out (`by` = -1) one log row's answer in `tally`, a map of rows by
 * `dayDeckKey`, making its row if needed.
 */
export function countAnswer(tally: Map<string, DayDeckTotals>, row: Tallied, by: 1 | -1): void {
	const deckId = deckOf(row.cardId);
	const key = dayDeckKey(row.day, deckId);
	let t = tally.get(key);
	if (!t) tally.set(key, (t = emptyDayDeck(row.day, deckId)));
	t.answers[answerSlot(row.before, row.rating)]! += by;
	t.ms += by * row.durationMs;
}

/** Adds the changes in `delta` to the stored row `base` (or to nothing): never below zero. */
export function applyDelta(base: DayDeckTotals | undefined, delta: DayDeckTotals): DayDeckTotals {
	const out = base ? { ...base, answers: [...base.answers] } : emptyDayDeck(delta.day, delta.deckId);
	delta.answers.forEach((n, i) => (out.answers[i] = Math.max(0, (out.answers[i] ?? 0) + n)));
	out.ms = Math.max(0, out.ms + delta.ms);
	return out;
}

/**
 * The full recomputation: every row of the aggregate from the whole log, in day then deck order, with
 * rows of no answer left out.
 *
 * @example tallyLog(rows).find((t) => t.deckId === 'db-indexes')?.answers[answerSlot(null, 3)] // new cards answered Good
 */
export function tallyLog(rows: Iterable<Tallied>): DayDeckTotals[] {
	const tally = new Map<string, DayDeckTotals>();
	for (const row of rows) countAnswer(tally, row, 1);
	return sortRows([...tally.values()].filter((t) => t.answers.some((n) => n > 0)));
}

/** Rows in day, then deck order. */
export function sortRows(rows: DayDeckTotals[]): DayDeckTotals[] {
	return rows.sort((a, b) => a.day - b.day || (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0));
}

/** The total number of answers in a row. */
export function answerCount(t: DayDeckTotals): number {
	return t.answers.reduce((a, b) => a + b, 0);
}
