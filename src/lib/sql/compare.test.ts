import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareResults, normalDecimal, rowKey, type ResultColumn, type ResultSet } from './compare';

const INT4 = 23;
const INT8 = 20;
const NUMERIC = 1700;
const FLOAT8 = 701;
const TEXT = 25;
const BOOL = 16;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const JSONB = 3802;
const INT4_ARRAY = 1007;
const FLOAT8_ARRAY = 1022;

const unordered = { ordered: false, namedColumns: false };
const ordered = { ordered: true, namedColumns: false };

/** A result whose columns are named c1, c2… with the given types. */
function result(types: number[], rows: unknown[][]): ResultSet {
	return { columns: types.map((type, i) => ({ name: `c${i + 1}`, type })), rows };
}

describe('compareResults: columns', () => {
	it('says how many columns were expected and how many came', () => {
		const v = compareResults(result([INT4, TEXT], [[1, 'a']]), result([INT4], [[1]]), unordered);
		expect(v).toMatchObject({ correct: false, problem: 'column-count', expected: 2, actual: 1 });
		expect(!v.correct && v.message).toBe('Expected 2 columns, got 1.');
	});

	it('compares names only when the task names them, ignoring case', () => {
		const model: ResultSet = { columns: [{ name: 'name', type: TEXT }], rows: [['Ada']] };
		const person: ResultSet = { columns: [{ name: 'customer', type: TEXT }], rows: [['Ada']] };
		expect(compareResults(model, person, unordered)).toEqual({ correct: true });
		expect(compareResults(model, person, { ordered: false, namedColumns: true })).toMatchObject({
			correct: false,
			problem: 'column-names',
			expected: ['name'],
			actual: ['customer']
		});
		const shouted: ResultSet = { columns: [{ name: 'NAME', type: TEXT }], rows: [['Ada']] };
		expect(compareResults(model, shouted, { ordered: false, namedColumns: true })).toEqual({ correct: true });
	});
});

describe('compareResults: rows', () => {
	it('lists missing and extra rows with their multiplicity', () => {
		const model = result([TEXT], [['a'], ['a'], ['b'], ['c']]);
		const person = result([TEXT], [['a'], ['c'], ['d'], ['d'], ['d']]);
		const v = compareResults(model, person, unordered);
		expect(v).toMatchObject({
			correct: false,
			problem: 'rows',
			missing: [
				{ row: ['a'], count: 1 },
				{ row: ['b'], count: 1 }
			],
			extra: [{ row: ['d'], count: 3 }],
			missingRows: 2,
			extraRows: 3
		});
		expect(!v.correct && v.message).toBe('Different rows: 2 missing and 3 extra (expected 4 rows, got 5).');
	});

	it('cuts the lists at twenty distinct rows but counts every row', () => {
		const rows = Array.from({ length: 30 }, (_, i) => [i]);
		const v = compareResults(result([INT4], rows), result([INT4], []), unordered);
		expect(v).toMatchObject({ problem: 'rows', missingRows: 30, extraRows: 0 });
		expect(v.correct === false && v.problem === 'rows' && v.missing.length).toBe(20);
	});

	it('ignores order unless the task asks for one', () => {
		const model = result([INT4], [[1], [2], [3]]);
		const person = result([INT4], [[3], [1], [2]]);
		expect(compareResults(model, person, unordered)).toEqual({ correct: true });
		const v = compareResults(model, person, ordered);
		expect(v).toMatchObject({ correct: false, problem: 'order', row: 1, expected: [1], actual: [3] });
		expect(!v.correct && v.message).toBe('Right rows, wrong order: the first difference is at row 1.');
	});

	it('finds where the order first differs', () => {
		const v = compareResults(
			result([INT4], [[1], [2], [3], [4]]),
			result([INT4], [[1], [2], [4], [3]]),
			ordered
		);
		expect(v).toMatchObject({ problem: 'order', row: 3 });
	});

	it('reports different rows before order', () => {
		const v = compareResults(result([INT4], [[1], [2]]), result([INT4], [[3], [1]]), ordered);
		expect(v).toMatchObject({
			problem: 'rows',
			missing: [{ row: [2], count: 1 }],
			extra: [{ row: [3], count: 1 }]
		});
	});
});

