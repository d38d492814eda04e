import type { QuizAnswer, QuizRecord } from '$lib/quiz/types';
import type { SendBack } from '$lib/review/send-back';
import { sendToReview } from './feedback';
import { answerTables } from './reviews';
import { quizDocId, type RehearseDB } from './schema';

export async function saveAttempt(db: RehearseDB, attempt: QuizRecord): Promise<void> {
	await db.quizAttempts.put(attempt);
}

export interface QuizAnswerInput {
	attemptId: string;
	index: number;
	answer: Omit<QuizAnswer, 'sentToReview'>;
	/** Flashcards to bring back if the answer is not correct. */
	missCards: string[];
	/** The review day the answer counts on, and what a miss does to each card (`sendBackRule`). */
	day: number;
	sendBack: SendBack;
}

/** When a timed attempt's time runs out, or null for an untimed one. */
export function attemptDeadline(attempt: QuizRecord): number | null {
	return attempt.timeLimitMs === null ? null : attempt.startedAt + attempt.timeLimitMs;
}

/**
 * Stores one quiz answer and, for a miss, sends its flashcards to today's review, all in one
 * transaction: either the answer and its review entries are saved, or none of them is.
 *
 * Refuses (stores nothing, sends nothing) when the attempt is already finished, when the question was
 * answered already (e.g. in another tab: the first answer stands) and when the answer comes after the
 * time limit; in that last case the attempt is finished at its deadline. Returns the stored attempt:
 * the caller sees from it whether its answer counted.
 */
export async function recordQuizAnswer(db: RehearseDB, input: QuizAnswerInput): Promise<QuizRecord> {
	return db.transaction('rw', [db.quizAttempts, ...answerTables(db)], async () => {
		const attempt = await db.quizAttempts.get(input.attemptId);
		if (!attempt) throw new Error('This quiz attempt no longer exists.');
		if (attempt.finishedAt !== null || attempt.answers[input.index]) return attempt;
		const deadline = attemptDeadline(attempt);
		if (deadline !== null && input.answer.answeredAt > deadline) {
			const done = { ...attempt, finishedAt: deadline };
			await Promise.all([db.quizAttempts.put(done), db.outbox.add({ id: quizDocId(done.id) })]);
			return done;
		}
		const sent =
			input.answer.verdict === 'correct'
				? []
				: await sendToReview(db, input.missCards, 'quiz', input.answer.answeredAt, input.day, input.sendBack);
		const answers = [...attempt.answers];
		answers[input.index] = { ...input.answer, sentToReview: sent };
		const next = { ...attempt, answers };
		await db.quizAttempts.put(next);
		return next;
	});
}

/**
 * Marks an attempt finished (idempotent). Unanswered questions stay null and count as not answered.
 * A timed attempt finishes at its deadline at the latest, so an exam left open past its time limit
 * lasts no longer than the limit. A finished attempt goes into the sync outbox.
 */
export async function finishAttempt(
	db: RehearseDB,
	id: string,
	now: number
): Promise<QuizRecord | undefined> {
	return db.transaction('rw', [db.quizAttempts, db.outbox], async () => {
		const attempt = await db.quizAttempts.get(id);
		if (!attempt || attempt.finishedAt !== null) return attempt;
		const done = { ...attempt, finishedAt: Math.min(now, attemptDeadline(attempt) ?? now) };
		await Promise.all([db.quizAttempts.put(done), db.outbox.add({ id: quizDocId(id) })]);
		return done;
	});
}

/**
 * Deletes an attempt, as if it was never taken: it leaves the history and the per-topic scores. The
 * flashcards its misses already sent to review stay there (the review entries are not undone).
 */
export async function discardAttempt(db: RehearseDB, id: string): Promise<void> {
	await db.quizAttempts.delete(id);
}

export async function markRemoved(db: RehearseDB, id: string, indexes: number[]): Promise<void> {
	await db.transaction('rw', db.quizAttempts, async () => {
		const attempt = await db.quizAttempts.get(id);
		if (!attempt) return;
		const answers = [...attempt.answers];
		for (const i of indexes) if (!answers[i]) answers[i] = 'removed';
		await db.quizAttempts.put({ ...attempt, answers });
	});
}

export async function listAttempts(db: RehearseDB): Promise<QuizRecord[]> {
	return db.quizAttempts.orderBy('startedAt').toArray();
}

/** The most recent unfinished attempt, to offer resuming it. */
export async function unfinishedAttempt(db: RehearseDB): Promise<QuizRecord | undefined> {
	const all = await db.quizAttempts.orderBy('startedAt').reverse().toArray();
	return all.find((a) => a.finishedAt === null);
}
