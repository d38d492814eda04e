import { dayEndsAt } from '$lib/scheduling/day';
import { newCardState, rate, Rating, State, type CardState, type Grade } from '$lib/scheduling/fsrs';
import type { FSRS } from 'ts-fsrs';

/**
 * What a quiz miss or a missed interview key point does to one flashcard: it is answered Again on the
 * person's behalf (FSRS counts a lapse, so it is due within minutes). A card already relearning and
 * due today is left alone (null), so one bad session cannot lapse the same card twice; it never
 * lengthens an interval. `stored` is the card's stored state, or null for a card never met.
 */
export type SendBack = (
	id: string,
	stored: CardState | null
) => { shown: CardState; next: CardState; grade: Grade; retention: number } | null;

/** The send-back rule for answers given at `now` (see `SendBack`). */
export function sendBackRule(scheduler: FSRS, now: number, dayStartHour: number): SendBack {
	const end = dayEndsAt(now, dayStartHour);
	return (id, stored) => {
		const shown = stored ?? newCardState(id, now);
		const relearning = shown.state === State.Learning || shown.state === State.Relearning;
		if (relearning && shown.due < end) return null;
		const next = rate(scheduler, shown, now, Rating.Again);
		return { shown, next, grade: Rating.Again, retention: scheduler.parameters.request_retention };
	};
}
