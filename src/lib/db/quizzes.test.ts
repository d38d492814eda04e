import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuizRecord } from '$lib/quiz/types';
import { sendBackRule } from '$lib/review/send-back';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler } from '$lib/scheduling/fsrs';
import {
	discardAttempt,
	finishAttempt,
	listAttempts,
	recordQuizAnswer,
	saveAttempt,
	unfinishedAttempt,
	type QuizAnswerInput
} from './quizzes';
import { RehearseDB } from './schema';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9, fuzz: false });

function makeAttempt(overrides: Partial<QuizRecord> = {}): QuizRecord {
	return {
		id: 'a1',
		title: 'Indexes',
		topics: ['databases'],
		deckIds: ['db'],
		mode: 'practice',
		timeLimitMs: null,
		seed: 1,
		startedAt: NOW,
		finishedAt: null,
		questions: [
			{ ref: 'db/q1', fingerprint: 'x', order: [0, 1] },
			{ ref: 'db/q2', fingerprint: 'y', order: [0, 1] }
		],
		answers: [null, null],
		...overrides
	};
}

function miss(index: number, at: number): QuizAnswerInput {
	return {
		attemptId: 'a1',
		index,
		answer: { response: { kind: 'choices', picked: [1] }, verdict: 'wrong', answeredAt: at },
		missCards: ['db/card1'],
		day: dayOf(at, 4),
		sendBack: sendBackRule(scheduler, at, 4)
	};
}

let db: RehearseDB;
let n = 0;
beforeEach(async () => {
	db = new RehearseDB(`quizzes-${++n}`);
	await db.open();
});
afterEach(async () => {
	await db.delete();
});

describe('recordQuizAnswer', () => {
	it('stores a miss and sends its flashcards to review in one write', async () => {
		await saveAttempt(db, makeAttempt());
		const stored = await recordQuizAnswer(db, miss(0, NOW + 1000));
		expect(stored.answers[0]).toMatchObject({ verdict: 'wrong', sentToReview: ['db/card1'] });
		expect(await db.cards.get('db/card1')).toBeDefined();
		expect(await db.log.count()).toBe(1);
	});

	// B3: a finished attempt still accepted answers and sent cards to review.
	it('refuses an answer once the attempt is finished: nothing stored, nothing sent', async () => {
		await saveAttempt(db, makeAttempt({ finishedAt: NOW + 500 }));
		const stored = await recordQuizAnswer(db, miss(0, NOW + 1000));
		expect(stored.answers[0]).toBeNull();
		expect((await db.quizAttempts.get('a1'))?.answers[0]).toBeNull();
		expect(await db.cards.count()).toBe(0);
		expect(await db.log.count()).toBe(0);
	});

	// B3: an answer given after the exam's time limit was counted.
	it('does not count an answer after the deadline and finishes the attempt at the deadline', async () => {
		await saveAttempt(db, makeAttempt({ mode: 'exam', timeLimitMs: 60_000 }));
		const stored = await recordQuizAnswer(db, miss(0, NOW + 60_001));
		expect(stored.answers[0]).toBeNull();
		expect(stored.finishedAt).toBe(NOW + 60_000);
		expect(await db.log.count()).toBe(0);
		const onTime = await recordQuizAnswer(db, { ...miss(1, NOW + 60_000), index: 1 });
		expect(onTime.answers[1]).toBeNull();
	});

	it('keeps the first answer when a question is answered twice', async () => {
		await saveAttempt(db, makeAttempt());
		await recordQuizAnswer(db, miss(0, NOW + 1000));
		const again = await recordQuizAnswer(db, {
			...miss(0, NOW + 2000),
			answer: { response: { kind: 'choices', picked: [0] }, verdict: 'correct', answeredAt: NOW + 2000 }
		});
		expect(again.answers[0]).toMatchObject({ verdict: 'wrong', answeredAt: NOW + 1000 });
		expect(await db.log.count()).toBe(1);
	});

	it('says so when the attempt is gone', async () => {
		await expect(recordQuizAnswer(db, miss(0, NOW))).rejects.toThrow('no longer exists');
	});
});

describe('finishAttempt', () => {
	it('finishes once: a second call keeps the first time', async () => {
		await saveAttempt(db, makeAttempt());
		expect((await finishAttempt(db, 'a1', NOW + 10))?.finishedAt).toBe(NOW + 10);
		expect((await finishAttempt(db, 'a1', NOW + 20))?.finishedAt).toBe(NOW + 10);
	});

	// Exploratory 15: an exam left open for hours lasted hours.
	it('finishes a timed attempt at its deadline at the latest', async () => {
		await saveAttempt(db, makeAttempt({ mode: 'exam', timeLimitMs: 5 * 60_000 }));
		const done = await finishAttempt(db, 'a1', NOW + 3 * 3_600_000);
		expect(done?.finishedAt).toBe(NOW + 5 * 60_000);
	});
});

describe('discardAttempt', () => {
	// B4 / exploratory 7: "Discard it" kept a scored attempt.
	it('deletes the attempt and leaves the flashcards its misses sent to review', async () => {
		await saveAttempt(db, makeAttempt());
		await recordQuizAnswer(db, miss(0, NOW + 1000));
		await discardAttempt(db, 'a1');
		expect(await listAttempts(db)).toEqual([]);
		expect(await unfinishedAttempt(db)).toBeUndefined();
		expect(await db.cards.get('db/card1')).toBeDefined();
	});
});
