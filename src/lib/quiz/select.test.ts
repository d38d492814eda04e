import { describe, expect, it } from 'vitest';
import { choiceOrder, RECENT_MISS_MS, selectQuestions, type QuestionHistory } from './select';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const pool = Array.from({ length: 10 }, (_, i) => `d/q${i}`);

describe('selectQuestions', () => {
	it('puts recent misses first, then never-seen questions, when the quiz is shorter than the pool', () => {
		const history = new Map<string, QuestionHistory>();
		for (const ref of pool) history.set(ref, { lastAnsweredAt: NOW - 86_400_000, lastCorrect: true });
		history.set('d/q7', { lastAnsweredAt: NOW - 3600_000, lastCorrect: false });
		history.set('d/q2', { lastAnsweredAt: NOW - 3600_000, lastCorrect: false });
		history.delete('d/q5');
		// A miss from long ago is not "recent".
		history.set('d/q9', { lastAnsweredAt: NOW - RECENT_MISS_MS - 1, lastCorrect: false });
		const picked = selectQuestions(pool, history, 3, 42, NOW);
		expect([...picked].sort()).toEqual(['d/q2', 'd/q5', 'd/q7']);
	});

	it('is reproducible from its seed, and different seeds shuffle differently', () => {
		const a = selectQuestions(pool, new Map(), 10, 7, NOW);
		expect(selectQuestions(pool, new Map(), 10, 7, NOW)).toEqual(a);
		expect([...a].sort()).toEqual([...pool].sort());
		expect(selectQuestions(pool, new Map(), 10, 8, NOW)).not.toEqual(a);
	});

	it('returns the whole pool when asked for more than it has', () => {
		expect(selectQuestions(pool.slice(0, 3), new Map(), 20, 1, NOW)).toHaveLength(3);
	});
});

describe('choiceOrder', () => {
	it('is a permutation, reproducible per seed and question', () => {
		const order = choiceOrder(5, 123, 'd/q1');
		expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
		expect(choiceOrder(5, 123, 'd/q1')).toEqual(order);
		const others = [1, 2, 3, 4, 5, 6].map((s) => choiceOrder(5, s, 'd/q1').join());
		expect(new Set(others).size).toBeGreaterThan(1);
	});
});
