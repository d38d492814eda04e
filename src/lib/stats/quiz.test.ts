import { describe, expect, it } from 'vitest';
import type { QuizAnswer, QuizRecord } from '$lib/quiz/types';
import { attemptScore, questionHistory, topicQuizStats } from './quiz';

const ok = (at: number): QuizAnswer => ({
	response: { kind: 'choices', picked: [0] },
	verdict: 'correct',
	answeredAt: at,
	sentToReview: []
});
const bad = (at: number): QuizAnswer => ({
	response: { kind: 'choices', picked: [1] },
	verdict: 'wrong',
	answeredAt: at,
	sentToReview: []
});

function makeAttempt(overrides: Partial<QuizRecord>): QuizRecord {
	return {
		id: 'a',
		title: 't',
		topics: [],
		deckIds: [],
		mode: 'practice',
		timeLimitMs: null,
		seed: 1,
		startedAt: 0,
		finishedAt: 100,
		questions: [],
		answers: [],
		...overrides
	};
}
const q = (ref: string) => ({ ref, fingerprint: '', order: [] });

describe('quiz stats', () => {
	const first = makeAttempt({
		id: '1',
		startedAt: 10,
		questions: [q('db-a/x'), q('db-a/y'), q('git-a/z'), q('db-a/gone')],
		answers: [ok(11), bad(12), ok(13), 'removed']
	});
	const second = makeAttempt({
		id: '2',
		startedAt: 20,
		questions: [q('db-a/y'), q('db-a/x')],
		answers: [ok(21), null]
	});

	it('scores an attempt without removed questions, counting unanswered as not correct', () => {
		expect(attemptScore(first)).toEqual({ correct: 2, total: 3, answered: 3 });
		expect(attemptScore(second)).toEqual({ correct: 1, total: 2, answered: 1 });
	});

	it('remembers the latest answer per question', () => {
		const h = questionHistory([first, second]);
		expect(h.get('db-a/y')).toEqual({ lastAnsweredAt: 21, lastCorrect: true });
		expect(h.get('db-a/x')).toEqual({ lastAnsweredAt: 11, lastCorrect: true });
		expect(h.has('db-a/gone')).toBe(false);
	});

	it('gives last, best and trend per topic, scoring mixed quizzes per topic', () => {
		const topics = new Map([
			['db-a', 'databases'],
			['git-a', 'git']
		]);
		const unfinished = makeAttempt({
			id: '3',
			startedAt: 30,
			finishedAt: null,
			questions: [q('db-a/x')],
			answers: [bad(31)]
		});
		const stats = topicQuizStats([second, unfinished, first], topics);
		expect(stats.get('databases')).toEqual({ trend: [50, 50], last: 50, best: 50 });
		expect(stats.get('git')).toEqual({ trend: [100], last: 100, best: 100 });
	});
});