describe('compareResults: values', () => {
	const same = (a: [number, unknown], b: [number, unknown]) =>
		compareResults(result([a[0]], [[a[1]]]), result([b[0]], [[b[1]]]), unordered).correct;

	it('equals NULL with NULL only', () => {
		expect(same([INT4, null], [TEXT, null])).toBe(true);
		expect(same([INT4, null], [INT4, 0])).toBe(false);
		expect(same([TEXT, null], [TEXT, ''])).toBe(false);
	});

	it('compares numbers by value across int, bigint, numeric and float', () => {
		expect(same([INT4, 2], [INT8, 2n])).toBe(true);
		expect(same([INT4, 2], [NUMERIC, '2.00'])).toBe(true);
		expect(same([FLOAT8, 2.0], [NUMERIC, '2'])).toBe(true);
		expect(same([NUMERIC, '0.50'], [FLOAT8, 0.5])).toBe(true);
		expect(same([NUMERIC, '-0.0'], [INT4, 0])).toBe(true);
		expect(same([INT4, 2], [INT4, 3])).toBe(false);
	});

	it('compares numeric exactly, however long', () => {
		expect(same([NUMERIC, '12345678901234567890.10'], [INT8, 12345678901234567890n])).toBe(false);
		expect(same([NUMERIC, '12345678901234567890.10'], [NUMERIC, '12345678901234567890.1'])).toBe(true);
		expect(same([NUMERIC, '0.3333333333333333333333'], [NUMERIC, '0.3333333333333333333334'])).toBe(false);
		expect(same([INT8, 9007199254740993n], [INT8, 9007199254740992n])).toBe(false);
	});

	it('lets floats differ by rounding, relative to their size', () => {
		expect(same([FLOAT8, 0.1 + 0.2], [NUMERIC, '0.3'])).toBe(true);
		expect(same([FLOAT8, 1e20], [FLOAT8, 1e20 + 1e8])).toBe(true);
		expect(same([FLOAT8, 1.0001], [FLOAT8, 1])).toBe(false);
		expect(same([FLOAT8, Number.NaN], [NUMERIC, 'NaN'])).toBe(true);
		expect(same([FLOAT8, Infinity], [NUMERIC, 'Infinity'])).toBe(true);
		expect(same([FLOAT8, Infinity], [FLOAT8, -Infinity])).toBe(false);
	});

	it('pairs rows that differ only by float rounding, whatever their order', () => {
		const model = result(
			[TEXT, FLOAT8],
			[
				['a', 0.3],
				['b', 0.7]
			]
		);
		const person = result(
			[TEXT, NUMERIC],
			[
				['b', '0.7000000000000001'],
				['a', '0.30000000000000004']
			]
		);
		expect(compareResults(model, person, unordered)).toEqual({ correct: true });
		expect(compareResults(model, { ...person, rows: [...person.rows].reverse() }, ordered)).toEqual({
			correct: true
		});
	});

	it('compares text exactly: case and spaces matter', () => {
		expect(same([TEXT, 'Ada'], [TEXT, 'Ada'])).toBe(true);
		expect(same([TEXT, 'Ada'], [TEXT, 'ada'])).toBe(false);
		expect(same([TEXT, 'Ada'], [TEXT, 'Ada '])).toBe(false);
		expect(same([TEXT, '2'], [INT4, 2])).toBe(false);
	});

	it('compares dates and timestamps by the instant', () => {
		expect(same([DATE, new Date('2024-01-02')], [TIMESTAMPTZ, new Date('2024-01-02T00:00:00Z')])).toBe(true);
		expect(same([DATE, new Date('2024-01-02')], [DATE, new Date('2024-01-03')])).toBe(false);
	});

	it('compares booleans, arrays and JSON structurally', () => {
		expect(same([BOOL, true], [BOOL, true])).toBe(true);
		expect(same([BOOL, true], [BOOL, false])).toBe(false);
		expect(same([INT4_ARRAY, [1, 2]], [INT4_ARRAY, [1, 2]])).toBe(true);
		expect(same([INT4_ARRAY, [1, 2]], [INT4_ARRAY, [2, 1]])).toBe(false);
		expect(same([FLOAT8_ARRAY, [0.1 + 0.2]], [FLOAT8_ARRAY, [0.3]])).toBe(true);
		expect(same([JSONB, { b: 1, a: [1, { c: null }] }], [JSONB, { a: [1, { c: null }], b: 1 }])).toBe(true);
		expect(same([JSONB, { a: 1 }], [JSONB, { a: 1, b: 2 }])).toBe(false);
		expect(same([JSONB, { a: '1' }], [JSONB, { a: 1 }])).toBe(false);
	});
});

describe('normalDecimal', () => {
	it('writes equal values the same way', () => {
		expect(normalDecimal('2.500')).toBe(normalDecimal('25e-1'));
		expect(normalDecimal('002')).toBe(normalDecimal('2.'));
		expect(normalDecimal('1e+21')).toBe(normalDecimal('1000000000000000000000'));
		expect(normalDecimal('-0.000')).toBe('0');
		expect(normalDecimal('0.0012')).toBe(normalDecimal('1.2e-3'));
		expect(normalDecimal('12')).not.toBe(normalDecimal('1.2'));
		expect(normalDecimal('abc')).toBeNull();
		expect(normalDecimal('.')).toBeNull();
	});
});

