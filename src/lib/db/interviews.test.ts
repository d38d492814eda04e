import 'fake-indexeddb/auto';
import { dayOf } from '$lib/scheduling/day';
import { sendBackRule } from '$lib/review/send-back';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InterviewSession } from '$lib/interview/types';
import { makeScheduler, Rating, State } from '$lib/scheduling/fsrs';
import { finishInterview, listInterviews, saveInterview, unfinishedInterview } from './interviews';
import { RehearseDB } from './schema';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9, fuzz: false });

function makeSession(overrides: Partial<InterviewSession> = {}): InterviewSession {
	return {
		id: 's1',
		level: 'mid',
		topics: [],
		mode: 'interview',
		length: { kind: 'questions', value: 1 },
		startedAt: NOW,
		finishedAt: null,
		sentToReview: [],
		questions: [],
		...overrides
	};
}

let db: RehearseDB;
let n = 0;
beforeEach(async () => {
	db = new RehearseDB(`interviews-${++n}`);
	await db.open();
});
afterEach(async () => {
	await db.delete();
});

describe('interview storage', () => {
	it('keeps an unfinished session to resume, and lists sessions oldest first', async () => {
		await saveInterview(db, makeSession({ id: 'old', startedAt: NOW - 1000, finishedAt: NOW - 500 }));
		await saveInterview(db, makeSession({ id: 'open', startedAt: NOW }));
		expect((await unfinishedInterview(db))?.id).toBe('open');
		expect((await listInterviews(db)).map((s) => s.id)).toEqual(['old', 'open']);
	});

	it('finishing sends the missed cards to review with source interview, once', async () => {
		await saveInterview(db, makeSession());
		const done = await finishInterview(
			db,
			makeSession(),
			['db-a/c1', 'db-a/c2'],
			NOW,
			dayOf(NOW, 4),
			sendBackRule(scheduler, NOW, 4)
		);
		expect(done.finishedAt).toBe(NOW);
		expect(done.sentToReview).toEqual(['db-a/c1', 'db-a/c2']);
		const log = await db.reviewLog.toArray();
		expect(log.map((e) => [e.cardId, e.source, e.rating])).toEqual([
			['db-a/c1', 'interview', Rating.Again],
			['db-a/c2', 'interview', Rating.Again]
		]);
		expect((await db.cards.get('db-a/c1'))?.state).toBe(State.Learning);

		const again = await finishInterview(
			db,
			makeSession(),
			['db-a/c3'],
			NOW + 1000,
			dayOf(NOW + 1000, 4),
			sendBackRule(scheduler, NOW + 1000, 4)
		);
		expect(again.finishedAt).toBe(NOW);
		expect(await db.reviewLog.count()).toBe(2);
	});
});
