import type { Grade, State } from 'ts-fsrs';

/**
 * The card model without the scheduler: what storage, the home screen and the deck pages need. It
 * imports nothing from ts-fsrs at run time, so screens that only read cards do not load the scheduler.
 */

/** ts-fsrs's card states, as plain numbers (they equal `State.New` … `State.Relearning`). */
export const CARD = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const satisfies Record<
	string,
	State
>;

/** The answer buttons' grades, as plain numbers (they equal `Rating.Again` … `Rating.Easy`). */
export const GRADES: readonly Grade[] = [1, 2, 3, 4] as Grade[];
export const GRADE_NAMES: Record<Grade, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;

/** How many weights an FSRS-6 parameter set has (ts-fsrs's `default_w.length`; fsrs-rs 5.x fits as many). */
export const FSRS_PARAMETER_COUNT = 21;

/** The FSRS state of one flashcard for this person, as stored (dates as ms). Field names are ts-fsrs's. */
export interface CardState {
	/** `deck-id/item-id` */
	id: string;
	deckId: string;
	due: number;
	stability: number;
	difficulty: number;
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	state: State;
	last_review: number | null;
	/** Bumped on every write; an answer based on an older `rev` was made from a stale screen. */
	rev: number;
}

/** The deck a card id (`deck-id/item-id`) belongs to. */
export function deckOf(cardId: string): string {
	return cardId.split('/')[0] ?? '';
}

/** A card never answered: what `rate` starts from. */
export function newCardState(id: string, now: number): CardState {
	return {
		id,
		deckId: deckOf(id),
		due: now,
		stability: 0,
		difficulty: 0,
		elapsed_days: 0,
		scheduled_days: 0,
		learning_steps: 0,
		reps: 0,
		lapses: 0,
		state: CARD.New as State,
		last_review: null,
		rev: 0
	};
}
