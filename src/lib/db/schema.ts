import Dexie, { type EntityTable } from 'dexie';
import type { CardState, Grade } from '$lib/scheduling/fsrs';
import type { QuizRecord } from '$lib/quiz/types';
import type { InterviewRecord } from '$lib/interview/types';

export type ReviewSource = 'review' | 'quiz' | 'interview';

/** One answer, append-only. `before` is null when the card was new (it had no stored state). */
export interface ReviewLogEntry {
	id?: number;
	cardId: string;
	deckId: string;
	rating: Grade;
	/** When the answer was given (ms). */
	reviewedAt: number;
	/** How long the person looked at the card before answering (ms). */
	durationMs: number;
	source: ReviewSource;
	/** The review day (see scheduling/day.ts) the answer counts for. */
	day: number;
	before: CardState | null;
	after: CardState;
}

/** Totals per review day, kept in the same transaction as each answer so counts never need a scan. */
export interface DayTotals {
	day: number;
	newCount: number;
	reviewCount: number;
	learnCount: number;
}

/** One of a day's totals: the one an answer counts in depends on the card's state before it. */
export type DayBucket = Exclude<keyof DayTotals, 'day'>;

/** How many cards of a deck this person has met (have a stored state), kept with every answer. */
export interface DeckTotals {
	deckId: string;
	/** The count of cards met. The stored name stays `known`; code reads it into `met` names. */
	known: number;
	/**
	 * The deck's `flashcardsVersion` when all its cards were last found met (see `findUnseen`); the
	 * answer that meets a card writes the row without it.
	 */
	verified?: string;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
	id: 'settings';
	retention: number;
	newPerDay: number;
	reviewsPerDay: number;
	/** Hour (0–23, local time) at which a new review day starts. */
	dayStartHour: number;
	/** Decks switched off for daily review. Everything else, including decks shipped later, is on. */
	disabledDecks: string[];
	theme: Theme;
}

export const DEFAULT_SETTINGS: Settings = {
	id: 'settings',
	retention: 0.9,
	newPerDay: 20,
	reviewsPerDay: 200,
	dayStartHour: 4,
	disabledDecks: [],
	theme: 'system'
};

export class RehearseDB extends Dexie {
	cards!: EntityTable<CardState, 'id'>;
	reviewLog!: EntityTable<ReviewLogEntry, 'id'>;
	days!: EntityTable<DayTotals, 'day'>;
	settings!: EntityTable<Settings, 'id'>;
	quizAttempts!: EntityTable<QuizRecord, 'id'>;
	interviews!: EntityTable<InterviewRecord, 'id'>;
	deckTotals!: EntityTable<DeckTotals, 'deckId'>;

	constructor(name = 'rehearse') {
		super(name);
		this.version(1).stores({
			cards: 'id, deckId, due',
			reviewLog: '++id, cardId, reviewedAt, day',
			days: 'day',
			settings: 'id'
		});
		// v2: quiz attempts and interview sessions. New tables only; nothing to move.
		this.version(2).stores({
			quizAttempts: 'id, startedAt, finishedAt',
			interviews: 'id, startedAt, finishedAt'
		});
		// v3: per-deck counts of cards met, so the home screen never counts the cards table.
		this.version(3)
			.stores({ deckTotals: 'deckId' })
			.upgrade(async (tx) => {
				const known = new Map<string, number>();
				await tx
					.table<CardState, string>('cards')
					.each((c) => void known.set(c.deckId, (known.get(c.deckId) ?? 0) + 1));
				await tx
					.table<DeckTotals, string>('deckTotals')
					.bulkPut([...known].map(([deckId, n]) => ({ deckId, known: n })));
			});
		// v4: the review log keeps only the index it is read by (a card's history). Every answer wrote two
		// more index entries, `reviewedAt` and `day`, that nothing read; per-day figures come from `days`.
		this.version(4).stores({ reviewLog: '++id, cardId' });
	}
}
