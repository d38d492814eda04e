import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeScheduler, newCardState, rate, type Grade } from '$lib/scheduling/fsrs';
import { REVIEW_SOURCES } from '$lib/scheduling/log';
import { logEntryId } from '$lib/id';
import { factsJsonOfPack, factsOfPack, packOf, rowsOfPack } from './log-pack';
import { logFacts } from '$lib/scheduling/log';
import type { ReviewLogEntry } from './schema';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9 });

/** A card's rows as answers give them: each state the rate of the one before. */
function history(cardId: string, steps: readonly { grade: Grade; minutes: number; source: number }[]) {
	let state = newCardState(cardId, T0);
	let now = T0;
	let before: ReviewLogEntry['before'] = null;
	return steps.map(({ grade, minutes, source }, i) => {
		now += minutes * 60_000;
		const after = rate(scheduler, state, now, grade);
		const row: ReviewLogEntry = {
			id: logEntryId(now, i),
			cardId,
			deckId: cardId.split('/')[0]!,
			rating: grade,
			reviewedAt: now,
			durationMs: 1000 + i,
			source: REVIEW_SOURCES[source % REVIEW_SOURCES.length]!,
			day: 20_500 + Math.floor(minutes / 1440),
			retention: 0.87,
			before,
			after
		};
		state = after;
		before = after;
		return row;
	});
}

const stepsArb = fc.array(
	fc.record({
		grade: fc.constantFrom<Grade>(1, 2, 3, 4),
		minutes: fc.integer({ min: 0, max: 100_000 }),
		source: fc.nat(10)
	}),
	{ minLength: 1, maxLength: 30 }
);

describe('a card pack', () => {
	it('gives back exactly the rows it was made of, in id order, stored as numbers', () => {
		fc.assert(
			fc.property(stepsArb, (steps) => {
				const rows = history('sql/joins-1', steps);
				const pack = packOf('sql/joins-1', [...rows].reverse());
				expect(pack.cols).toBeInstanceOf(Float64Array);
				expect(pack.rows).toBeUndefined();
				expect(pack.ids).toEqual(rows.map((r) => r.id));
				const back = rowsOfPack(pack);
				expect(back).toStrictEqual(rows);
				expect(factsOfPack(pack)).toStrictEqual(rows.map(logFacts));
				expect(factsJsonOfPack(pack)).toBe(JSON.stringify(rows.map(logFacts)).slice(1, -1));
				// Same keys, none added or left out: a state compared key by key matches too.
				back.forEach((r, i) => expect(Object.keys(r).sort()).toEqual(Object.keys(rows[i]!).sort()));
			})
		);
	});

	it('writes valid JSON for a source it does not know (a pack from a later version)', () => {
		const pack = packOf('git/a', history('git/a', [{ grade: 3, minutes: 1, source: 0 }]));
		pack.cols![5] = REVIEW_SOURCES.length;
		const json = factsJsonOfPack(pack);
		expect(json).toBe(JSON.stringify(factsOfPack(pack)).slice(1, -1));
		expect(JSON.parse(`[${json}]`)[0].source).toBeUndefined();
	});

	it('keeps a null state, a null last review and a last review of 0 apart', () => {
		const [row] = history('git/a', [{ grade: 3, minutes: 1, source: 0 }]);
		const after = { ...row!.after, last_review: null };
		const zero = { ...row!.after, last_review: 0, due: 0 };
		const rows = [
			{ ...row!, before: null, after },
			{ ...row!, id: logEntryId(T0 + 5 * 60_000), before: zero, after: zero }
		];
		expect(rowsOfPack(packOf('git/a', rows))).toStrictEqual(rows);
	});

	it('stores rows that do not fit the numbers as they are, and loses nothing', () => {
		const [row] = history('git/a', [{ grade: 3, minutes: 1, source: 0 }]);
		const odd: ReviewLogEntry[] = [
			{ ...row!, after: { ...row!.after, deckId: 'moved' } },
			{ ...row!, id: logEntryId(T0 + 9 * 60_000), extra: 'x' } as ReviewLogEntry
		];
		for (const r of odd) {
			const pack = packOf('git/a', [r]);
			expect(pack.cols).toBeUndefined();
			expect(rowsOfPack(pack)).toStrictEqual([r]);
			expect(factsOfPack(pack)).toStrictEqual([logFacts(r)]);
			expect(factsJsonOfPack(pack)).toBe(JSON.stringify(logFacts(r)));
		}
	});
});
