import type { InterviewAnswer, InterviewRecord } from '$lib/interview/types';
import type { SendBack } from '$lib/review/send-back';
import { sendToReview } from './feedback';
import { answerTables } from './reviews';
import { interviewDocId, type RehearseDB } from './schema';

/** Changes to some of a session's answers, by question position. */
export type AnswerChanges = Record<number, Partial<InterviewAnswer>>;

/**
 * Stores a new session whole (at its start). Never turns a stored finished session back into an
 * unfinished one: returns false and writes nothing then.
 */
export async function saveInterview(db: RehearseDB, session: InterviewRecord): Promise<boolean> {
	return db.transaction('rw', db.interviews, async () => {
		const stored = await db.interviews.get(session.id);
		if (stored && stored.finishedAt !== null && session.finishedAt === null) return false;
		await db.interviews.put(session);
		return true;
	});
}

/** What a submission fixes: once an answer is submitted (in any tab), these no longer change. */
const SUBMITTED: readonly (keyof InterviewAnswer)[] = ['text', 'submittedAt', 'timedOut', 'covered'];

function applyChange(stored: InterviewAnswer, change: Partial<InterviewAnswer>, finished: boolean) {
	const next: Partial<InterviewAnswer> = { ...change };
	if (stored.startedAt !== null) delete next.startedAt;
	if (stored.submittedAt !== null) for (const key of SUBMITTED) delete next[key];
	// After the finish only the person's "I did say that" marks may still change (from the report).
	if (finished) return { ...stored, overrides: next.overrides ?? stored.overrides };
	return { ...stored, ...next };
}

/**
 * Writes one tab's own changes to some answers of a stored session, inside a transaction, leaving
 * every other field as stored (another tab may have written them). A question's first showing and
 * a submitted answer are never rewritten, and a finished session takes only override changes.
 * Changes for a session that is no longer stored (discarded) are dropped.
 */
export async function saveAnswers(db: RehearseDB, id: string, changes: AnswerChanges): Promise<void> {
	await db.transaction('rw', db.interviews, async () => {
		const stored = await db.interviews.get(id);
		if (!stored) return;
		const finished = stored.finishedAt !== null;
		const questions = stored.questions.map((a, i) => {
			const change = changes[i];
			return change && (change.ref === undefined || change.ref === a.ref)
				? applyChange(a, change, finished)
				: a;
		});
		await db.interviews.put({ ...stored, questions });
	});
}

/**
 * Finishes a stored session: marks it finished and sends the flashcards behind its missed key points
 * (`missedOf` the stored answers) to today's review, in one transaction. A session already finished
 * (in another tab, or a second call) is returned as stored and sends nothing; a session no longer
 * stored (discarded) gives null. A finished session goes into the sync outbox.
 */
export async function finishInterview(
	db: RehearseDB,
	id: string,
	missedOf: (stored: InterviewRecord) => readonly string[],
	now: number,
	day: number,
	sendBack: SendBack
): Promise<InterviewRecord | null> {
	return db.transaction('rw', [db.interviews, ...answerTables(db)], async () => {
		const stored = await db.interviews.get(id);
		if (!stored) return null;
		if (stored.finishedAt !== null) return stored;
		const sent = await sendToReview(db, missedOf(stored), 'interview', now, day, sendBack);
		const done = { ...stored, finishedAt: now, sentToReview: sent };
		await Promise.all([db.interviews.put(done), db.outbox.add({ id: interviewDocId(id) })]);
		return done;
	});
}

export async function listInterviews(db: RehearseDB): Promise<InterviewRecord[]> {
	return db.interviews.orderBy('startedAt').toArray();
}

export async function unfinishedInterview(db: RehearseDB): Promise<InterviewRecord | undefined> {
	return (await db.interviews.orderBy('startedAt').reverse().toArray()).find((s) => s.finishedAt === null);
}

export async function discardInterview(db: RehearseDB, id: string): Promise<void> {
	await db.interviews.delete(id);
}
