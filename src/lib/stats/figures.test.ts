import { describe, expect, it } from 'vitest';
import { CARD, newCardState, type CardState } from '../scheduling/card';
import { dayOf, dayStartsAt } from '../scheduling/day';
import type { DeckIndex } from '../decks/types';
import {
	byWeek,
	firstDayToRead,
	parseStatsQuery,
	statsFigures,
	statsQuery,
	withGaps,
	type StatsInput
} from './figures';
import { tallyLog } from './tally';

const HOUR = 4;
const NOW = Date.parse('2026-03-10T12:00:00Z');
const TODAY = dayOf(NOW, HOUR);

const index = {
	schema: 1,
	topics: [
		{ slug: 'git', title: 'Git' },
		{ slug: 'databases', title: 'Databases' }
	],
	decks: [
		{ id: 'git-basics', title: 'Git basics', topic: 'git', counts: { flashcards: 4, quiz: 0, interview: 0 } },
		{
			id: 'db-indexes',
			title: 'Indexes',
			topic: 'databases',
			counts: { flashcards: 10, quiz: 2, interview: 0 }
		}
	]
} as unknown as DeckIndex;

function reviewed(id: string, stability: number, dueInDays: number): CardState {
	return {
		...newCardState(id, NOW),
		state: CARD.Review,
		stability,
		difficulty: 5,
		last_review: NOW,
		due: NOW + dueInDays * 86_400_000
	};
}

function input(over: Partial<StatsInput> = {}): StatsInput {
	const log = [
		{ day: TODAY, cardId: 'git-basics/a', rating: 3, durationMs: 6_000, before: { state: CARD.Review } },
		{ day: TODAY, cardId: 'git-basics/b', rating: 1, durationMs: 4_000, before: { state: CARD.Review } },
		{ day: TODAY - 1, cardId: 'db-indexes/a', rating: 3, durationMs: 5_000, before: null },
		{ day: TODAY - 100, cardId: 'db-indexes/b', rating: 2, durationMs: 5_000, before: { state: CARD.Review } }
	];
	return {
		index,
		scope: { kind: 'all' },
		period: 'month',
		now: NOW,
		dayStartHour: HOUR,
		retention: 0.9,
		tally: tallyLog(log),
		cards: [reviewed('git-basics/a', 10, 3), reviewed('git-basics/b', 1, 0), reviewed('db-indexes/a', 2, 1)],
		quizAttempts: [],
		interviews: [],
		recall: (c) => (c.id === 'git-basics/a' ? 1 : 0.5),
		...over
	};
}

describe('the statistics page figures', () => {
	it('adds up the period, the year of retention, the memory states and the map for everything', () => {
		const f = statsFigures(input());
		expect(f.title).toBe('All decks');
		expect(f.totals).toMatchObject({ answers: 3, daysStudied: 2, ms: 15_000, longestStreak: 2 });
		expect(f.streak).toBe(2);
		expect(f.retention[0]).toMatchObject({ label: 'Today', passed: 1, failed: 1 });
		// The answer 100 days ago counts in the year's retention, not in the month's answers.
		expect(f.retention[4]).toMatchObject({ passed: 2, failed: 1 });
		expect(f.states).toEqual({ unseen: 11, learning: 0, review: 3, relearning: 0 });
		expect(f.forecast.slice(0, 4)).toEqual([1, 1, 0, 1]);
		expect(f.overall).toMatchObject({ total: 14, seen: 3, recalled: 2 });
		expect(f.topics.map((t) => [t.id, t.recalled])).toEqual([
			['git', 1.5],
			['databases', 0.5]
		]);
		// db-indexes: 2 × 0.5 forgotten + 9 unseen = 10; git-basics: 2 × 0.5 + 2 unseen = 3.
		expect(f.studyNext.map((m) => m.id)).toEqual(['db-indexes', 'git-basics']);
	});

	it('keeps to the scope: a deck has only its own answers and cards', () => {
		const f = statsFigures(input({ scope: { kind: 'deck', id: 'git-basics' } }));
		expect(f.title).toBe('Git basics');
		expect(f.totals.answers).toBe(2);
		expect(f.topics).toEqual([]);
		expect(f.overall).toMatchObject({ total: 4, seen: 2, recalled: 1.5 });
	});

	it('shows every answer ever for "all time"', () => {
		const f = statsFigures(input({ period: 'all' }));
		expect(f.totals.answers).toBe(4);
		expect(f.firstDay).toBe(TODAY - 100);
	});
});

