import type { CardState } from '../scheduling/card';
import { cardCount, type DeckIndex } from '../decks/types';
import { dayOf, dayStartsAt } from '../scheduling/day';
import { coverageTrend } from '../interview/report';
import type { InterviewRecord } from '../interview/types';
import type { QuizRecord } from '../quiz/types';
import {
	buttonShares,
	inScope,
	perDay,
	periodTotals,
	trueRetention,
	type ButtonShare,
	type DayAnswers,
	type PeriodTotals,
	type RetentionLine
} from './answers';
import {
	combined,
	deckMastery,
	quizMissesPerDeck,
	studyNext,
	topicMastery,
	type Mastery,
	type MasteryDeck
} from './mastery';
import {
	difficultyBins,
	forecast,
	retrievabilityBins,
	stabilityBins,
	stateCounts,
	type Bin,
	type StateCounts
} from './memory';
import {
	combineProjections,
	planDay,
	planFor,
	projectDecks,
	scheduledRecall,
	workloadFactor,
	type InterviewPlan,
	type Plan,
	type Projection
} from './projection';
import { questionHistory, topicQuizStats, type TopicQuizStats } from './quiz';
import { streak } from './streak';
import type { DayDeckTotals } from './tally';

// Everything the statistics page shows, computed from what it read (db/stats.ts) for one scope (all
// decks, a topic or a deck) and one period. Pure: the page calls `statsFigures` and renders the result.

export type Period = 'month' | 'year' | 'all';
export const PERIODS: readonly { id: Period; label: string; days: number | null }[] = [
	{ id: 'month', label: '1 month', days: 30 },
	{ id: 'year', label: '1 year', days: 365 },
	{ id: 'all', label: 'All time', days: null }
];

/** The scope shown: every deck, one topic's, or one deck. */
export type StatsScope = { kind: 'all' } | { kind: 'topic'; slug: string } | { kind: 'deck'; id: string };

/** The retention table looks back a year, whatever the period shown. */
const RETENTION_DAYS = 365;
/** Days of the due forecast. */
export const FORECAST_DAYS = 90;

/** The first review day the page must read the tally from (null: all of it). */
export function firstDayToRead(period: Period, today: number): number | null {
	const days = PERIODS.find((p) => p.id === period)!.days;
	return days === null ? null : today - Math.max(days, RETENTION_DAYS) + 1;
}

/** The decks a scope covers, with what the mastery map needs of each. */
export function scopeDecks(index: DeckIndex, scope: StatsScope): MasteryDeck[] {
	return index.decks
		.filter(
			(d) => scope.kind === 'all' || (scope.kind === 'topic' ? d.topic === scope.slug : d.id === scope.id)
		)
		.map((d) => ({ id: d.id, title: d.title, topic: d.topic, total: cardCount(d) }));
}

/** The scope's name as the page's heading says it. */
export function scopeTitle(index: DeckIndex, scope: StatsScope): string {
	if (scope.kind === 'all') return 'All decks';
	if (scope.kind === 'topic') return index.topics.find((t) => t.slug === scope.slug)?.title ?? scope.slug;
	return index.decks.find((d) => d.id === scope.id)?.title ?? scope.id;
}

export interface StatsInput {
	index: DeckIndex;
	scope: StatsScope;
	period: Period;
	now: number;
	dayStartHour: number;
	/** The desired retention set now. */
	retention: number;
	tally: readonly DayDeckTotals[];
	cards: readonly CardState[];
	quizAttempts: readonly QuizRecord[];
	interviews: readonly InterviewRecord[];
	/** The probability of recalling a stored card at `now`. */
	recall: (card: CardState) => number;
	/** The interview plan, if any, with the scheduler's curve: what the outlook needs. */
	interview?: {
		plan: InterviewPlan;
		/** The forgetting curve's decay (negative). */
		decay: number;
		/** The probability of recalling a stored card at a given moment. */
		recallAt: (card: CardState, at: number) => number;
	};
}

