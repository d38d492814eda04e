import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { logEntryId } from '$lib/id';
import { mergeLog, removedIds } from './merge';
import { purgeCards } from './purge';
import { entryCount, loggedCardIds } from './removed-cards';
import { RehearseDB } from './schema';
import { dayOf } from '$lib/scheduling/day';
import type { LogEntry } from '$lib/scheduling/log';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const MIN = 60_000;
let db: RehearseDB;
let counter = 0;

function entry(cardId: string, minutes: number): LogEntry {
	const reviewedAt = T0 + minutes * MIN;
	return {
		id: logEntryId(reviewedAt, ++counter),
		cardId,
		rating: 3,
		reviewedAt,
		durationMs: 4000,
		source: 'review',
		day: dayOf(reviewedAt, 4),
		retention: 0.9
	};
}

afterEach(async () => {
	db?.close();
	await db?.delete();
});

describe('purging the history of removed cards', () => {
	it('takes their entries out as an undo does, with their cards, and no merge brings them back', async () => {
		db = new RehearseDB('purge-removed');
		const log = [entry('git/a', 0), entry('git/gone', 1), entry('git/gone', 2000), entry('my-old/x', 3)];
		await mergeLog(db, log);
		expect(await loggedCardIds(db)).toEqual(['git/a', 'git/gone', 'my-old/x']);
		expect(await entryCount(db, ['git/gone', 'my-old/x'])).toBe(3);
		const answered = async () =>
			(await db.days.toArray()).reduce((n, d) => n + d.newCount + d.learnCount + d.reviewCount, 0);
		expect(await answered()).toBe(4);

		expect(await purgeCards(db, ['git/gone', 'my-old/x'])).toBe(3);
		expect(await loggedCardIds(db)).toEqual(['git/a']);
		expect((await db.cards.toArray()).map((c) => c.id)).toEqual(['git/a']);
		expect(await db.deckTotals.toArray()).toEqual([
			{ deckId: 'git', known: 1 },
			{ deckId: 'my-old', known: 0 }
		]);
		expect(await answered()).toBe(1);
		expect((await removedIds(db)).sort()).toEqual([log[1]!.id, log[2]!.id, log[3]!.id].sort());

		// A backup made before the purge, merged back in, adds nothing.
		const plan = await mergeLog(db, log);
		expect(plan).toMatchObject({ added: 0, known: 4 });
		expect(await loggedCardIds(db)).toEqual(['git/a']);
		expect(await purgeCards(db, [])).toBe(0);
	});

	it('sends the removals to the sync outbox once sync has begun', async () => {
		db = new RehearseDB('purge-outbox');
		const log = [entry('git/gone', 0)];
		await mergeLog(db, log);
		await db.syncMeta.put({ key: 'checkpoint:pull', value: '1' });
		await purgeCards(db, ['git/gone']);
		expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([log[0]!.id]);
	});
});
