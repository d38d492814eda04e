import { CARD } from '../scheduling/card';
import { answerCount, RATINGS, STATES, type DayDeckTotals } from './tally';

// What the statistics page shows about answers, all from the day-and-deck tally (stats/tally.ts): answers
// per day by the state the card was in, time spent, the share of each button, and true retention. The
// rows given are those of the scope shown (everything, a topic or a deck); these functions only add up.

/** The four states' names, as the page shows them, by ts-fsrs's number. */
export const STATE_NAMES = ['New', 'Learning', 'Review', 'Relearning'] as const;
export const RATING_NAMES = ['Again', 'Hard', 'Good', 'Easy'] as const;

/** One review day's answers, summed over the decks in scope. */
export interface DayAnswers {
	day: number;
	/** Answers, by the state the card was in before each (New, Learning, Review, Relearning). */
	byState: [number, number, number, number];
	total: number;
	ms: number;
}

/**
 * Answers per review day (days with none left out), oldest first.
 *
 * @example perDay(rows).at(-1)?.total // answers on the last day with any
 */
export function perDay(rows: readonly DayDeckTotals[]): DayAnswers[] {
	const days = new Map<number, DayAnswers>();
	for (const row of rows) {
		let d = days.get(row.day);
		if (!d) days.set(row.day, (d = { day: row.day, byState: [0, 0, 0, 0], total: 0, ms: 0 }));
		for (const state of STATES) {
			const n = RATINGS.reduce((sum, r) => sum + (row.answers[state * 4 + r - 1] ?? 0), 0);
			d.byState[state] += n;
			d.total += n;
		}
		d.ms += row.ms;
	}
	return [...days.values()].filter((d) => d.total > 0).sort((a, b) => a.day - b.day);
}

/** The answers of one card state, by button. */
export interface ButtonShare {
	state: number;
	/** Again, Hard, Good, Easy. */
	counts: [number, number, number, number];
	total: number;
}

/** How often each button was pressed, per state the card was in (Anki's "Answer buttons"). */
export function buttonShares(rows: readonly DayDeckTotals[]): ButtonShare[] {
	return STATES.map((state) => {
		const counts: [number, number, number, number] = [0, 0, 0, 0];
		for (const row of rows) for (const r of RATINGS) counts[r - 1]! += row.answers[state * 4 + r - 1] ?? 0;
		return { state, counts, total: counts.reduce((a, b) => a + b, 0) };
	});
}

/** One line of the true retention table. */
export interface RetentionLine {
	label: string;
	/** Answers to cards in the Review state: recalled (Hard, Good or Easy) and forgotten (Again). */
	passed: number;
	failed: number;
	/** passed / (passed + failed), or null when there was no such answer. */
	retention: number | null;
}

/** The periods of the true retention table, as days back from today (today included). */
const RETENTION_PERIODS: readonly { label: string; from: number; to: number }[] = [
	{ label: 'Today', from: 0, to: 0 },
	{ label: 'Yesterday', from: 1, to: 1 },
	{ label: 'Last 7 days', from: 0, to: 6 },
	{ label: 'Last 30 days', from: 0, to: 29 },
	{ label: 'Last 365 days', from: 0, to: 364 }
];

/**
 * True retention, as Anki's table counts it: of the answers given to cards in the Review state (cards
 * past their learning steps, answered when due or early), the share not answered Again. Compare it with
 * the desired retention: well below, and the intervals are too long for this person; well above, and
 * they review more often than they need to.
 *
 * @example trueRetention(rows, today)[0] // { label: 'Today', passed: 41, failed: 4, retention: 0.911 }
 */
export function trueRetention(rows: readonly DayDeckTotals[], today: number): RetentionLine[] {
	return RETENTION_PERIODS.map(({ label, from, to }) => {
		let passed = 0;
		let failed = 0;
		for (const row of rows) {
			const back = today - row.day;
			if (back < from || back > to) continue;
			failed += row.answers[CARD.Review * 4] ?? 0;
			passed += RATINGS.slice(1).reduce((n, r) => n + (row.answers[CARD.Review * 4 + r - 1] ?? 0), 0);
		}
		const total = passed + failed;
		return { label, passed, failed, retention: total === 0 ? null : passed / total };
	});
}

/** Totals over a period: answers, days studied, time, and the longest run of consecutive days. */
export interface PeriodTotals {
	answers: number;
	daysStudied: number;
	ms: number;
	longestStreak: number;
}

export function periodTotals(days: readonly DayAnswers[]): PeriodTotals {
	let longestStreak = 0;
	let run = 0;
	let previous = Number.NaN;
	for (const d of days) {
		run = d.day === previous + 1 ? run + 1 : 1;
		longestStreak = Math.max(longestStreak, run);
		previous = d.day;
	}
	return {
		answers: days.reduce((n, d) => n + d.total, 0),
		daysStudied: days.length,
		ms: days.reduce((n, d) => n + d.ms, 0),
		longestStreak
	};
}

/** The rows of the decks in scope. */
export function inScope(rows: readonly DayDeckTotals[], decks: ReadonlySet<string>): DayDeckTotals[] {
	return rows.filter((r) => decks.has(r.deckId) && answerCount(r) > 0);
}
