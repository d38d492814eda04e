import { describe, expect, it } from 'vitest';
import { removedCards } from './removed-cards';

describe('removedCards', () => {
	it('names the cards whose deck is gone or no longer has them', () => {
		const decks = new Map([
			['git', new Set(['git/a', 'git/b'])],
			['my-old', null]
		]);
		expect(removedCards(['git/a', 'git/gone', 'my-old/x', 'never-listed/y'], decks)).toEqual([
			'git/gone',
			'my-old/x',
			'never-listed/y'
		]);
		expect(removedCards([], decks)).toEqual([]);
	});
});
