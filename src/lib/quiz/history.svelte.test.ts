import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveAttempt } from '$lib/db/quizzes';
import { RehearseDB } from '$lib/db/schema';
import { testClock } from '$lib/testing/decks';
import { QuizRecords } from './history.svelte';
import type { QuizRecord } from './types';

const START = Date.parse('2026-01-05T09:00:00Z');

function attempt(id: string, overrides: Partial<QuizRecord> = {}): QuizRecord {
	return {
		id,
		title: id,
		topics: ['databases'],
		deckIds: ['db'],
		mode: 'practice',
		timeLimitMs: null,
		seed: 1,
		startedAt: START,
		finishedAt: null,
		questions: [{ ref: 'db/q1', fingerprint: 'x', order: [] }],
		answers: [null],
		...overrides
	};
}

let db: RehearseDB;
let n = 0;
const stops: (() => void)[] = [];
beforeEach(async () => {
	db = new RehearseDB(`quiz-history-${++n}`);
	await db.open();
});
afterEach(async () => {
	for (const stop of stops.splice(0)) stop();
	await db.delete();
});

async function watched(now = START): Promise<QuizRecords> {
	const history = new QuizRecords(db, testClock(now).now);
	stops.push(history.watch());
	await expect.poll(() => history.loading).toBe(false);
	return history;
}

describe('QuizRecords (history.svelte.ts)', () => {
	it('lists the attempts and offers the latest unfinished one', async () => {
		await saveAttempt(db, attempt('old', { startedAt: START - 2000 }));
		await saveAttempt(db, attempt('done', { startedAt: START - 1000, finishedAt: START - 500 }));
		await saveAttempt(db, attempt('new', { startedAt: START - 100 }));
		const history = await watched();
		expect(history.list.map((a) => a.id)).toEqual(['old', 'done', 'new']);
		expect(history.unfinished?.id).toBe('new');
	});

	// Exploratory 15: an exam whose time ran out long ago was offered as "Resume quiz".
	it('finishes an exam whose time ran out at its deadline instead of offering it', async () => {
		await saveAttempt(db, attempt('exam', { mode: 'exam', timeLimitMs: 300_000 }));
		const history = await watched(START + 3 * 3_600_000);
		expect(history.unfinished).toBeNull();
		expect((await db.quizAttempts.get('exam'))?.finishedAt).toBe(START + 300_000);
	});

	// B4 / exploratory 7: a discarded attempt stayed in the history and the topic scores.
	it('discard removes the attempt from the history and the topic scores', async () => {
		await saveAttempt(
			db,
			attempt('good', {
				finishedAt: START + 10,
				answers: [
					{ response: { kind: 'typed', text: 'x' }, verdict: 'correct', answeredAt: START, sentToReview: [] }
				]
			})
		);
		await saveAttempt(db, attempt('left', { startedAt: START + 100 }));
		const history = await watched(START + 200);
		expect(await history.discard('left')).toBe(true);
		await expect.poll(() => history.list.map((a) => a.id)).toEqual(['good']);
		expect(history.unfinished).toBeNull();
		expect(history.topicStats(new Map([['db', 'databases']])).get('databases')).toEqual({
			trend: [100],
			last: 100,
			best: 100
		});
	});

	it('shows a storage failure instead of loading forever', async () => {
		const history = new QuizRecords(db, testClock(START).now);
		db.close();
		stops.push(history.watch());
		await expect.poll(() => history.error).toBeTruthy();
	});
});
