import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { newCardState } from '$lib/scheduling/fsrs';
import { RehearseDB } from './schema';

describe('schema upgrades', () => {
	it('opens a database made by version 1 with its data intact, new tables ready and deck totals computed', async () => {
		const name = 'upgrade-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores({
			cards: 'id, deckId, due',
			reviewLog: '++id, cardId, reviewedAt, day',
			days: 'day',
			settings: 'id'
		});
		const card = newCardState('git-basics/head', 1000);
		await v1
			.table('cards')
			.bulkPut([card, newCardState('git-basics/tag', 1000), newCardState('db-x/join', 1000)]);
		await v1.table('settings').put({ id: 'settings', retention: 0.85 });
		v1.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(3);
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
});
