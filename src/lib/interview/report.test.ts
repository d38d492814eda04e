import { describe, expect, it } from 'vitest';
import type { InterviewQuestion } from '$lib/decks/types';
import { buildReport, coverageTrend, missedCards, reportMarkdown } from './report';
import { blankAnswer, type InterviewAnswer, type InterviewRecord } from './types';

const MIN = 60_000;
const T0 = Date.parse('2026-01-05T23:50:00Z'); // the session crosses midnight

function question(id: string, points: [string, string[]][]): InterviewQuestion {
	return {
		kind: 'interview',
		id,
		line: 1,
		promptHtml: `Q ${id}?`,
		promptText: `Q ${id}?`,
		tags: [],
		links: [],
		level: 'mid',
		minutes: 3,
		stemHtml: '',
		keyPoints: points.map(([text, links]) => ({ text, match: ['x'], links })),
		modelAnswerHtml: '<p>Model.</p>',
		followUps: []
	};
}

function answer(overrides: Partial<InterviewAnswer>): InterviewAnswer {
	return {
		...blankAnswer({ ref: 'db-a/q1', topic: 'databases', minutes: 3 }, T0),
		submittedAt: T0 + 2 * MIN,
		text: 'some answer',
		...overrides
	};
}

const questions = new Map([
	[
		'db-a/q1',
		question('q1', [
			['A', ['db-a/c1']],
			['B', ['db-a/c2']],
			['C', ['db-b/c3']]
		])
	],
	[
		'api-a/q2',
		question('q2', [
			['D', ['api-a/c4']],
			['E', ['api-a/c5']]
		])
	]
]);

const session: InterviewRecord = {
	id: 's',
	level: 'mid',
	topics: [],
	mode: 'interview',
	length: { kind: 'questions', value: 3 },
	startedAt: T0,
	finishedAt: T0 + 20 * MIN,
	sentToReview: [],
	questions: [
		answer({ covered: [true, false, false], overrides: [false, true, false], selfRating: 3 }),
		answer({
			ref: 'api-a/q2',
			topic: 'apis',
			startedAt: T0 + 4 * MIN,
			submittedAt: T0 + 7 * MIN,
			timedOut: true,
			text: '',
			covered: [false, false],
			overrides: [false, false],
			followUps: [{ question: 'f?', text: 't' }]
		}),
		answer({ ref: 'db-a/gone', startedAt: null, submittedAt: null })
	]
};

describe('buildReport', () => {
	const report = buildReport(session, questions);

	it('reports each answered question: covered with overrides, time used against allowed, rating, follow-ups', () => {
		expect(
			report.questions.map((q) => [
				q.ref,
				q.covered,
				q.points.length,
				q.usedMs,
				q.allowedMs,
				q.timedOut,
				q.selfRating,
				q.followUps,
				q.empty
			])
		).toEqual([
			['db-a/q1', 2, 3, 2 * MIN, 3 * MIN, false, 3, 0, false],
			['api-a/q2', 0, 2, 3 * MIN, 3 * MIN, true, null, 1, true]
		]);
		expect(report.questions[0]?.points.map((p) => p.overridden)).toEqual([false, true, false]);
	});

	it('aggregates per topic, names the weakest topics and the decks to review', () => {
		expect(report.topics).toEqual([
			{ topic: 'databases', covered: 2, total: 3, pct: 67 },
			{ topic: 'apis', covered: 0, total: 2, pct: 0 }
		]);
		expect(report.weakest).toEqual(['apis']);
		expect(report.decksToReview).toEqual(['api-a', 'db-b']);
		expect([report.covered, report.total]).toEqual([2, 5]);
		// Across midnight the duration is simply the difference of the stored moments.
		expect(report.durationMs).toBe(20 * MIN);
	});

	it('sends the flashcards of missed, not-overridden points', () => {
		expect(missedCards(report.questions)).toEqual(['db-b/c3', 'api-a/c4', 'api-a/c5']);
	});

	it('renders Markdown with the checklist', () => {
		const md = reportMarkdown(report, session, { topic: (t) => t.toUpperCase(), deck: (d) => `Deck ${d}` });
		expect(md).toContain('Key points covered: 2/5');
		expect(md).toContain('- DATABASES: 2/3 (67%)');
		expect(md).toContain('- [x] B (marked as said)');
		expect(md).toContain('- [ ] C');
		expect(md).toContain('time 3:00 of 3:00 (timed out)');
	});

	it('names the decks to review next by their titles, not their ids (exploratory 22)', () => {
		expect(report.decksToReview.length).toBeGreaterThan(0);
		const md = reportMarkdown(report, session, { topic: (t) => t, deck: (d) => `Deck ${d}` });
		expect(md).toContain(`Decks to review next: ${report.decksToReview.map((d) => `Deck ${d}`).join(', ')}`);
	});
});

describe('coverageTrend', () => {
	it('gives per-topic coverage for each finished session, oldest first, from stored results', () => {
		const later: InterviewRecord = {
			...session,
			id: 's2',
			startedAt: T0 + 86_400_000,
			questions: [answer({ covered: [true, true, true], overrides: [false, false, false] })]
		};
		const unfinished: InterviewRecord = { ...session, id: 's3', finishedAt: null };
		const trend = coverageTrend([later, unfinished, session]);
		expect(trend.get('databases')).toEqual([67, 100]);
		expect(trend.get('apis')).toEqual([0]);
	});
});

describe('contradicted points', () => {
	const q = questions.get('db-a/q1')!;
	it('carry the wrong claims found; an override ("I said it right") credits them', () => {
		const checked = answer({
			covered: [false, true, false],
			contradicted: [['quicksort is stable'], [], []],
			overrides: [false, false, false]
		});
		const first = buildReport({ ...session, questions: [checked] }, questions).questions[0]!;
		expect(first.points.map((p) => [p.covered, p.contradicted])).toEqual([
			[false, ['quicksort is stable']],
			[true, []],
			[false, []]
		]);
		const overridden = buildReport(
			{ ...session, questions: [{ ...checked, overrides: [true, false, false] }] },
			questions
		).questions[0]!;
		expect([overridden.covered, overridden.points[0]?.overridden]).toEqual([2, true]);
	});

	it('an answer stored before contradictions existed reads as none', () => {
		const old = answer({ covered: [true, false, false], overrides: [false, false, false] });
		expect(
			buildReport({ ...session, questions: [old] }, new Map([['db-a/q1', q]])).questions[0]?.points.map(
				(p) => p.contradicted
			)
		).toEqual([[], [], []]);
	});
});
