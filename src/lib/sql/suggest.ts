import type { Level } from '$lib/decks/types';
import type { Grade } from 'ts-fsrs';

/** How an SQL exercise went, as the review needs it to suggest a grade. */
export interface ExerciseOutcome {
	/** The last submission gave the model's result. */
	solved: boolean;
	/** Submissions judged wrong before that (or before giving up). */
	wrongSubmissions: number;
	/** Hints the person opened. */
	hintsShown: number;
	/** From the exercise showing to the verdict (ms). */
	ms: number;
	level: Level;
}

/** The time a solid answer takes, by level (ms): within it and at the first try is "Good". */
export const TARGET_MS: Record<Level, number> = { junior: 3 * 60_000, mid: 5 * 60_000, senior: 8 * 60_000 };

/**
 * The grade review suggests after an SQL exercise; the person confirms it or picks another. Again when
 * it was not solved (the model's result was never reached, or the person gave up); Hard when it was
 * solved only after a wrong submission, a hint, or past the level's target time; Easy when solved at the
 * first try, unaided, within half the target; Good otherwise.
 */
export function suggestGrade(outcome: ExerciseOutcome): Grade {
	if (!outcome.solved) return 1;
	const target = TARGET_MS[outcome.level];
	if (outcome.wrongSubmissions > 0 || outcome.hintsShown > 0 || outcome.ms > target) return 2;
	return outcome.ms <= target / 2 ? 4 : 3;
}