describe('the statistics address and periods', () => {
	it('reads back what it writes, and defaults to everything over a month', () => {
		for (const scope of [
			{ kind: 'all' },
			{ kind: 'topic', slug: 'git' },
			{ kind: 'deck', id: 'db-x' }
		] as const) {
			for (const period of ['month', 'year', 'all'] as const) {
				expect(parseStatsQuery(new URLSearchParams(statsQuery(scope, period)))).toEqual({ scope, period });
			}
		}
		expect(parseStatsQuery(new URLSearchParams('period=decade'))).toEqual({
			scope: { kind: 'all' },
			period: 'month'
		});
	});

	it('reads a year of the tally at least, for the retention table', () => {
		expect(firstDayToRead('month', 1000)).toBe(1000 - 364);
		expect(firstDayToRead('year', 1000)).toBe(1000 - 364);
		expect(firstDayToRead('all', 1000)).toBeNull();
	});

	it('groups days into weeks from Monday and fills the days and weeks without answers', () => {
		// Day 20_521 is a Monday (2026-03-09).
		const monday = dayOf(dayStartsAt(20_521, HOUR) + 1, HOUR);
		expect(new Date(monday * 86_400_000).getUTCDay()).toBe(1);
		const days = [
			{ day: monday + 1, byState: [1, 0, 0, 0] as [number, number, number, number], total: 1, ms: 10 },
			{ day: monday + 6, byState: [0, 2, 0, 0] as [number, number, number, number], total: 2, ms: 20 },
			{ day: monday + 7, byState: [0, 0, 3, 0] as [number, number, number, number], total: 3, ms: 30 }
		];
		expect(byWeek(days)).toEqual([
			{ day: monday, byState: [1, 2, 0, 0], total: 3, ms: 30 },
			{ day: monday + 7, byState: [0, 0, 3, 0], total: 3, ms: 30 }
		]);
		const filled = withGaps(days, monday, monday + 7, 1);
		expect(filled.map((d) => d.total)).toEqual([0, 1, 0, 0, 0, 0, 2, 3]);
	});
});

describe('the interview outlook', () => {
	// The interview is 10 review days away; the test's curve: 0.6 for every seen card on the day.
	const date = new Date((TODAY + 10) * 86_400_000).toISOString().slice(0, 10);
	const interview = {
		plan: { date, topics: ['git'], target: 0.9 },
		decay: -0.5,
		recallAt: () => 0.6
	};

	it("covers the plan's topics only, each card due before the day counting the kept-up recall", () => {
		const f = statsFigures(input({ interview }));
		expect(f.outlook).toMatchObject({ day: TODAY + 10, daysLeft: 10, retention: 0.9, raised: null });
		expect(f.outlook!.onSchedule).toBeCloseTo(1.8 / 1.9, 12);
		expect(f.outlook!.topics.map((t) => t.outlook.id)).toEqual(['git']);
		// git-basics: 4 cards, 2 seen, both due within 3 days of now, so before the day.
		const git = f.outlook!.topics[0]!;
		expect(git.outlook).toMatchObject({ total: 4, seen: 2, dueBefore: 2 });
		expect(git.outlook.idle).toBeCloseTo(1.2, 12);
		expect(git.outlook.kept).toBeCloseTo(2 * (1.8 / 1.9), 12);
		// 3.6 − 1.895 = 1.705 short: 2 new cards of the 2 unseen, over 10 days.
		expect(git.plan).toMatchObject({ newCards: 2, newPerDay: 1, reviewsPerDay: 1, reachable: true });
		expect(f.outlook!.overall.outlook.total).toBe(4);
	});

	it('covers every topic when the plan names none, and says what a higher retention costs', () => {
		const f = statsFigures(
			input({ interview: { ...interview, plan: { ...interview.plan, topics: [], retention: 0.95 } } })
		);
		expect(f.outlook!.topics.map((t) => t.outlook.id)).toEqual(['git', 'databases']);
		expect(f.outlook!.retention).toBe(0.95);
		expect(f.outlook!.raised!.workload).toBeCloseTo(0.2345679 / 0.1080332, 5);
		expect(f.outlook!.overall.outlook.total).toBe(14);
	});

	it('is absent without a plan', () => {
		expect(statsFigures(input()).outlook).toBeNull();
	});
});
