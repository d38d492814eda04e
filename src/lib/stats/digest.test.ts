import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newCardState, type CardState } from '../scheduling/card';
import { digestOf, statesOf, tallyOf } from './digest';
import type { DayDeckTotals } from './tally';

const cardArb: fc.Arbitrary<CardState> = fc
	.record({
		n: fc.nat(999),
		state: fc.constantFrom(0, 1, 2, 3),
		stability: fc.double({ min: 0, max: 36500, noNaN: true }),
		difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
		last: fc.option(fc.integer({ min: 0, max: 2 ** 42 }), { nil: null }),
		due: fc.integer({ min: 0, max: 2 ** 42 })
	})
	.map((r) => ({
		...newCardState(`sql/c${r.n}`, 0),
		state: r.state as CardState['state'],
		stability: r.stability,
		difficulty: r.difficulty,
		last_review: r.last,
		due: r.due
	}));

describe('packed card states', () => {
	it('give back every field the statistics read, exactly, in order', () => {
		fc.assert(
			fc.property(fc.array(cardArb, { maxLength: 50 }), (cards) => {
				const back = statesOf(digestOf('sql', cards, []));
				const fields = (c: CardState) => [c.deckId, c.state, c.stability, c.difficulty, c.last_review, c.due];
				expect(back.map(fields)).toEqual(cards.map(fields));
			})
		);
	});

	it('give back the tally rows, in day order, from any first day on', () => {
		const rowArb = fc.record({
			day: fc.integer({ min: 0, max: 30_000 }),
			answers: fc.array(fc.nat(5_000), { minLength: 16, maxLength: 16 }),
			ms: fc.nat(10 ** 9)
		});
		fc.assert(
			fc.property(
				fc.uniqueArray(rowArb, { selector: (r) => r.day, maxLength: 40 }),
				fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null }),
				(rows, from) => {
					const tally: DayDeckTotals[] = rows.map((r) => ({ ...r, deckId: 'sql' }));
					const expected = tally.filter((t) => from === null || t.day >= from).sort((a, b) => a.day - b.day);
					expect(tallyOf(digestOf('sql', [], tally), from)).toEqual(expected);
				}
			)
		);
	});
});
