import { describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/decks/types';
import { dueToday, flashcardCounts, homeCounts, topicsOf, type HomeInputs } from './home';

const deck = (id: string, topic: string, flashcards: number) => ({
	id,
	title: id.toUpperCase(),
	topic,
	description: '',
	counts: { flashcards, quiz: 0, interview: 0 }
});
const index = {
	schema: 1,
	topics: [
		{ slug: 'git', title: 'Git' },
		{ slug: 'databases', title: 'Databases' },
		{ slug: 'apis', title: 'APIs' }
	],
	decks: [deck('a', 'git', 30), deck('b', 'git', 10), deck('c', 'databases', 5)]
} as DeckIndex;

const inputs = (over: Partial<HomeInputs> = {}): HomeInputs => ({
	flashcards: flashcardCounts(index),
	due: { a: 4, b: 2, c: 7, gone: 3 },
	reviews: {},
	met: { a: 10, b: 10, c: 1 },
	disabledDecks: [],
	newPerDay: 20,
	reviewsPerDay: 200,
	today: { newCount: 5, reviewCount: 8, learnCount: 2 },
	streak: 3,
	...over
});

describe('homeCounts', () => {
	it('sums due and unseen cards over the decks of the index, new cards within what today still allows', () => {
		const c = homeCounts(inputs());
		expect(c.perDeck).toEqual({
			a: { due: 4, reviews: 0, unseen: 20 },
			b: { due: 2, reviews: 0, unseen: 0 },
			c: { due: 7, reviews: 0, unseen: 4 }
		});
		// A deck no longer in the index ('gone') is not counted.
		expect(c.due).toBe(13);
		expect(c.newRoom).toBe(15);
		expect(c.newAvailable).toBe(15);
		expect(c.answered).toBe(15);
		expect(c.streak).toBe(3);
	});

	it('counts review cards up to what the daily review limit still allows, learning cards all', () => {
		// a: 4 due, 3 of them reviews; c: 7 due, 5 reviews; 8 reviews already answered today.
		const capped = (reviewsPerDay: number, disabledDecks: string[] = []) =>
			homeCounts(inputs({ reviews: { a: 3, c: 5 }, reviewsPerDay, disabledDecks })).due;
		expect(capped(200)).toBe(13);
		expect(capped(12)).toBe(5 + 4);
		expect(capped(8)).toBe(5);
		expect(capped(0)).toBe(5);
		expect(capped(12, ['c'])).toBe(3 + 3);
		// The per-deck figures (the topic rows) are not capped.
		expect(homeCounts(inputs({ reviews: { a: 3, c: 5 }, reviewsPerDay: 8 })).perDeck.c!.due).toBe(7);
	});

	it('leaves switched-off decks out of the totals, not out of the per-deck figures', () => {
		const c = homeCounts(inputs({ disabledDecks: ['a'] }));
		expect(c.due).toBe(9);
		expect(c.newAvailable).toBe(4);
		expect(c.perDeck.a).toEqual({ due: 4, reviews: 0, unseen: 20 });
	});

	it('allows no new cards once today has had its share, and never a negative count', () => {
		const c = homeCounts(inputs({ newPerDay: 3, met: { a: 40 } }));
		expect(c.newRoom).toBe(0);
		expect(c.newAvailable).toBe(0);
		expect(c.perDeck.a!.unseen).toBe(0);
	});
});

describe('dueToday', () => {
	it('adds all learning cards to the review cards the room allows', () => {
		const decks = [
			{ due: 5, reviews: 3, unseen: 0 },
			{ due: 4, reviews: 4, unseen: 9 }
		];
		expect(dueToday(decks, 100)).toBe(9);
		expect(dueToday(decks, 5)).toBe(2 + 5);
		expect(dueToday(decks, 0)).toBe(2);
		expect(dueToday([], 5)).toBe(0);
	});
});

describe('topicsOf', () => {
	it('caps each topic and each deck by the reviews the daily limit still allows', () => {
		// 8 reviews answered today, a limit of 10: 2 more. a: 4 due, all reviews; b: 2 due, 1 review.
		const counts = homeCounts(inputs({ reviews: { a: 4, b: 1 }, reviewsPerDay: 10 }));
		const git = topicsOf(index, counts)[0]!;
		expect(git.decks.map((d) => d.due)).toEqual([2, 1 + 1]);
		expect(git.due).toBe(1 + 2);
	});

	it('groups the counts by topic, skipping topics without decks and switched-off decks in the sums', () => {
		const topics = topicsOf(index, homeCounts(inputs({ disabledDecks: ['b'], newPerDay: 12 })));
		expect(topics.map((t) => t.slug)).toEqual(['git', 'databases']);
		const [git, databases] = topics;
		expect(git!.due).toBe(4);
		// New cards per topic are capped by what today still allows (12 - 5 = 7).
		expect(git!.unseen).toBe(7);
		expect(git!.decks.map((d) => [d.id, d.active, d.due, d.unseen])).toEqual([
			['a', true, 4, 7],
			['b', false, 2, 0]
		]);
		expect(databases!.due).toBe(7);
		expect(databases!.unseen).toBe(4);
	});
});
