import { describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/decks/types';
import { dueByDeck } from './due';

const index: DeckIndex = {
	schema: 1,
	topics: [{ slug: 'git', title: 'Git' }],
	decks: [
		{
			id: 'a',
			title: 'A',
			topic: 'git',
			description: '',
			counts: { flashcards: 3, quiz: 0, interview: 0 }
		},
		{
			id: 'b',
			title: 'B',
			topic: 'git',
			description: '',
			counts: { flashcards: 1, quiz: 0, interview: 0 }
		}
	]
};

describe('dueByDeck', () => {
	it('counts due per deck from due ids and unseen from the kept totals', () => {
		const result = dueByDeck(
			index,
			['a/x', 'a/y', 'c/other'],
			new Map([
				['a', 2],
				['b', 1]
			])
		);
		expect(result.get('a')).toEqual({ due: 2, unseen: 1 });
		expect(result.get('b')).toEqual({ due: 0, unseen: 0 });
	});

	it('treats a deck never studied as all unseen', () => {
		expect(dueByDeck(index, [], new Map()).get('a')).toEqual({ due: 0, unseen: 3 });
	});
});
