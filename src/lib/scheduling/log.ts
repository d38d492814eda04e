import type { Grade } from 'ts-fsrs';

/** What an answer came from: daily review, or a quiz, an interview or a missed SQL exercise sending the card back. */
export const REVIEW_SOURCES = ['review', 'quiz', 'interview', 'sql'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/**
 * One answer, as it happened: everything needed to recompute the card it was given to, and nothing
 * derived. The review log is a set of these, and it is the truth: a card's state is the fold of its
 * entries (`replayCard`), so two logs merge by taking the union of their entries by `id`.
 */
export interface LogEntry {
	/** A UUIDv7 (see `logEntryId`): unique across devices, ordered by time. */
	id: string;
	/** `deck-id/item-id` */
	cardId: string;
	rating: Grade;
	/** When the answer was given (ms). */
	reviewedAt: number;
	/** How long the person looked at the card before answering (ms). */
	durationMs: number;
	source: ReviewSource;
	/** The review day (see scheduling/day.ts) the answer counted for, under the day start of the time. */
	day: number;
	/** The desired retention the scheduler used: it sets the interval the answer gave. */
	retention: number;
}

/** The fields of a `LogEntry`, for code that copies or compares entries field by field. */
export const LOG_ENTRY_FIELDS = [
	'id',
	'cardId',
	'rating',
	'reviewedAt',
	'durationMs',
	'source',
	'day',
	'retention'
] as const satisfies readonly (keyof LogEntry)[];

/** The entry alone, without anything a stored row carries besides it. */
export function logFacts(entry: LogEntry): LogEntry {
	const out = {} as Record<keyof LogEntry, unknown>;
	for (const k of LOG_ENTRY_FIELDS) out[k] = entry[k];
	return out as unknown as LogEntry;
}

/** Whether two entries say the same thing (as two copies of one answer must). */
export function sameEntry(a: LogEntry, b: LogEntry): boolean {
	return LOG_ENTRY_FIELDS.every((k) => a[k] === b[k]);
}

/** The order answers are replayed in: by time, then by id, so every device folds them alike. */
export function byTime(a: LogEntry, b: LogEntry): number {
	return a.reviewedAt - b.reviewedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
