import { describe, expect, it } from 'vitest';
import { CARD, newCardState, type CardState } from '../scheduling/card';
import { dayOf } from '../scheduling/day';
import type { DeckIndex } from '../decks/types';
import { topicGlance } from './glance';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const index = {
	schema: 1,
	topics: [
		{ slug: 'git', title: 'Git' },
		{ slug: 'databases', title: 'Databases' },
		{ slug: 'cloud', title: 'Cloud' }
	],
	decks: [
		{ id: 'git-basics', title: 'Git basics', topic: 'git', counts: { flashcards: 4, quiz: 0, interview: 0 } },
		{ id: 'db-a', title: 'A', topic: 'databases', counts: { flashcards: 6, quiz: 0, interview: 0 } },
		{ id: 'db-b', title: 'B', topic: 'databases', counts: { flashcards: 4, quiz: 0, interview: 0 } }
	]
} as unknown as DeckIndex;

const seen = (id: string, stability: number): CardState => ({
	...newCardState(id, NOW),
	state: CARD.Review,
	stability,
	due: NOW + 30 * 86_400_000
});

describe('the home page topic map', () => {
	// The test's recall is the stability field.
	const cards = [
		seen('git-basics/a', 1),
		seen('git-basics/b', 0.5),
		seen('db-a/x', 0.8),
		seen('db-b/y', 0.2)
	];
	const base = {
		index,
		cards,
		now: NOW,
		dayStartHour: 4,
		retention: 0.9,
		recall: (c: CardState) => c.stability
	};

	it('gives each topic with cards its recall today over all its cards, and the cards seen', () => {
		const g = topicGlance(base);
		expect([...g.keys()]).toEqual(['git', 'databases']);
		expect(g.get('git')).toEqual({ recall: 1.5 / 4, seen: 2, total: 4, onDay: null });
		expect(g.get('databases')).toEqual({ recall: 1 / 10, seen: 2, total: 10, onDay: null });
	});

	it('adds the interview day for the topics the plan covers, while the day is ahead', () => {
		const day = dayOf(NOW, 4) + 10;
		const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
		const interview = { plan: { date, topics: ['git'], target: 0.9 }, decay: -0.5, recallAt: () => 0.5 };
		const g = topicGlance({ ...base, interview });
		// Both git cards are due after the day: each counts its own curve, 0.5.
		expect(g.get('git')!.onDay).toEqual({ day, share: 1 / 4 });
		expect(g.get('databases')!.onDay).toBeNull();
		const past = new Date((day - 20) * 86_400_000).toISOString().slice(0, 10);
		expect(
			topicGlance({ ...base, interview: { ...interview, plan: { ...interview.plan, date: past } } }).get(
				'git'
			)!.onDay
		).toBeNull();
	});
});
