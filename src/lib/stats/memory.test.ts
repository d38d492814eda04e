import { describe, expect, it } from 'vitest';
import { CARD, newCardState, type CardState } from '../scheduling/card';
import { dayStartsAt } from '../scheduling/day';
import { difficultyBins, forecast, retrievabilityBins, stabilityBins, stateCounts } from './memory';

const HOUR = 4;
const TODAY = 20_100;
const NOW = dayStartsAt(TODAY, HOUR) + 5 * 3_600_000;

function card(over: Partial<CardState>): CardState {
	return { ...newCardState(`git/${Math.random()}`, NOW), ...over };
}

describe('memory figures', () => {
	const cards = [
		card({ state: CARD.Review, stability: 0.5, difficulty: 1, due: NOW - 3 * 86_400_000 }),
		card({ state: CARD.Review, stability: 12, difficulty: 5.5, due: dayStartsAt(TODAY + 1, HOUR) + 1000 }),
		card({ state: CARD.Review, stability: 400, difficulty: 10, due: dayStartsAt(TODAY + 29, HOUR) }),
		card({ state: CARD.Learning, stability: 2, difficulty: 7.2, due: NOW + 600_000 }),
		card({ state: CARD.Relearning, stability: 3, difficulty: 9.99, due: dayStartsAt(TODAY + 30, HOUR) }),
		card({ state: CARD.New })
	];

	it('counts cards by state, the scope cards never answered as unseen', () => {
		expect(stateCounts(cards, 10)).toEqual({ unseen: 5, learning: 1, review: 3, relearning: 1 });
	});

	it('bins difficulty, stability and retrievability of the cards with a memory', () => {
		expect(difficultyBins(cards).map((b) => b.count)).toEqual([1, 0, 0, 0, 1, 0, 1, 0, 2]);
		expect(stabilityBins(cards).map((b) => b.count)).toEqual([1, 2, 1, 0, 0, 0, 1]);
		const r = retrievabilityBins(cards, (c) => (c.stability > 100 ? 0.95 : c.stability / 20));
		expect(r.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 0, 1, 0, 0, 1]);
		expect(r[9]!.label).toBe('90–100%');
	});

	it('forecasts due cards per day, overdue counted today and unseen cards never', () => {
		const f = forecast(cards, NOW, HOUR, 30);
		expect(f).toHaveLength(30);
		expect(f[0]).toBe(2);
		expect(f[1]).toBe(1);
		expect(f[29]).toBe(1);
		expect(f.reduce((a, b) => a + b, 0)).toBe(4);
	});
});
