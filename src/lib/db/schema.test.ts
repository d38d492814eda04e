import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deckOf } from '$lib/scheduling/card';
import { newCardState } from '$lib/scheduling/fsrs';
import { cardHistory } from './reviews';
import { RehearseDB } from './schema';

// The tables of version 1, as its code declared them; later versions only add to them.
const V1_STORES = {
	cards: 'id, deckId, due',
	reviewLog: '++id, cardId, reviewedAt, day',
	days: 'day',
	settings: 'id'
};

describe('schema upgrades', () => {
	it('opens a database made by version 1 with its data intact, new tables ready and deck totals computed', async () => {
		const name = 'upgrade-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores(V1_STORES);
		const card = newCardState('git-basics/head', 1000);
		await v1
			.table('cards')
			.bulkPut([card, newCardState('git-basics/tag', 1000), newCardState('db-x/join', 1000)]);
		await v1.table('settings').put({ id: 'settings', retention: 0.85 });
		v1.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(await db.cards.get('git-basics/head')).toEqual(card);
		expect(await db.settings.get('settings')).toMatchObject({ retention: 0.85 });
		expect(await db.quizAttempts.count()).toBe(0);
		expect(await db.interviews.count()).toBe(0);
		expect(await db.deckTotals.toArray()).toEqual([
			{ deckId: 'db-x', known: 1 },
			{ deckId: 'git-basics', known: 2 }
		]);
		await db.delete();
	});

	it("keeps every review-log row and each card's history when version 4 drops the unread log indexes", async () => {
		const name = 'upgrade-v3';
		const v3 = new Dexie(name);
		v3.version(3).stores({
			...V1_STORES,
			quizAttempts: 'id, startedAt, finishedAt',
			interviews: 'id, startedAt, finishedAt',
			deckTotals: 'deckId'
		});
		const row = (cardId: string, reviewedAt: number) => ({
			cardId,
			deckId: deckOf(cardId),
			rating: 3,
			reviewedAt,
			durationMs: 4000,
			source: 'review',
			day: 20_000,
			before: null,
			after: newCardState(cardId, reviewedAt)
		});
		await v3
			.table('reviewLog')
			.bulkAdd([row('git-basics/head', 1), row('db-x/join', 2), row('git-basics/head', 3)]);
		v3.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(4);
		const store = db.backendDB().transaction('reviewLog').objectStore('reviewLog');
		expect([...store.indexNames]).toEqual(['cardId']);
		expect(await db.reviewLog.count()).toBe(3);
		expect((await cardHistory(db, 'git-basics/head')).map((e) => e.reviewedAt)).toEqual([1, 3]);
		await db.delete();
	});
});