/** The outlook for the interview day: each topic it covers, now and on the day. */
export interface InterviewOutlook {
	plan: InterviewPlan;
	/** The interview's review day, and how many review days are left before it (0: it is today or past). */
	day: number;
	daysLeft: number;
	/** The desired retention the scheduler uses until then, and the recall a kept-up card averages. */
	retention: number;
	onSchedule: number;
	/** With the plan's higher retention: that recall and the reviews it costs against the usual one. */
	raised: { onSchedule: number; workload: number } | null;
	topics: { outlook: Projection; plan: Plan }[];
	overall: { outlook: Projection; plan: Plan };
}

export interface StatsFigures {
	title: string;
	today: number;
	/** Days with answers in the period, oldest first, and their totals. */
	days: DayAnswers[];
	totals: PeriodTotals;
	/** Consecutive days with answers up to today (or yesterday). */
	streak: number;
	/** The first day of the period shown (for the calendar); the first day with answers for "all". */
	firstDay: number;
	retention: RetentionLine[];
	desiredRetention: number;
	buttons: ButtonShare[];
	states: StateCounts;
	difficulty: Bin[];
	stability: Bin[];
	retrievability: Bin[];
	/** Cards due on each of the next `FORECAST_DAYS` days, today first (overdue included). */
	forecast: number[];
	/** The topics of the scope (one for a topic, none for a deck) and its decks. */
	topics: Mastery[];
	decks: Mastery[];
	/** The whole scope in one line. */
	overall: Mastery;
	studyNext: Mastery[];
	/** Quiz scores and interview key-point coverage over time (percent, oldest first), per topic in scope. */
	quiz: { topic: string; title: string; stats: TopicQuizStats }[];
	interview: { topic: string; title: string; trend: number[] }[];
	/** Null without an interview plan. */
	outlook: InterviewOutlook | null;
}

/**
 * The statistics page's figures for one scope and period.
 *
 * @example statsFigures({ index, scope: { kind: 'topic', slug: 'databases' }, period: 'month', … }).overall.recall
 */
export function statsFigures(input: StatsInput): StatsFigures {
	const { index, scope, period, now, dayStartHour } = input;
	const today = dayOf(now, dayStartHour);
	const decks = scopeDecks(index, scope);
	const deckIds = new Set(decks.map((d) => d.id));
	const rows = inScope(input.tally, deckIds);
	const days = PERIODS.find((p) => p.id === period)!.days;
	const from = days === null ? null : today - days + 1;
	const allDays = perDay(rows);
	const shown = from === null ? allDays : allDays.filter((d) => d.day >= from);
	const cards = input.cards.filter((c) => deckIds.has(c.deckId));
	const total = decks.reduce((n, d) => n + d.total, 0);

	const misses = quizMissesPerDeck(questionHistory(input.quizAttempts));
	const perDeck = deckMastery(decks, cards, input.recall, misses);
	const topicsInScope = index.topics.filter((t) => decks.some((d) => d.topic === t.slug));
	const topics = scope.kind === 'deck' ? [] : topicMastery(topicsInScope, decks, perDeck);
	const topicOfDeck = new Map(index.decks.map((d) => [d.id, d.topic as string]));
	const quizByTopic = topicQuizStats(input.quizAttempts, topicOfDeck);
	const interviewByTopic = coverageTrend(input.interviews);

	return {
		title: scopeTitle(index, scope),
		today,
		days: shown,
		totals: periodTotals(shown),
		streak: streak(
			allDays.map((d) => d.day),
			today
		),
		firstDay: from ?? allDays[0]?.day ?? today,
		retention: trueRetention(rows, today),
		desiredRetention: input.retention,
		buttons: buttonShares(from === null ? rows : rows.filter((r) => r.day >= from)),
		states: stateCounts(cards, total),
		difficulty: difficultyBins(cards),
		stability: stabilityBins(cards),
		retrievability: retrievabilityBins(cards, input.recall),
		forecast: forecast(cards, now, dayStartHour, FORECAST_DAYS),
		topics,
		decks: perDeck,
		overall: combined('scope', scopeTitle(index, scope), perDeck),
		studyNext: studyNext(perDeck),
		quiz: topicsInScope
			.filter((t) => quizByTopic.has(t.slug))
			.map((t) => ({ topic: t.slug, title: t.title, stats: quizByTopic.get(t.slug)! })),
		interview: topicsInScope
			.filter((t) => interviewByTopic.has(t.slug))
			.map((t) => ({ topic: t.slug, title: t.title, trend: interviewByTopic.get(t.slug)! })),
		outlook: input.interview ? interviewOutlook(input, input.interview, decks, cards, today) : null
	};
}

