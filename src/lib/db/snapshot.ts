import Dexie from 'dexie';
import { CARD, type CardState } from '$lib/scheduling/card';
import { dayOf } from '$lib/scheduling/day';
import type { DayBucket, DayTotals, ReviewLogEntry, Settings } from './schema';

/**
 * The home snapshot: a small copy, in localStorage, of what the home screen's counts are made of, so
 * the first paint can show them before IndexedDB answers. On a big collection IndexedDB takes hundreds
 * of milliseconds while a page loads; localStorage is read synchronously.
 *
 * IndexedDB stays the truth, and the home screen always confirms with a live read. The snapshot is
 * - built from IndexedDB by the home screen (`refreshSnapshot`, in snapshot-refresh.ts) on the first
 *   visit of a review day, and whenever it disagrees with what the home screen just read;
 * - kept up to date by every write that changes the counts, when its transaction commits: answers and
 *   undo (`reviews.ts`), settings (`settings.ts`); seeding clears it;
 * - ignored (see `stats/home.ts`) when it was made in another time zone or by another version of this
 *   file, or when today is past the days it covers.
 * Change `SNAPSHOT_VERSION` when its shape or meaning changes (a new schema version that moves cards).
 */
export const SNAPSHOT_KEY = 'rehearse-home';
export const SNAPSHOT_VERSION = 2;
/**
 * Bumped by every change noted or cleared, so a build that raced a write is thrown away (and a stored
 * review card, see ui/review-boot.ts, is known to be out of date).
 */
export const WRITES_KEY = 'rehearse-home-writes';
/** How many review days after today the due buckets cover. */
export const HORIZON_DAYS = 14;

export interface Snapshot {
	v: number;
	/** The time zone the day buckets were computed in. */
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
	known: Record<string, number>;
	/** Per deck: how many stored cards fall due on each review day up to `horizon`. */
	due: Record<string, Record<string, number>>;
	/** The same, for the cards in the Review state only (the daily review limit counts those). */
	reviews: Record<string, Record<string, number>>;
	/** The totals of review day `today.day`. */
	today: DayTotals;
	/** Review days with daily-review answers, ascending. */
	activeDays: number[];
}

