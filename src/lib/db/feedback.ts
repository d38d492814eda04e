import type { SendBack } from '$lib/review/send-back';
import { recordAnswer } from './reviews';
import type { RehearseDB, ReviewSource } from './schema';

/**
 * Stores the answers that bring flashcards back into today's review after a quiz or an interview
 * showed they were not known; `sendBack` (review/send-back.ts) decides what each card becomes, and the
 * log entry says which activity sent it. Call inside a transaction over `answerTables(db)` (and the
 * caller's own tables) to make it one write.
 *
 * @returns the card ids that were sent
 */
export async function sendToReview(
	db: RehearseDB,
	cardIds: readonly string[],
	source: Exclude<ReviewSource, 'review'>,
	now: number,
	day: number,
	sendBack: SendBack
): Promise<string[]> {
	const sent: string[] = [];
	for (const id of new Set(cardIds)) {
		const answer = sendBack(id, (await db.cards.get(id)) ?? null);
		if (!answer) continue;
		await recordAnswer(db, { ...answer, now, durationMs: 0, source, day });
		sent.push(id);
	}
	return sent;
}
