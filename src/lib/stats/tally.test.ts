import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD } from '../scheduling/card';
import {
	answerCount,
	answerSlot,
	applyDelta,
	countAnswer,
	tallyLog,
	type DayDeckTotals,
	type Tallied
} from './tally';

const rowArb: fc.Arbitrary<Tallied> = fc.record({
	day: fc.integer({ min: 20_000, max: 20_010 }),
	cardId: fc.constantFrom('git/a', 'git/b', 'sql/a'),
	rating: fc.integer({ min: 1, max: 4 }),
	durationMs: fc.nat(60_000),
	before: fc.option(fc.record({ state: fc.constantFrom(0, 1, 2, 3) }), { nil: null })
});

describe('the day-and-deck tally', () => {
	it('counts an answer by its day, deck, state before and button', () => {
		const [row] = tallyLog([
			{ day: 20_000, cardId: 'git/a', rating: 3, durationMs: 4000, before: { state: CARD.Review } }
		]);
		expect(row).toMatchObject({ day: 20_000, deckId: 'git', ms: 4000 });
		expect(row!.answers[2 * 4 + 2]).toBe(1);
		expect(answerCount(row!)).toBe(1);
		expect(answerSlot(null, 1)).toBe(0);
	});

	it('counts every answer once, and taking answers out in any order leaves the tally of the rest', () => {
		fc.assert(
			fc.property(
				fc.array(rowArb, { maxLength: 60 }),
				fc.array(fc.boolean(), { maxLength: 60 }),
				(rows, drop) => {
					const all = tallyLog(rows);
					expect(all.reduce((n, t) => n + answerCount(t), 0)).toBe(rows.length);
					// Take some answers out as a delta applied to the stored rows, as an undo or merge does.
					const delta = new Map<string, DayDeckTotals>();
					const kept = rows.filter((r, i) => {
						if (!drop[i]) return true;
						countAnswer(delta, r, -1);
						return false;
					});
					const stored = new Map(all.map((t) => [`${t.day} ${t.deckId}`, t]));
					for (const [key, d] of delta) stored.set(key, applyDelta(stored.get(key), d));
					const after = [...stored.values()].filter((t) => answerCount(t) > 0);
					expect(after.sort((a, b) => a.day - b.day || a.deckId.localeCompare(b.deckId))).toEqual(
						tallyLog(kept)
					);
				}
			)
		);
	});
});
