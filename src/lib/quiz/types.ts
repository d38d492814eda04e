import type { QuizQuestion, SqlExercise } from '$lib/decks/types';
import type { Response, Verdict } from './grade';

/** What a quiz asks: a quiz question, or an SQL exercise (a query written and run on PostgreSQL). */
export type QuizItem = QuizQuestion | SqlExercise;

export type QuizMode = 'practice' | 'exam';

export interface QuizAnswer {
	response: Response;
	verdict: Verdict;
	answeredAt: number;
	/** Flashcards this answer sent back to daily review (card ids). */
	sentToReview: string[];
}

export interface QuizQuestionRef {
	/** `deck-id/item-id` */
	ref: string;
	/** What the question looked like when the attempt started (see `questionFingerprint`). */
	fingerprint: string;
	/** Display order of its choices, as indexes into the question's own choices. */
	order: number[];
}

/** One quiz attempt, stored as soon as it starts and after every answer, so it can be resumed. */
export interface QuizRecord {
	id: string;
	title: string;
	/** Topics and decks the questions were drawn from. */
	topics: string[];
	deckIds: string[];
	mode: QuizMode;
	/** Exam mode only: the time allowed for the whole quiz, or null for untimed. */
	timeLimitMs: number | null;
	seed: number;
	startedAt: number;
	finishedAt: number | null;
	questions: QuizQuestionRef[];
	/** By question index; null until answered. A question removed from its deck is 'removed'. */
	answers: (QuizAnswer | 'removed' | null)[];
}