/** The browser's localStorage, or null where there is none or it is blocked. */
export function snapshotStore(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/**
 * Names the local time zone by its UTC offsets in January and July of this year: enough to tell when
 * the day buckets were computed under other clock rules. (`Intl` would name it exactly, but starting
 * it costs about 100 ms on a browser's first page.) Self-contained: the boot script inlines it.
 */
export function timeZone(): string {
	const year = new Date().getFullYear();
	return `${new Date(year, 0, 1).getTimezoneOffset()},${new Date(year, 6, 1).getTimezoneOffset()}`;
}

export function readSnapshot(store: Storage): Snapshot | null {
	try {
		const s = JSON.parse(store.getItem(SNAPSHOT_KEY) ?? 'null') as Snapshot | null;
		return s && s.v === SNAPSHOT_VERSION ? s : null;
	} catch {
		return null;
	}
}

/** The key of the review's stored first card (ui/review-boot.ts), void once a write cannot be counted. */
export const CARD_KEY = 'rehearse-card';

/** How many writes were noted so far (in any tab); 0 where nothing was noted or there is no storage. */
export function writesCount(store = snapshotStore()): number {
	try {
		return Number(store?.getItem(WRITES_KEY) ?? 0) || 0;
	} catch {
		return 0;
	}
}

function bumpWrites(store: Storage): void {
	store.setItem(WRITES_KEY, String(writesCount(store) + 1));
}

/** Changes the stored snapshot, if there is one; `change` returns false when it cannot be kept. */
function update(store: Storage | null, change: (s: Snapshot) => boolean): void {
	if (!store) return;
	try {
		bumpWrites(store);
		const s = readSnapshot(store);
		if (!s) return;
		if (s.zone === timeZone() && change(s)) store.setItem(SNAPSHOT_KEY, JSON.stringify(s));
		else store.removeItem(SNAPSHOT_KEY);
	} catch {
		// A full or blocked storage: drop the snapshot (the home screen then reads IndexedDB as before)
		// and the review's stored card, which the count of writes may no longer make void.
		try {
			store.removeItem(SNAPSHOT_KEY);
			store.removeItem(CARD_KEY);
		} catch {
			/* nothing more to do */
		}
	}
}

/** Runs `fn` when the IndexedDB transaction the caller runs in commits (also inside a wrapping one). */
export function whenCommitted(fn: () => void): void {
	Dexie.currentTransaction.idbtrans.addEventListener('complete', () => fn());
}

export function clearSnapshot(store = snapshotStore()): void {
	update(store, () => false);
}

/**
 * Adds `delta` to the bucket of the day a card falls due on, in `due` and, for a card in the Review
 * state, in `reviews`; false when that makes a count negative.
 */
function move(s: Snapshot, card: Pick<CardState, 'deckId' | 'due' | 'state'>, delta: number): boolean {
	const day = Math.max(s.built, dayOf(card.due, s.dayStartHour));
	if (day > s.horizon) return true;
	for (const map of card.state === CARD.Review ? [s.due, s.reviews] : [s.due]) {
		const buckets = (map[card.deckId] ??= {});
		const n = (buckets[day] ?? 0) + delta;
		if (n < 0) return false;
		if (n === 0) delete buckets[day];
		else buckets[day] = n;
	}
	return true;
}

/** Today's totals as the snapshot has them, moved on to `day` (false if `day` is before them). */
function totalsFor(s: Snapshot, day: number): DayTotals | null {
	if (day < s.today.day) return null;
	if (day > s.today.day) s.today = { day, newCount: 0, reviewCount: 0, learnCount: 0 };
	return s.today;
}

export interface NotedAnswer {
	/** The stored state before the answer, or null for a card met for the first time. */
	before: CardState | null;
	after: CardState;
	day: number;
	/** The day total the answer counts in (`answerBucket`), or null when it counts in none (quiz, interview). */
	bucket: DayBucket | null;
}

/** Applies a committed answer to the snapshot. */
export function noteAnswer(a: NotedAnswer, store = snapshotStore()): void {
	update(store, (s) => {
		const deckId = a.after.deckId;
		if (a.before) {
			if (!move(s, a.before, -1)) return false;
		} else s.known[deckId] = (s.known[deckId] ?? 0) + 1;
		if (!move(s, a.after, +1)) return false;
		if (!a.bucket) return true;
		const totals = totalsFor(s, a.day);
		if (!totals) return false;
		totals[a.bucket] += 1;
		if (!s.activeDays.includes(a.day)) s.activeDays = [...s.activeDays, a.day].sort((x, y) => x - y);
		return true;
	});
}

/**
 * Applies a committed undo (see `undoLastAnswer`, which undoes daily-review answers only) of an answer
 * counted in day total `bucket`.
 */
export function noteUndo(entry: ReviewLogEntry, bucket: DayBucket, store = snapshotStore()): void {
	update(store, (s) => {
		if (!move(s, entry.after, -1)) return false;
		if (entry.before) {
			if (!move(s, entry.before, +1)) return false;
		} else {
			const known = (s.known[entry.deckId] ?? 0) - 1;
			if (known < 0) return false;
			s.known[entry.deckId] = known;
		}
		if (s.today.day !== entry.day || s.today[bucket] === 0) return false;
		s.today[bucket] -= 1;
		if (s.today.newCount + s.today.reviewCount + s.today.learnCount === 0)
			s.activeDays = s.activeDays.filter((d) => d !== entry.day);
		return true;
	});
}

/** Applies saved settings; a new day-start hour moves every bucket, so that drops the snapshot. */
export function noteSettings(settings: Settings, store = snapshotStore()): void {
	update(store, (s) => {
		if (s.dayStartHour !== settings.dayStartHour) return false;
		s.newPerDay = settings.newPerDay;
		s.reviewsPerDay = settings.reviewsPerDay;
		s.disabledDecks = [...settings.disabledDecks];
		return true;
	});
}
