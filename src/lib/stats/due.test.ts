import { describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/decks/types';
import { newCardState, State } from '$lib/scheduling/fsrs';
import { dueByDeck } from './due';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const index: DeckIndex = {
	schema: 1,
	topics: [{ slug: 'git', title: 'Git' }],
	decks: [
		{
			id: 'a',
			title: 'A',
			topic: 'git',
			description: '',
			counts: { flashcards: 3, quiz: 0, interview: 0 },
			cardIds: ['x', 'y', 'z']
		},
		{
			id: 'b',
			title: 'B',
			topic: 'git',
			description: '',
			counts: { flashcards: 1, quiz: 0, interview: 0 },
			cardIds: ['x']
		}
	]
};

describe('dueByDeck', () => {
	it('counts due and unseen per deck, ignoring cards no longer in a deck', () => {
		const cards = [
			{ ...newCardState('a/x', NOW), state: State.Review, due: NOW - 1 },
			{ ...newCardState('a/y', NOW), state: State.Learning, due: NOW + 60_000 },
			{ ...newCardState('b/x', NOW), state: State.Review, due: NOW + 10 * 86_400_000 },
			{ ...newCardState('a/gone', NOW), state: State.Review, due: NOW - 1 }
		];
		const result = dueByDeck(index, cards, NOW, 4);
		expect(result.get('a')).toEqual({ due: 2, unseen: 1 });
		expect(result.get('b')).toEqual({ due: 0, unseen: 0 });
	});
});
