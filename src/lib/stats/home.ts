import type { DeckIndex } from '$lib/decks/types';
import type { Overview } from '$lib/db/overview';
import { dayOf } from '$lib/scheduling/day';
import { countByDeck } from './due';
import { streak } from './streak';

/** What the home screen shows, before it is grouped by topic. */
export interface HomeCounts {
	/** Due cards (`reviews` of them in the Review state) and unseen cards of every deck in the index. */
	perDeck: Record<string, DeckCounts>;
	disabledDecks: string[];
	/** New cards still allowed today, and reviews. */
	newRoom: number;
	reviewRoom: number;
	/**
	 * What today's review will show of the cards due, in switched-on decks: all learning cards, and
	 * review cards up to what the daily review limit still allows (as `buildQueue` counts them).
	 */
	due: number;
	/** New cards available today, in switched-on decks, within `newRoom`. */
	fresh: number;
	answered: number;
	streak: number;
}

export interface DeckCounts {
	due: number;
	reviews: number;
	unseen: number;
}

/**
 * What a review of these decks will show today of their due cards: all learning cards, and review
 * cards up to `reviewRoom`, the reviews the daily limit still allows (as `buildQueue` counts them).
 */
export function dueToday(decks: readonly DeckCounts[], reviewRoom: number): number {
	const reviews = decks.reduce((n, d) => n + d.reviews, 0);
	return decks.reduce((n, d) => n + d.due, 0) - reviews + Math.min(reviews, reviewRoom);
}

/** One deck's counts; `homeCounts` has every deck of the index, a deck it does not know has none. */
export function deckCounts(counts: HomeCounts, deckId: string): DeckCounts {
	return counts.perDeck[deckId] ?? { due: 0, reviews: 0, unseen: 0 };
}

/** Cards per deck, the one thing about the decks the home counts need. */
export function flashcardCounts(index: DeckIndex): Record<string, number> {
	return Object.fromEntries(index.decks.map((d) => [d.id, d.counts.flashcards]));
}

/** What the home counts are made of, whether read live from IndexedDB or from the stored snapshot. */
export interface HomeInputs {
	/** Cards per deck in the index (`flashcardCounts`). */
	flashcards: Record<string, number>;
	/** Stored cards due today, per deck, and how many of them are in the Review state. */
	due: Record<string, number>;
	reviews: Record<string, number>;
	/** Cards met, per deck. */
	known: Record<string, number>;
	disabledDecks: string[];
	newPerDay: number;
	reviewsPerDay: number;
	today: { newCount: number; reviewCount: number; learnCount: number };
	streak: number;
}

/**
 * The home counts, for every deck in the index and in all. Self-contained: the boot script inlines it
 * (see `countsFromSnapshot`); its total due is `dueToday` over the switched-on decks, written out.
 */
export function homeCounts(i: HomeInputs): HomeCounts {
	const newRoom = Math.max(0, i.newPerDay - i.today.newCount);
	const reviewRoom = Math.max(0, i.reviewsPerDay - i.today.reviewCount);
	const perDeck: HomeCounts['perDeck'] = {};
	let learning = 0;
	let reviews = 0;
	let unseen = 0;
	for (const id of Object.keys(i.flashcards)) {
		const due = i.due[id] ?? 0;
		const d = {
			due,
			reviews: Math.min(due, i.reviews[id] ?? 0),
			unseen: Math.max(0, i.flashcards[id]! - (i.known[id] ?? 0))
		};
		perDeck[id] = d;
		if (i.disabledDecks.includes(id)) continue;
		reviews += d.reviews;
		learning += d.due - d.reviews;
		unseen += d.unseen;
	}
	return {
		perDeck,
		disabledDecks: i.disabledDecks,
		newRoom,
		reviewRoom,
		due: learning + Math.min(reviews, reviewRoom),
		fresh: Math.min(newRoom, unseen),
		answered: i.today.newCount + i.today.reviewCount + i.today.learnCount,
		streak: i.streak
	};
}

/** The home counts from the live read of IndexedDB. */
export function countsFromOverview(index: DeckIndex, o: Overview): HomeCounts {
	return homeCounts({
		flashcards: flashcardCounts(index),
		due: Object.fromEntries(countByDeck(o.dueIds)),
		reviews: Object.fromEntries(countByDeck(o.reviewIds)),
		known: Object.fromEntries(o.known),
		disabledDecks: o.settings.disabledDecks,
		newPerDay: o.settings.newPerDay,
		reviewsPerDay: o.settings.reviewsPerDay,
		today: o.today,
		streak: streak(o.activeDays, o.day)
	});
}

/** The functions `countsFromSnapshot` is given, so that it refers to nothing outside itself. */
export const SNAPSHOT_LIB = { dayOf, streak, homeCounts };

/**
 * The home counts from the stored snapshot (`db/snapshot.ts`, passed as its JSON text), or null when
 * there is none or it cannot be trusted today: another time zone or version, or a day it does not cover.
 *
 * Self-contained, like the functions it takes in `lib` (`SNAPSHOT_LIB`): the home page inlines the
 * source text of all of them in a script that paints the counts before the app loads
 * (`ui/home-boot.ts`), and the app calls the same function, so the first paint and the app agree.
 */
export function countsFromSnapshot(
	text: string | null,
	now: number,
	zone: string,
	flashcards: Record<string, number>,
	lib: typeof SNAPSHOT_LIB
): HomeCounts | null {
	try {
		const s = JSON.parse(text ?? 'null');
		if (!s || s.v !== 2 || s.zone !== zone) return null;
		const day = lib.dayOf(now, s.dayStartHour);
		if (day < s.built || day > s.horizon) return null;
		// Per deck, the cards of the buckets up to today (overdue cards are in the first one).
		const upTo = (byDeck: Record<string, Record<string, number>>) => {
			const out: Record<string, number> = {};
			for (const [id, buckets] of Object.entries(byDeck)) {
				out[id] = 0;
				for (const k of Object.keys(buckets)) if (Number(k) <= day) out[id] += buckets[k]!;
			}
			return out;
		};
		return lib.homeCounts({
			flashcards,
			due: upTo(s.due),
			reviews: upTo(s.reviews),
			known: s.known,
			disabledDecks: s.disabledDecks,
			newPerDay: s.newPerDay,
			reviewsPerDay: s.reviewsPerDay,
			today: s.today.day === day ? s.today : { newCount: 0, reviewCount: 0, learnCount: 0 },
			streak: lib.streak(s.activeDays, day)
		});
	} catch {
		return null;
	}
}

/** The home counts grouped by topic, as the screen lists them. */
export function topicsOf(index: DeckIndex, counts: HomeCounts) {
	return index.topics
		.map((t) => {
			const decks = index.decks
				.filter((d) => d.topic === t.slug)
				.map((d) => ({
					...d,
					active: !counts.disabledDecks.includes(d.id),
					due: dueToday([deckCounts(counts, d.id)], counts.reviewRoom),
					unseen: Math.min(counts.newRoom, deckCounts(counts, d.id).unseen)
				}));
			const active = decks.filter((d) => d.active);
			return {
				...t,
				decks,
				due: dueToday(
					active.map((d) => deckCounts(counts, d.id)),
					counts.reviewRoom
				),
				unseen: Math.min(
					counts.newRoom,
					active.reduce((n, d) => n + deckCounts(counts, d.id).unseen, 0)
				)
			};
		})
		.filter((t) => t.decks.length > 0);
}
