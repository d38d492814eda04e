import { cardCount, type DeckIndex } from '$lib/decks/types';
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
	newAvailable: number;
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
	return Object.fromEntries(index.decks.map((d) => [d.id, cardCount(d)]));
}

/** The home screen's live read of storage (`db/overview.ts` reads it in one transaction). */
export interface Overview {
	settings: { dayStartHour: number; newPerDay: number; reviewsPerDay: number; disabledDecks: string[] };
	/** Ids of the cards due before today's rollover, and of those in the Review state. */
	dueIds: string[];
	reviewIds: string[];
	/** Cards met per deck. */
	met: Map<string, number>;
	today: { newCount: number; reviewCount: number; learnCount: number };
	activeDays: number[];
	/** The review day it was read on. */
	day: number;
}

/** What the home counts are made of, whether read live from IndexedDB or from the stored snapshot. */
export interface HomeInputs {
	/** Cards per deck in the index (`flashcardCounts`). */
	flashcards: Record<string, number>;
	/** Stored cards due today, per deck, and how many of them are in the Review state. */
	due: Record<string, number>;
	reviews: Record<string, number>;
	/** Cards met, per deck. */
	met: Record<string, number>;
	disabledDecks: string[];
	newPerDay: number;
	reviewsPerDay: number;
	today: { newCount: number; reviewCount: number; learnCount: number };
	streak: number;
}

/** The home counts, for every deck in the index and in all (the total due is `dueToday`, written out). */
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
			unseen: Math.max(0, i.flashcards[id]! - (i.met[id] ?? 0))
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
		newAvailable: Math.min(newRoom, unseen),
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
		met: Object.fromEntries(o.met),
		disabledDecks: o.settings.disabledDecks,
		newPerDay: o.settings.newPerDay,
		reviewsPerDay: o.settings.reviewsPerDay,
		today: o.today,
		streak: streak(o.activeDays, o.day)
	});
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
