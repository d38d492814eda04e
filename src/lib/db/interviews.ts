import type { InterviewSession } from '$lib/interview/types';
import type { SendBack } from '$lib/review/send-back';
import { sendToReview } from './feedback';
import { answerTables } from './reviews';
import type { RehearseDB } from './schema';

/** Saves the session as it stands (called as the person types, debounced, and at every step). */
export async function saveInterview(db: RehearseDB, session: InterviewSession): Promise<void> {
	await db.interviews.put(session);
}

/**
 * Finishes a session: stores it as finished and sends the flashcards behind its missed key points to
 * today's review, in one transaction. Finishing twice (two tabs) sends nothing the second time.
 */
export async function finishInterview(
	db: RehearseDB,
	session: InterviewSession,
	missed: readonly string[],
	now: number,
	day: number,
	sendBack: SendBack
): Promise<InterviewSession> {
	return db.transaction('rw', [db.interviews, ...answerTables(db)], async () => {
		const stored = await db.interviews.get(session.id);
		if (stored?.finishedAt) return stored;
		const sent = await sendToReview(db, missed, 'interview', now, day, sendBack);
		const done = { ...session, finishedAt: now, sentToReview: sent };
		await db.interviews.put(done);
		return done;
	});
}

export async function listInterviews(db: RehearseDB): Promise<InterviewSession[]> {
	return db.interviews.orderBy('startedAt').toArray();
}

export async function unfinishedInterview(db: RehearseDB): Promise<InterviewSession | undefined> {
	return (await db.interviews.orderBy('startedAt').reverse().toArray()).find((s) => s.finishedAt === null);
}

export async function discardInterview(db: RehearseDB, id: string): Promise<void> {
	await db.interviews.delete(id);
}
