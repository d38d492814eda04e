import { describe, expect, it } from 'vitest';
import { buttonShares, inScope, perDay, periodTotals, trueRetention } from './answers';
import { emptyDayDeck, type DayDeckTotals } from './tally';

/** A tally row with `n` answers at each listed `[state, rating]`. */
function row(day: number, deckId: string, answers: [number, number, number][], ms = 0): DayDeckTotals {
	const t = emptyDayDeck(day, deckId);
	for (const [state, rating, n] of answers) t.answers[state * 4 + rating - 1] = n;
	t.ms = ms;
	return t;
}

const TODAY = 20_100;

describe('answer figures', () => {
	const rows = [
		row(
			TODAY,
			'git',
			[
				[2, 1, 1],
				[2, 3, 9],
				[0, 3, 5]
			],
			60_000
		),
		row(
			TODAY,
			'sql',
			[
				[2, 4, 2],
				[1, 3, 3]
			],
			30_000
		),
		row(
			TODAY - 1,
			'git',
			[
				[2, 1, 3],
				[2, 2, 1]
			],
			20_000
		),
		row(TODAY - 3, 'git', [[3, 3, 4]], 10_000),
		row(
			TODAY - 40,
			'sql',
			[
				[2, 1, 2],
				[2, 3, 2]
			],
			5_000
		)
	];

	it('sums each day over its decks, by the state the card was in', () => {
		expect(perDay(rows)).toEqual([
			{ day: TODAY - 40, byState: [0, 0, 4, 0], total: 4, ms: 5_000 },
			{ day: TODAY - 3, byState: [0, 0, 0, 4], total: 4, ms: 10_000 },
			{ day: TODAY - 1, byState: [0, 0, 4, 0], total: 4, ms: 20_000 },
			{ day: TODAY, byState: [5, 3, 12, 0], total: 20, ms: 90_000 }
		]);
	});

	it('computes true retention over review-state answers only, per period', () => {
		const lines = trueRetention(rows, TODAY);
		// Today: review-state answers 1 Again, 9 Good, 2 Easy → 11 of 12; new and learning answers do not count.
		expect(lines[0]).toEqual({ label: 'Today', passed: 11, failed: 1, retention: 11 / 12 });
		expect(lines[1]).toEqual({ label: 'Yesterday', passed: 1, failed: 3, retention: 0.25 });
		// Relearning answers (3 days ago) are not review-state answers.
		expect(lines[2]).toEqual({ label: 'Last 7 days', passed: 12, failed: 4, retention: 0.75 });
		expect(lines[3]).toMatchObject({ passed: 12, failed: 4 });
		expect(lines[4]).toEqual({ label: 'Last 365 days', passed: 14, failed: 6, retention: 0.7 });
		expect(trueRetention([], TODAY)[0]!.retention).toBeNull();
	});

	it('shares the buttons by state', () => {
		const [fresh, learning, review, relearning] = buttonShares(rows);
		expect(fresh).toEqual({ state: 0, counts: [0, 0, 5, 0], total: 5 });
		expect(learning).toEqual({ state: 1, counts: [0, 0, 3, 0], total: 3 });
		expect(review).toEqual({ state: 2, counts: [6, 1, 11, 2], total: 20 });
		expect(relearning).toEqual({ state: 3, counts: [0, 0, 4, 0], total: 4 });
	});

	it('totals a period with its longest run of days', () => {
		expect(periodTotals(perDay(rows))).toEqual({
			answers: 32,
			daysStudied: 4,
			ms: 125_000,
			longestStreak: 2
		});
		expect(periodTotals([])).toEqual({ answers: 0, daysStudied: 0, ms: 0, longestStreak: 0 });
	});

	it('keeps the rows of the decks in scope', () => {
		expect(inScope(rows, new Set(['sql'])).map((r) => r.day)).toEqual([TODAY, TODAY - 40]);
	});
});
