import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../scheduling/log';
import { cardHistories, historySize, MIN_CARDS, MIN_REVIEWS, toOptimiserInput } from './dataset';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const DAY = 86_400_000;

function entry(o: Partial<LogEntry> & Pick<LogEntry, 'cardId' | 'day'>): LogEntry {
	const reviewedAt = o.reviewedAt ?? T0 + o.day * DAY;
	return {
		id: `${reviewedAt}-${o.cardId}`,
		rating: 3,
		reviewedAt,
		durationMs: 1000,
		source: 'review',
		retention: 0.9,
		...o
	};
}

describe('cardHistories', () => {
	it('puts each card’s answers in time order, with the review days since the one before', () => {
		const h = cardHistories([
			entry({ cardId: 'b/1', day: 7, rating: 1 }),
			entry({ cardId: 'a/1', day: 3 }),
			entry({ cardId: 'b/1', day: 2, rating: 4 }),
			entry({ cardId: 'b/1', day: 2, rating: 3, reviewedAt: T0 + 2 * DAY + 600_000 })
		]);
		expect(h).toEqual([
			{ ratings: [3], days: [0] },
			{ ratings: [4, 3, 1], days: [0, 0, 5] }
		]);
	});
});

describe('toOptimiserInput', () => {
	it('makes one item per answer on a later day, holding the card’s answers up to it', () => {
		const input = toOptimiserInput([{ ratings: [3, 3, 1, 3], days: [0, 0, 4, 1] }]);
		expect([...input.lengths]).toEqual([3, 4]);
		expect([...input.ratings]).toEqual([3, 3, 1, 3, 3, 1, 3]);
		expect([...input.deltaTs]).toEqual([0, 0, 4, 0, 0, 4, 1]);
	});

	it('has as many items as historySize counts reviews, and lengths that add up to the arrays (property)', () => {
		const history = fc
			.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 30 })), {
				minLength: 1,
				maxLength: 12
			})
			.map((steps) => ({ ratings: steps.map((s) => s[0]), days: steps.map((s, i) => (i === 0 ? 0 : s[1])) }));
		fc.assert(
			fc.property(fc.array(history, { maxLength: 20 }), (histories) => {
				const input = toOptimiserInput(histories);
				expect(input.lengths.length).toBe(historySize(histories).reviews);
				expect(input.lengths.reduce((a, b) => a + b, 0)).toBe(input.ratings.length);
				expect(input.deltaTs.length).toBe(input.ratings.length);
				// Every item ends on an answer at least a day after the one before it.
				let at = 0;
				for (const n of input.lengths) {
					at += n;
					expect(input.deltaTs[at - 1]).toBeGreaterThan(0);
					expect(input.deltaTs[at - n]).toBe(0);
				}
			})
		);
	});
});

describe('historySize', () => {
	it('is enough only from MIN_REVIEWS reviews on later days of MIN_CARDS cards', () => {
		const perCard = Math.ceil(MIN_REVIEWS / MIN_CARDS);
		const card = { ratings: Array(perCard + 1).fill(3), days: [0, ...Array(perCard).fill(2)] };
		expect(historySize(Array(MIN_CARDS).fill(card))).toMatchObject({ cards: MIN_CARDS, enough: true });
		expect(historySize(Array(MIN_CARDS - 1).fill(card)).enough).toBe(false);
		const sameDay = { ratings: [3, 3, 3], days: [0, 0, 0] };
		expect(historySize(Array(1000).fill(sameDay))).toEqual({ reviews: 0, cards: 0, enough: false });
	});
});