/**
 * The interview day's outlook for the topics of the scope the plan covers (all of them when it names
 * none): recall on the morning of the day (when the review day starts) with no more study and with the
 * reviews kept up, and what reaching the target takes.
 */
export function interviewOutlook(
	input: Pick<StatsInput, 'index' | 'retention' | 'dayStartHour'>,
	{ plan, decay, recallAt }: NonNullable<StatsInput['interview']>,
	decks: readonly MasteryDeck[],
	cards: readonly CardState[],
	today: number
): InterviewOutlook | null {
	const day = planDay(plan.date);
	if (day === null) return null;
	const covered = decks.filter((d) => plan.topics.length === 0 || plan.topics.includes(d.topic));
	const retention = Math.max(input.retention, plan.retention ?? 0);
	const onSchedule = scheduledRecall(retention, decay);
	const at = dayStartsAt(day, input.dayStartHour);
	const perDeck = projectDecks(covered, cards, at, onSchedule, recallAt);
	const daysLeft = Math.max(0, day - today);
	const withPlan = (outlook: Projection) => ({
		outlook,
		plan: planFor(outlook, plan.target, onSchedule, daysLeft)
	});
	const topics = input.index.topics
		.map((t) =>
			combineProjections(
				t.slug,
				t.title,
				perDeck.filter((_, i) => covered[i]!.topic === t.slug)
			)
		)
		.filter((p) => p.total > 0);
	return {
		plan,
		day,
		daysLeft,
		retention,
		onSchedule,
		raised:
			retention > input.retention
				? { onSchedule, workload: workloadFactor(input.retention, retention, decay) }
				: null,
		topics: topics.map(withPlan),
		overall: withPlan(combineProjections('interview', 'Your interview', perDeck))
	};
}

/** The scope and period a statistics address names (`?topic=`, `?deck=`, `?period=`); all and a month otherwise. */
export function parseStatsQuery(params: URLSearchParams): { scope: StatsScope; period: Period } {
	const deck = params.get('deck');
	const topic = params.get('topic');
	const scope: StatsScope = deck
		? { kind: 'deck', id: deck }
		: topic
			? { kind: 'topic', slug: topic }
			: { kind: 'all' };
	const period = PERIODS.find((p) => p.id === params.get('period'))?.id ?? 'month';
	return { scope, period };
}

/** The query of a scope and period, without its `?`: the inverse of `parseStatsQuery`. */
export function statsQuery(scope: StatsScope, period: Period): string {
	const params = new URLSearchParams();
	if (scope.kind === 'deck') params.set('deck', scope.id);
	if (scope.kind === 'topic') params.set('topic', scope.slug);
	params.set('period', period);
	return params.toString();
}

/** Days grouped into weeks (Monday first) for the longer periods: each week's answers by state and time. */
export function byWeek(days: readonly DayAnswers[]): DayAnswers[] {
	const weeks = new Map<number, DayAnswers>();
	for (const d of days) {
		const monday = d.day - ((d.day + 3) % 7);
		let w = weeks.get(monday);
		if (!w) weeks.set(monday, (w = { day: monday, byState: [0, 0, 0, 0], total: 0, ms: 0 }));
		d.byState.forEach((n, i) => (w.byState[i as 0 | 1 | 2 | 3] += n));
		w.total += d.total;
		w.ms += d.ms;
	}
	return [...weeks.values()].sort((a, b) => a.day - b.day);
}

/**
 * `days` (one entry per day or per week, by its first day) with an empty entry for every step from
 * `first` to `last` that has none, so a chart shows the days without answers too.
 */
export function withGaps(
	days: readonly DayAnswers[],
	first: number,
	last: number,
	step: 1 | 7
): DayAnswers[] {
	const byDay = new Map(days.map((d) => [d.day, d]));
	const out: DayAnswers[] = [];
	for (let day = first; day <= last; day += step)
		out.push(byDay.get(day) ?? { day, byState: [0, 0, 0, 0], total: 0, ms: 0 });
	return out;
}
