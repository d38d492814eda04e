import { describe, expect, it } from 'vitest';
import { flashcardsVersion } from './version';

describe('flashcardsVersion', () => {
	it('changes when a card is added, removed, replaced or moved, and only then', () => {
		const base = flashcardsVersion(['d/a', 'd/b']);
		expect(base).toMatch(/^[0-9a-f]{8}$/);
		expect(flashcardsVersion(['d/a', 'd/b'])).toBe(base);
		for (const changed of [['d/a'], ['d/a', 'd/b', 'd/c'], ['d/a', 'd/x'], ['d/b', 'd/a'], ['d/ab']])
			expect(flashcardsVersion(changed), changed.join()).not.toBe(base);
	});

	it('gives the value stored by earlier versions (a deck marked checked stays checked)', () => {
		expect(flashcardsVersion(['git-a/one', 'git-a/two'])).toBe('b30215cf');
	});
});
