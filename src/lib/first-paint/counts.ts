import { dayOf } from '$lib/scheduling/day';
import { homeCounts, type HomeCounts } from '$lib/stats/home';
import { streak } from '$lib/stats/streak';
import type { Buckets, Snapshot } from './format';

/**
 * The home counts from the stored snapshot at `now`, or null when there is none or it cannot be trusted
 * today: another time zone, or a day it does not cover. The boot script and the app both call this, so
 * the first paint and the app's first render agree.
 */
export function countsFromSnapshot(
	s: Snapshot | null,
	now: number,
	zone: string,
	flashcards: Record<string, number>
): HomeCounts | null {
	if (!s || s.zone !== zone) return null;
	const day = dayOf(now, s.dayStartHour);
	if (day < s.built || day > s.horizon) return null;
	return homeCounts({
		flashcards,
		due: upTo(s.due, day),
		reviews: upTo(s.reviews, day),
		met: s.met,
		disabledDecks: s.disabledDecks,
		newPerDay: s.newPerDay,
		reviewsPerDay: s.reviewsPerDay,
		today: s.today.day === day ? s.today : { newCount: 0, reviewCount: 0, learnCount: 0 },
		streak: streak(s.activeDays, day)
	});
}

/** Per deck, the cards of the buckets up to `day` (overdue cards are in the first one). */
export function upTo(byDeck: Buckets, day: number): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [id, buckets] of Object.entries(byDeck)) {
		out[id] = 0;
		for (const k of Object.keys(buckets)) if (Number(k) <= day) out[id] += buckets[k]!;
	}
	return out;
}
