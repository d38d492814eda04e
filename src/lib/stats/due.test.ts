import { describe, expect, it } from 'vitest';
import { countByDeck } from './due';

describe('countByDeck', () => {
	it('counts card ids per deck, by the part before the slash', () => {
		expect(countByDeck(['a/x', 'a/y', 'b/x', 'c/other'])).toEqual(
			new Map([
				['a', 2],
				['b', 1],
				['c', 1]
			])
		);
		expect(countByDeck([])).toEqual(new Map());
	});
});
