import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beforeClose } from '$lib/db/database';
import { recordAnswer } from '$lib/db/reviews';
import { RehearseDB } from '$lib/db/schema';
import { makeScheduler, newCardState, rate, Rating, type Grade } from '$lib/scheduling/fsrs';
import { settle } from './settle';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9, fuzz: false });

let db: RehearseDB;
let n = 0;
beforeEach(async () => {
	db = new RehearseDB(`settle-${++n}`);
	await db.open();
});
afterEach(async () => {
	await db.delete();
});

function answer(id: string) {
	const shown = newCardState(id, NOW);
	const next = rate(scheduler, shown, NOW, Rating.Good);
	const grade: Grade = Rating.Good;
	const input = { shown, next, grade, now: NOW, durationMs: 1000, source: 'review' as const };
	return recordAnswer(db, { ...input, day: 20458, retention: 0.9 });
}

describe('settle', () => {
	it('resolves only after the answers already begun have committed', async () => {
		const committed: string[] = [];
		const answers = ['deck/a', 'deck/b', 'deck/c'].map((id) => answer(id).then(() => committed.push(id)));
		await settle(db);
		expect(committed.sort()).toEqual(['deck/a', 'deck/b', 'deck/c']);
		await Promise.all(answers);
		expect(await db.log.count()).toBe(3);
	});

	it('runs the hooks that save what waits (a typed answer) first', async () => {
		const saved: string[] = [];
		const withdraw = beforeClose(async () => {
			await Promise.resolve();
			saved.push('draft');
		});
		try {
			await settle(db);
			expect(saved).toEqual(['draft']);
		} finally {
			withdraw();
		}
	});

	it('resolves at once with nothing in flight', async () => {
		await settle(db);
		expect(await db.log.count()).toBe(0);
	});
});
