import type { Level } from '$lib/decks/types';

export type InterviewMode = 'practice' | 'interview';

export interface FollowUpTaken {
	question: string;
	text: string;
}

/** One question of an interview session, with the person's answer as saved while typing. */
export interface InterviewAnswer {
	/** `deck-id/item-id` */
	ref: string;
	topic: string;
	/** Time allowed, from the deck. */
	minutes: number;
	/** When the question was first shown (ms); its countdown runs from here, so a reload keeps it. */
	startedAt: number | null;
	/** When the answer was submitted, or the time ran out. */
	submittedAt: number | null;
	text: string;
	timedOut: boolean;
	/** Per key point: did the matcher find it (filled in at submit). */
	covered: boolean[];
	/** Per key point: the wrong claims the checker found (filled in at submit; absent in older records). */
	contradicted?: string[][];
	/** Per key point: the person says "I did say that" (or, for a contradicted point, "I said it right"). */
	overrides: boolean[];
	/** 1–5, the person's own rating of the answer. */
	selfRating: number | null;
	followUps: FollowUpTaken[];
}

/** A question's answer before the person has typed anything; `startedAt` is null until it shows. */
export function blankAnswer(
	question: Pick<InterviewAnswer, 'ref' | 'topic' | 'minutes'>,
	startedAt: number | null
): InterviewAnswer {
	const { ref, topic, minutes } = question;
	return {
		ref,
		topic,
		minutes,
		startedAt,
		submittedAt: null,
		text: '',
		timedOut: false,
		covered: [],
		overrides: [],
		selfRating: null,
		followUps: []
	};
}

export interface InterviewRecord {
	id: string;
	level: Level;
	topics: string[];
	mode: InterviewMode;
	/** What the person asked for: a number of questions or a total number of minutes. */
	length: { kind: 'questions' | 'minutes'; value: number };
	startedAt: number;
	finishedAt: number | null;
	questions: InterviewAnswer[];
	/** Flashcards sent to daily review when the session finished. */
	sentToReview: string[];
}
