import type { DayTotals } from '$lib/db/schema';

/**
 * The home snapshot: a small copy, in localStorage, of what the home counts are made of, so the first
 * paint can show them before IndexedDB answers (docs/performance.md). IndexedDB stays the truth: the
 * home screen's live read rebuilds the snapshot whenever it is missing or disagrees.
 *
 * Change `SNAPSHOT_VERSION` when its shape or meaning changes (a schema version that moves cards).
 */
export const SNAPSHOT_KEY = 'rehearse-home';
export const SNAPSHOT_VERSION = 4;
/** A new unique value after every committed write to the collection, in any tab. */
export const GENERATION_KEY = 'rehearse-generation';
/** The review's stored first card (stored-card.ts). */
export const CARD_KEY = 'rehearse-card';
/** How many review days after today the due buckets cover. */
export const HORIZON_DAYS = 14;

/** Per deck, per review day (as a key), how many cards fall due that day. */
export type Buckets = Record<string, Record<string, number>>;

export interface Snapshot {
	v: number;
	/** The time zone the day buckets were computed in (`timeZone()`). */
	zone: string;
	dayStartHour: number;
	/** The review day it was built on. Cards due on or before it are all in bucket `built`. */
	built: number;
	/** The last review day whose due cards are counted. */
	horizon: number;
	newPerDay: number;
	reviewsPerDay: number;
	disabledDecks: string[];
	/** Cards met per deck (as `deckTotals`). */
	met: Record<string, number>;
	/** Stored cards by the day they fall due, and the same for the cards in the Review state only. */
	due: Buckets;
	reviews: Buckets;
	/** The totals of review day `today.day`. */
	today: DayTotals;
	/** Review days with daily-review answers, ascending. */
	activeDays: number[];
}

/**
 * Names the local time zone by its UTC offsets in January and July of this year: enough to tell when
 * the day buckets were computed under other clock rules. (`Intl` would name it exactly, but starting
 * it costs about 100 ms on a browser's first page.)
 */
export function timeZone(): string {
	const year = new Date().getFullYear();
	return `${new Date(year, 0, 1).getTimezoneOffset()},${new Date(year, 6, 1).getTimezoneOffset()}`;
}

/** The snapshot in `text`, or null when there is none, it does not parse or it is another version. */
export function parseSnapshot(text: string | null): Snapshot | null {
	try {
		const s = JSON.parse(text ?? 'null') as Snapshot | null;
		return s && s.v === SNAPSHOT_VERSION ? s : null;
	} catch {
		return null;
	}
}
