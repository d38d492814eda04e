import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { newCardState, rate, Rating, State } from '$lib/scheduling/fsrs';
import type { FSRS } from 'ts-fsrs';
import { recordAnswer } from './reviews';
import type { RehearseDB, ReviewSource } from './schema';

/**
 * Brings flashcards back into today's review because a quiz or an interview showed they were not
 * known: each is answered Again on the person's behalf (FSRS counts it as a lapse, so it is due within
 * minutes), and the log entry says which activity sent it. A card already relearning and due today is
 * left alone, so one bad session cannot lapse the same card twice. Never lengthens an interval.
 * Call inside a transaction over `answerTables(db)` (and the caller's own tables) to make it one write.
 *
 * @returns the card ids that were sent
 */
export async function sendToReview(
	db: RehearseDB,
	cardIds: readonly string[],
	source: Exclude<ReviewSource, 'review'>,
	now: number,
	dayStartHour: number,
	scheduler: FSRS
): Promise<string[]> {
	const sent: string[] = [];
	const end = dayEndsAt(now, dayStartHour);
	for (const id of new Set(cardIds)) {
		const shown = (await db.cards.get(id)) ?? newCardState(id, now);
		const relearning = shown.state === State.Learning || shown.state === State.Relearning;
		if (relearning && shown.due < end) continue;
		const next = rate(scheduler, shown, now, Rating.Again);
		await recordAnswer(db, {
			shown,
			next,
			grade: Rating.Again,
			now,
			durationMs: 0,
			source,
			day: dayOf(now, dayStartHour)
		});
		sent.push(id);
	}
	return sent;
}