// Property tests: results drawn from a few columns of mixed types and small value ranges (so that equal
// rows and near-equal numbers are common).
const TYPES = [INT4, INT8, NUMERIC, FLOAT8, TEXT, BOOL, DATE, JSONB] as const;

function valueArb(type: number): fc.Arbitrary<unknown> {
	const value = ((): fc.Arbitrary<unknown> => {
		switch (type) {
			case INT4:
				return fc.integer({ min: -3, max: 3 });
			case INT8:
				return fc.bigInt({ min: -3n, max: 3n });
			case NUMERIC:
				return fc.constantFrom('0', '1.50', '-2', '3.0', '12345678901234567890.5');
			case FLOAT8:
				return fc.oneof(fc.constantFrom(0.5, 1.5, 0.1 + 0.2), fc.double({ noNaN: true }));
			case TEXT:
				return fc.constantFrom('a', 'A', 'a ', '', '2');
			case BOOL:
				return fc.boolean();
			case DATE:
				return fc.integer({ min: 0, max: 3 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)));
			default:
				return fc.constantFrom({ a: 1 }, { a: [1, 2] }, [1, 'x'], { b: null });
		}
	})();
	return fc.option(value, { freq: 6, nil: null });
}

const resultArb: fc.Arbitrary<ResultSet> = fc
	.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 3 })
	.chain((types) =>
		fc.record({
			columns: fc.constant(types.map((type, i): ResultColumn => ({ name: `c${i}`, type }))),
			rows: fc.array(fc.tuple(...types.map(valueArb)), { maxLength: 12 })
		})
	);

/** A result and a permutation of its rows. */
const permutedArb = resultArb.chain((r) =>
	fc
		.shuffledSubarray(
			r.rows.map((_, i) => i),
			{ minLength: r.rows.length, maxLength: r.rows.length }
		)
		.map((order) => ({ r, permuted: { ...r, rows: order.map((i) => r.rows[i]!) } }))
);

describe('compareResults: properties', () => {
	it('a result equals itself, ordered or not', () => {
		fc.assert(
			fc.property(resultArb, fc.boolean(), (r, isOrdered) => {
				expect(compareResults(r, r, { ordered: isOrdered, namedColumns: true })).toEqual({ correct: true });
			})
		);
	});

	it('a result equals any permutation of its rows when order does not count', () => {
		fc.assert(
			fc.property(permutedArb, ({ r, permuted }) => {
				expect(compareResults(r, permuted, unordered)).toEqual({ correct: true });
			})
		);
	});

	it('a permutation that moves a row to where a different one stood fails when order counts', () => {
		fc.assert(
			fc.property(permutedArb, ({ r, permuted }) => {
				const types = r.columns.map((c) => c.type);
				const moved = r.rows.some((row, i) => rowKey(row, types) !== rowKey(permuted.rows[i]!, types));
				const v = compareResults(r, permuted, ordered);
				if (moved) expect(v).toMatchObject({ correct: false, problem: 'order' });
				else expect(v).toEqual({ correct: true });
			})
		);
	});

	it('removing a row always reports it missing', () => {
		fc.assert(
			fc.property(
				resultArb.filter((r) => r.rows.length > 0),
				fc.nat(),
				fc.boolean(),
				(r, n, isOrdered) => {
					const i = n % r.rows.length;
					const fewer = { ...r, rows: r.rows.filter((_, j) => j !== i) };
					const v = compareResults(r, fewer, { ordered: isOrdered, namedColumns: false });
					expect(v).toMatchObject({ correct: false, problem: 'rows', missingRows: 1, extraRows: 0 });
					if (v.correct || v.problem !== 'rows') return;
					const types = r.columns.map((c) => c.type);
					expect(v.missing.map((m) => rowKey(m.row, types))).toContain(rowKey(r.rows[i]!, types));
				}
			)
		);
	});

	it('is symmetric in correctness', () => {
		// Two results of the same shape drawn independently, and one result against a near copy.
		const pairArb = fc.oneof(
			resultArb.chain((a) => fc.record({ a: fc.constant(a), b: resultArb })),
			permutedArb.map(({ r, permuted }) => ({ a: r, b: permuted })),
			fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 8 }).chain((xs) =>
				fc.record({
					a: fc.constant(
						result(
							[FLOAT8],
							xs.map((x) => [x])
						)
					),
					b: fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }).map((ys) =>
						result(
							[NUMERIC],
							ys.map((y) => [String(y * (1 + 1e-12))])
						)
					)
				})
			)
		);
		fc.assert(
			fc.property(pairArb, fc.boolean(), fc.boolean(), ({ a, b }, isOrdered, namedColumns) => {
				const options = { ordered: isOrdered, namedColumns };
				expect(compareResults(a, b, options).correct).toBe(compareResults(b, a, options).correct);
			})
		);
	});
});
