import { describe, expect, it } from 'vitest';
import { DocSlots, NOT_FOUND, scoreAt, slotsOf } from './slots';

describe('documents by number', () => {
	it('numbers documents in the order added, a document put again under its new number', () => {
		const slots = new DocSlots();
		for (const id of ['a', 'b', 'c']) slots.add(id);
		expect(slots.add('b')).toBe(3);
		expect([slots.latest('a'), slots.latest('b'), slots.latest('zzz')]).toEqual([0, 3, -1]);
		expect(slots.id(1)).toBe('b');
		expect(slots.size).toBe(4);
	});

	it('reads a search’s scores by position in the page’s list, unknown and newer documents not found', () => {
		const slots = new DocSlots();
		for (const id of ['a', 'b', 'c']) slots.add(id);
		// The page's list: its own order, one document the index never had.
		const docs = [{ id: 'c' }, { id: 'new' }, { id: 'a' }, { id: 'b' }];
		const scores = Float64Array.from([2.5, NOT_FOUND, -0.1]);
		const at = scoreAt(slotsOf(docs, slots), scores);
		expect(docs.map((_, i) => at(i))).toEqual([-0.1, NOT_FOUND, 2.5, NOT_FOUND]);
		// 'a' put again after the search was answered: its new number has no score yet.
		slots.add('a');
		expect(scoreAt(slotsOf(docs, slots), scores)(2)).toBe(NOT_FOUND);
	});
});
