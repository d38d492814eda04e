import 'fake-indexeddb/auto';
import { dayOf } from '$lib/scheduling/day';
import { sendBackRule } from '$lib/review/send-back';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blankAnswer, type InterviewAnswer, type InterviewRecord } from '$lib/interview/types';
import { makeScheduler, Rating, State } from '$lib/scheduling/fsrs';
import {
	finishInterview,
	listInterviews,
	saveAnswers,
	saveInterview,
	unfinishedInterview
} from './interviews';
import { RehearseDB } from './schema';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9, fuzz: false });

function makeAnswer(overrides: Partial<InterviewAnswer> = {}): InterviewAnswer {
	return { ...blankAnswer({ ref: 'db-a/q1', topic: 'databases', minutes: 2 }, NOW), ...overrides };
}

function makeSession(overrides: Partial<InterviewRecord> = {}): InterviewRecord {
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
			's1',
			() => ['db-a/c1', 'db-a/c2'],
			NOW,
			dayOf(NOW, 4),
			sendBackRule(scheduler, NOW, 4)
		);
		expect(done?.finishedAt).toBe(NOW);
		expect(done?.sentToReview).toEqual(['db-a/c1', 'db-a/c2']);
		const log = await db.log.toArray();
		expect(log.map((e) => [e.cardId, e.source, e.rating])).toEqual([
			['db-a/c1', 'interview', Rating.Again],
			['db-a/c2', 'interview', Rating.Again]
		]);
		expect((await db.cards.get('db-a/c1'))?.state).toBe(State.Learning);

		const again = await finishInterview(
			db,
			's1',
			() => ['db-a/c3'],
			NOW + 1000,
			dayOf(NOW + 1000, 4),
			sendBackRule(scheduler, NOW + 1000, 4)
		);
		expect(again?.finishedAt).toBe(NOW);
		expect(await db.log.count()).toBe(2);
	});

	it('finishes from the stored answers, and gives null for a session no longer stored', async () => {
		await saveInterview(db, makeSession({ questions: [makeAnswer({ text: 'stored text' })] }));
		const seen: string[] = [];
		const rule = sendBackRule(scheduler, NOW, 4);
		await finishInterview(db, 's1', (s) => (seen.push(s.questions[0]!.text), []), NOW, dayOf(NOW, 4), rule);
		expect(seen).toEqual(['stored text']);
		expect(await finishInterview(db, 'gone', () => [], NOW, dayOf(NOW, 4), rule)).toBeNull();
	});

	it('never stores an unfinished copy over a finished session (exploratory 1)', async () => {
		await saveInterview(db, makeSession({ finishedAt: NOW, sentToReview: ['db-a/c1'] }));
		expect(await saveInterview(db, makeSession())).toBe(false);
		expect(await db.interviews.get('s1')).toMatchObject({ finishedAt: NOW, sentToReview: ['db-a/c1'] });
	});

	it('writes only the changed fields of the changed answers (exploratory 3)', async () => {
		await saveInterview(
			db,
			makeSession({
				questions: [makeAnswer({ text: 'from tab A' }), makeAnswer({ ref: 'db-a/q2', startedAt: null })]
			})
		);
		await saveAnswers(db, 's1', { 1: { ref: 'db-a/q2', text: 'from tab B', startedAt: NOW + 5 } });
		const [a, b] = (await db.interviews.get('s1'))!.questions;
		expect(a?.text).toBe('from tab A');
		expect(b).toMatchObject({ text: 'from tab B', startedAt: NOW + 5 });
		// A change meant for another question at that position (a different ref) is dropped.
		await saveAnswers(db, 's1', { 0: { ref: 'db-a/q9', text: 'wrong question' } });
		expect((await db.interviews.get('s1'))!.questions[0]!.text).toBe('from tab A');
	});

	it('keeps a submitted answer and a first showing as stored, and a finished session takes only overrides', async () => {
		await saveInterview(
			db,
			makeSession({ questions: [makeAnswer({ text: 'graded', submittedAt: NOW + 10, covered: [false] })] })
		);
		await saveAnswers(db, 's1', {
			0: { text: 'late dictation', submittedAt: NOW + 20, startedAt: NOW + 20, selfRating: 3 }
		});
		expect((await db.interviews.get('s1'))!.questions[0]).toMatchObject({
			text: 'graded',
			submittedAt: NOW + 10,
			startedAt: NOW,
			selfRating: 3
		});
		await db.interviews.update('s1', { finishedAt: NOW + 30 });
		await saveAnswers(db, 's1', { 0: { selfRating: 5, overrides: [true] } });
		expect((await db.interviews.get('s1'))!.questions[0]).toMatchObject({ selfRating: 3, overrides: [true] });
		expect((await db.interviews.get('s1'))!.finishedAt).toBe(NOW + 30);
	});

	it('drops changes for a session that was discarded', async () => {
		await saveAnswers(db, 'gone', { 0: { text: 'x' } });
		expect(await db.interviews.count()).toBe(0);
	});
});
