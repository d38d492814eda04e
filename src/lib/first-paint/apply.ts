import { CARD, type CardState } from '$lib/scheduling/card';
import { dayOf } from '$lib/scheduling/day';
import type { DayBucket, Settings } from '$lib/db/schema';
import type { Snapshot } from './format';

/** One committed answer, as its review-log entry tells it. */
export interface Answer {
	/** The stored state before the answer, or null for a card met for the first time. */
	before: CardState | null;
	after: CardState;
	day: number;
	/** The day total it counts in, or null when it counts in none (a quiz or interview miss). */
	bucket: DayBucket | null;
}

/**
 * The snapshot after `answers` (pure: `s` is left as it was), or null when they cannot be applied
 * exactly: a count would go negative, or an answer is on a day before the snapshot's totals.
 */
export function applyAnswers(s: Snapshot, answers: readonly Answer[]): Snapshot | null {
	const next: Snapshot = structuredClone(s);
	for (const a of answers) {
		const deckId = a.after.deckId;
		if (a.before) {
			if (!move(next, a.before, -1)) return null;
		} else next.met[deckId] = (next.met[deckId] ?? 0) + 1;
		if (!move(next, a.after, +1)) return null;
		if (!a.bucket) continue;
		if (a.day < next.today.day) return null;
		if (a.day > next.today.day) next.today = { day: a.day, newCount: 0, reviewCount: 0, learnCount: 0 };
		next.today[a.bucket] += 1;
		if (!next.activeDays.includes(a.day)) next.activeDays = [...next.activeDays, a.day].sort((x, y) => x - y);
	}
	return next;
}

/** The snapshot under new settings, or null when they move every bucket (a new day-start hour). */
export function applySettings(s: Snapshot, settings: Settings): Snapshot | null {
	if (s.dayStartHour !== settings.dayStartHour) return null;
	return {
		...s,
		newPerDay: settings.newPerDay,
		reviewsPerDay: settings.reviewsPerDay,
		disabledDecks: [...settings.disabledDecks]
	};
}

/**
 * Adds `delta` to the bucket of the day a card falls due on (overdue: the first day; past the horizon:
 * not counted), in `due` and, for a card in the Review state, in `reviews`; false below zero.
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
