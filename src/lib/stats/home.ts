import type { DeckIndex } from '$lib/decks/types';
import type { Overview } from '$lib/db/overview';
import { dueByDeck } from './due';
import { streak } from './streak';

/** What the home screen shows, before it is grouped by topic. */
export interface HomeCounts {
	/** Due and unseen cards of every deck in the index. */
	perDeck: Record<string, { due: number; unseen: number }>;
	disabledDecks: string[];
	/** New cards still allowed today. */
	newRoom: number;
	/** Learning and review cards due today, in switched-on decks. */
	due: number;
	/** New cards available today, in switched-on decks, within `newRoom`. */
	fresh: number;
	answered: number;
	streak: number;
}

/** Cards per deck, the one thing about the decks the home counts need. */
export function flashcardCounts(index: DeckIndex): Record<string, number> {
	return Object.fromEntries(index.decks.map((d) => [d.id, d.counts.flashcards]));
}

/** The home counts from the live read of IndexedDB. */
export function countsFromOverview(index: DeckIndex, o: Overview): HomeCounts {
	const perDeck = Object.fromEntries(dueByDeck(index, o.dueIds, o.known));
	const newRoom = Math.max(0, o.settings.newPerDay - o.today.newCount);
	let due = 0;
	let unseen = 0;
	for (const [id, d] of Object.entries(perDeck)) {
		if (o.settings.disabledDecks.includes(id)) continue;
		due += d.due;
		unseen += d.unseen;
	}
	return {
		perDeck,
		disabledDecks: o.settings.disabledDecks,
		newRoom,
		due,
		fresh: Math.min(newRoom, unseen),
		answered: o.today.newCount + o.today.reviewCount + o.today.learnCount,
		streak: streak(o.activeDays, o.day)
	};
}

/**
 * The home counts from the stored snapshot (`db/snapshot.ts`, passed as its JSON text), or null when
 * there is none or it cannot be trusted today: another time zone or version, or a day it does not cover.
 *
 * Self-contained, like `dayOf` and `streak`, which it takes as arguments: the home page inlines the
 * source text of all three in a script that paints the counts before the app loads (`ui/home-boot.ts`),
 * and the app calls the same function, so the first paint and the app agree.
 */
export function countsFromSnapshot(
	text: string | null,
	now: number,
	zone: string,
	flashcards: Record<string, number>,
	lib: {
		dayOf: (now: number, dayStartHour: number) => number;
		streak: (days: readonly number[], today: number) => number;
	}
): HomeCounts | null {
	try {
		const s = JSON.parse(text ?? 'null');
		if (!s || s.v !== 1 || s.zone !== zone) return null;
		const day = lib.dayOf(now, s.dayStartHour);
		if (day < s.built || day > s.horizon) return null;
		const today = s.today.day === day ? s.today : { newCount: 0, reviewCount: 0, learnCount: 0 };
		const newRoom = Math.max(0, s.newPerDay - today.newCount);
		const perDeck: HomeCounts['perDeck'] = {};
		let due = 0;
		let unseen = 0;
		for (const id of Object.keys(flashcards)) {
			const buckets: Record<string, number> = s.due[id] ?? {};
			let d = 0;
			for (const k of Object.keys(buckets)) if (Number(k) <= day) d += buckets[k]!;
			const u = Math.max(0, flashcards[id]! - (s.known[id] ?? 0));
			perDeck[id] = { due: d, unseen: u };
			if (s.disabledDecks.includes(id)) continue;
			due += d;
			unseen += u;
		}
		return {
			perDeck,
			disabledDecks: s.disabledDecks,
			newRoom,
			due,
			fresh: Math.min(newRoom, unseen),
			answered: today.newCount + today.reviewCount + today.learnCount,
			streak: lib.streak(s.activeDays, day)
		};
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
					due: counts.perDeck[d.id]?.due ?? 0,
					unseen: Math.min(counts.newRoom, counts.perDeck[d.id]?.unseen ?? 0)
				}));
			const active = decks.filter((d) => d.active);
			return {
				...t,
				decks,
				due: active.reduce((n, d) => n + d.due, 0),
				unseen: Math.min(
					counts.newRoom,
					active.reduce((n, d) => n + (counts.perDeck[d.id]?.unseen ?? 0), 0)
				)
			};
		})
		.filter((t) => t.decks.length > 0);
}
