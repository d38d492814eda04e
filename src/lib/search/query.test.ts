import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DUE_VALUES,
	formatQuery,
	IS_VALUES,
	parseQuery,
	PROPS,
	SORT_KEYS,
	type Filter,
	type Query
} from './query';
import { ITEM_KINDS } from './documents';

describe('the search syntax', () => {
	it('reads words, phrases, filters, negations and a sort', () => {
		const q = parseQuery(
			'deck:db-transactions is:due prop:r<0.8 flag:red "Write Skew" isolation -is:suspended sort:-lapses'
		);
		expect(q.errors).toEqual([]);
		expect(q.words).toEqual(['isolation']);
		expect(q.phrases).toEqual(['write skew']);
		expect(q.sort).toEqual({ key: 'lapses', desc: true });
		expect(q.filters).toEqual([
			{ key: 'deck', value: 'db-transactions', not: false },
			{ key: 'is', value: 'due', not: false },
			{ key: 'prop', prop: 'r', op: '<', value: 0.8, not: false },
			{ key: 'flag', value: 1, not: false },
			{ key: 'is', value: 'suspended', not: true }
		]);
	});

	it('names a bad token and where it is, and keeps the rest of the query', () => {
		const q = parseQuery(
			'raft is:sleepy flag:purple prop:x<1 prop:r<abc -word due:later sort:-name deck: "open'
		);
		expect(q.words).toEqual(['raft']);
		expect(q.phrases).toEqual(['open']);
		expect(q.filters).toEqual([]);
		expect(q.errors.map((e) => [e.at, e.token])).toEqual([
			[5, 'is:sleepy'],
			[15, 'flag:purple'],
			[27, 'prop:x<1'],
			[36, 'prop:r<abc'],
			[47, '-word'],
			[53, 'due:later'],
			[63, 'sort:-name'],
			[74, 'deck:'],
			[80, 'open']
		]);
		expect(q.errors[0]!.message).toBe('"is:sleepy": is: takes one of ' + IS_VALUES.join(', ') + '.');
		expect(q.errors[3]!.message).toContain('like prop:r<0.8');
		expect(q.errors.at(-1)!.message).toContain('is not closed');
	});

	it('keeps a colon inside a word a word (std::move, http://), and flags by number', () => {
		expect(parseQuery('std::move http://x flag:2').words).toEqual(['std::move', 'http://x']);
		expect(parseQuery('flag:2 flag:none').filters.map((f) => f.key === 'flag' && f.value)).toEqual([2, 0]);
	});

	it('never throws, whatever is typed', () => {
		fc.assert(
			fc.property(
				fc.string({
					unit: fc.constantFrom(
						'a',
						'b',
						':',
						'-',
						'"',
						' ',
						'<',
						'=',
						'1',
						'.',
						'is',
						'prop',
						'r',
						'flag',
						'deck'
					),
					maxLength: 40
				}),
				(text) => {
					const q = parseQuery(text);
					expect(Array.isArray(q.errors)).toBe(true);
				}
			)
		);
	});

	it('reads back what it writes', () => {
		const word = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
		const filter: fc.Arbitrary<Filter> = fc.oneof(
			fc.record({
				key: fc.constant('deck' as const),
				value: fc.stringMatching(/^[a-z][a-z-]{0,8}\*?$/),
				not: fc.boolean()
			}),
			fc.record({
				key: fc.constant('kind' as const),
				value: fc.constantFrom(...ITEM_KINDS),
				not: fc.boolean()
			}),
			fc.record({ key: fc.constant('is' as const), value: fc.constantFrom(...IS_VALUES), not: fc.boolean() }),
			fc.record({
				key: fc.constant('due' as const),
				value: fc.constantFrom(...DUE_VALUES),
				not: fc.boolean()
			}),
			fc.record({
				key: fc.constant('flag' as const),
				value: fc.constantFrom(0, 1, 2, 3, 4) as fc.Arbitrary<0 | 1 | 2 | 3 | 4>,
				not: fc.boolean()
			}),
			fc.record({
				key: fc.constant('prop' as const),
				prop: fc.constantFrom(...PROPS),
				op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '=' as const),
				value: fc.integer({ min: -5, max: 500 }).map((n) => n / 4),
				not: fc.boolean()
			})
		);
		const query: fc.Arbitrary<Omit<Query, 'errors'>> = fc.record({
			words: fc.array(word, { maxLength: 3 }),
			phrases: fc.array(
				fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
				{ maxLength: 2 }
			),
			filters: fc.array(filter, { maxLength: 4 }),
			sort: fc.option(fc.record({ key: fc.constantFrom(...SORT_KEYS), desc: fc.boolean() }), { nil: null })
		});
		fc.assert(
			fc.property(query, (q) => {
				expect(parseQuery(formatQuery(q))).toEqual({ ...q, errors: [] });
			})
		);
	});
});
