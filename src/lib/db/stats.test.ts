import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeScheduler, newCardState, rate, Rating } from '$lib/scheduling/fsrs';
import { recordAnswer } from './reviews';
import { RehearseDB } from './schema';
import { packDecks, readStats } from './stats';

const T0 = Date.parse('2026-01-05T09:00:00Z');
let db: RehearseDB;
let n = 0;
beforeEach(() => {
	db = new RehearseDB(`stats-test-${++n}`);
});
afterEach(async () => {
	await db.delete();
});

async function answer(id: string, grade: Rating.Again | Rating.Good, now: number) {
	const scheduler = makeScheduler({ retention: 0.9, fuzz: false });
	const shown = (await db.cards.get(id)) ?? newCardState(id, now);
	await recordAnswer(db, {
		shown,
		next: rate(scheduler, shown, now, grade),
		grade,
		now,
		durationMs: 1000,
		source: 'review',
		day: 1,
		retention: 0.9
	});
}

const fields = (cards: { deckId: string; state: number; stability: number; due: number }[]) =>
	cards.map((c) => [c.deckId, c.state, c.stability, c.due]).sort();

describe('the statistics read of card states', () => {
	it('reads a deck from its cards until it is packed, then from the pack, with the same states', async () => {
		await answer('git/a', Rating.Good, T0);
		await answer('git/b', Rating.Again, T0);
		await answer('sql/a', Rating.Good, T0);
		const first = await readStats(db, () => null, ['git', 'sql', 'cloud']);
		expect(first.unpacked).toEqual(['git', 'sql', 'cloud']);
		await packDecks(db, first.unpacked);
		const second = await readStats(db, () => null, ['git', 'sql', 'cloud']);
		expect(second.unpacked).toEqual([]);
		expect(fields(second.cards)).toEqual(fields(first.cards));
		expect(fields(second.cards)).toEqual(fields(await db.cards.toArray()));
		const byKey = (rows: { day: number; deckId: string }[]) =>
			rows.toSorted((a, b) => a.deckId.localeCompare(b.deckId) || a.day - b.day);
		expect(byKey(second.tally)).toEqual(byKey(first.tally));
		expect(byKey(second.tally)).toEqual(byKey(await db.dayDecks.toArray()));
		expect(second.tally.reduce((n, t) => n + t.answers.reduce((a, b) => a + b, 0), 0)).toBe(3);
	});

	it("drops a deck's pack when one of its cards is answered, and keeps the others", async () => {
		await answer('git/a', Rating.Good, T0);
		await answer('sql/a', Rating.Good, T0);
		await packDecks(db, ['git', 'sql']);
		await answer('git/a', Rating.Good, T0 + 600_000);
		expect(await db.deckMemory.toCollection().primaryKeys()).toEqual(['sql']);
		const read = await readStats(db, () => null, ['git', 'sql']);
		expect(read.unpacked).toEqual(['git']);
		expect(fields(read.cards)).toEqual(fields(await db.cards.toArray()));
	});
});
