/**
 * Judges a person's result against the model query's, the way decks/README.md ("How a result is judged")
 * promises: same number of columns, the same rows as a multiset (in order only for `.ordered` exercises),
 * names only for `.columns` ones, values compared by what they mean rather than how PGlite typed them.
 * Pure: no PGlite here, so the page, the worker and the build can all use it.
 */

/** One column of a result: its name and PostgreSQL type oid (`pg_type.oid`). */
export interface ResultColumn {
	name: string;
	type: number;
}

/** A query's result as PGlite returns it with `rowMode: 'array'`. */
export interface ResultSet {
	columns: ResultColumn[];
	rows: unknown[][];
}

export interface CompareOptions {
	/** Rows must come in the same order (`.ordered`). */
	ordered: boolean;
	/** Column names must match, ignoring case (`.columns`). */
	namedColumns: boolean;
}

/** A distinct row of a difference and how many times it is missing (or extra). */
export interface RowCount {
	row: unknown[];
	count: number;
}

export type Verdict =
	| { correct: true }
	| { correct: false; problem: 'column-count'; expected: number; actual: number; message: string }
	| { correct: false; problem: 'column-names'; expected: string[]; actual: string[]; message: string }
	| {
			correct: false;
			problem: 'rows';
			/** The first distinct rows the result lacks (at most DIFF_ROWS_LISTED), in the expected order. */
			missing: RowCount[];
			/** The first distinct rows the result has too many of, in the result's order. */
			extra: RowCount[];
			/** All rows missing and extra, multiplicity included (the lists above may be cut short). */
			missingRows: number;
			extraRows: number;
			message: string;
	  }
	| {
			correct: false;
			problem: 'order';
			/** 1-based index of the first row that differs. */
			row: number;
			expected: unknown[];
			actual: unknown[];
			message: string;
	  };

/** How many distinct rows a verdict lists as missing, and as extra. */
export const DIFF_ROWS_LISTED = 20;

/** Floats are equal when they differ by at most this much of the larger one. */
export const FLOAT_TOLERANCE = 1e-9;

/**
 * Rows left unmatched by exact value that are paired again allowing for float rounding, at most this many
 * on each side (the pairing is quadratic; beyond it the exact difference is reported as it is).
 */
const TOLERANT_PAIRING_LIMIT = 2000;

const OID = {
	int8: 20,
	int2: 21,
	int4: 23,
	oid: 26,
	float4: 700,
	float8: 701,
	numeric: 1700,
	float4Array: 1021,
	float8Array: 1022,
	numericArray: 1231,
	int2Array: 1005,
	int4Array: 1007,
	int8Array: 1016
} as const;

const FLOAT_TYPES: ReadonlySet<number> = new Set([OID.float4, OID.float8]);

/** The element type of an array type, for the arrays whose elements need numeric care. */
const ELEMENT_TYPE: ReadonlyMap<number, number> = new Map([
	[OID.float4Array, OID.float4],
	[OID.float8Array, OID.float8],
	[OID.numericArray, OID.numeric],
	[OID.int2Array, OID.int2],
	[OID.int4Array, OID.int4],
	[OID.int8Array, OID.int8]
]);

/**
 * Compares `actual` (the person's result) with `expected` (the model's). Checks, in order: the number of
 * columns, their names (only with `namedColumns`), the rows as a multiset, and with `ordered` their order;
 * the first check that fails is the verdict.
 *
 * @example
 * const model = { columns: [{ name: 'n', type: 20 }], rows: [[2n]] };
 * compareResults(model, { columns: [{ name: 'n', type: 1700 }], rows: [['2.00']] }, { ordered: false, namedColumns: true });
 * // { correct: true }
 */
export function compareResults(expected: ResultSet, actual: ResultSet, options: CompareOptions): Verdict {
	const e = expected.columns.length;
	const a = actual.columns.length;
	if (e !== a) {
		return {
			correct: false,
			problem: 'column-count',
			expected: e,
			actual: a,
			message: `Expected ${plural(e, 'column')}, got ${a}.`
		};
	}
	if (options.namedColumns) {
		const expectedNames = expected.columns.map((c) => c.name);
		const actualNames = actual.columns.map((c) => c.name);
		if (expectedNames.some((name, i) => name.toLowerCase() !== actualNames[i]!.toLowerCase())) {
			return {
				correct: false,
				problem: 'column-names',
				expected: expectedNames,
				actual: actualNames,
				message: `Expected the columns ${expectedNames.join(', ')}; got ${actualNames.join(', ')}.`
			};
		}
	}

	const expectedTypes = expected.columns.map((c) => c.type);
	const actualTypes = actual.columns.map((c) => c.type);
	const difference = rowDifference(expected.rows, expectedTypes, actual.rows, actualTypes);
	if (difference.missing.length > 0 || difference.extra.length > 0) {
		const missingRows = difference.missing.length;
		const extraRows = difference.extra.length;
		const parts = [
			missingRows > 0 ? `${missingRows} missing` : '',
			extraRows > 0 ? `${extraRows} extra` : ''
		];
		return {
			correct: false,
			problem: 'rows',
			missing: groupRows(difference.missing, expected.rows, expectedTypes),
			extra: groupRows(difference.extra, actual.rows, actualTypes),
			missingRows,
			extraRows,
			message:
				`Different rows: ${parts.filter(Boolean).join(' and ')} ` +
				`(expected ${plural(expected.rows.length, 'row')}, got ${actual.rows.length}).`
		};
	}

	if (options.ordered) {
		const i = expected.rows.findIndex(
			(row, n) => !rowsEqual(row, expectedTypes, actual.rows[n]!, actualTypes)
		);
		if (i >= 0) {
			return {
				correct: false,
				problem: 'order',
				row: i + 1,
				expected: expected.rows[i]!,
				actual: actual.rows[i]!,
				message: `Right rows, wrong order: the first difference is at row ${i + 1}.`
			};
		}
	}
	return { correct: true };
}

/**
 * The indices of the rows of `expected` that `actual` lacks, and of the rows of `actual` that `expected`
 * lacks, counting multiplicity. Rows are first matched by exact key; what is left is paired again as a
 * maximum bipartite matching under `rowsEqual` (floats within tolerance), so the answer does not depend on
 * which side is which or on the rows' order.
 */
function rowDifference(
	expected: unknown[][],
	expectedTypes: number[],
	actual: unknown[][],
	actualTypes: number[]
): { missing: number[]; extra: number[] } {
	const waiting = new Map<string, number[]>();
	expected.forEach((row, i) => {
		const key = rowKey(row, expectedTypes);
		const list = waiting.get(key);
		if (list) list.push(i);
		else waiting.set(key, [i]);
	});
	const extra: number[] = [];
	actual.forEach((row, j) => {
		const list = waiting.get(rowKey(row, actualTypes));
		if (list && list.length > 0) list.pop();
		else extra.push(j);
	});
	const missing = [...waiting.values()].flat().sort((x, y) => x - y);
	if (missing.length === 0 || extra.length === 0) return { missing, extra };
	if (missing.length > TOLERANT_PAIRING_LIMIT || extra.length > TOLERANT_PAIRING_LIMIT)
		return { missing, extra };

	// Kuhn's augmenting paths: small inputs (rows that differ only by float rounding), simple code.
	const pairOfExtra = new Map<number, number>();
	const edges = (m: number) =>
		extra.filter((j) => rowsEqual(expected[m]!, expectedTypes, actual[j]!, actualTypes));
	const adjacency = new Map<number, number[]>();
	const augment = (m: number, seen: Set<number>): boolean => {
		let list = adjacency.get(m);
		if (!list) adjacency.set(m, (list = edges(m)));
		for (const j of list) {
			if (seen.has(j)) continue;
			seen.add(j);
			const other = pairOfExtra.get(j);
			if (other === undefined || augment(other, seen)) {
				pairOfExtra.set(j, m);
				return true;
			}
		}
		return false;
	};
	const paired = new Set<number>();
	for (const m of missing) augment(m, new Set());
	for (const m of pairOfExtra.values()) paired.add(m);
	return {
		missing: missing.filter((m) => !paired.has(m)),
		extra: extra.filter((j) => !pairOfExtra.has(j))
	};
}

/** The rows at `indices`, grouped by value with their counts, the first DIFF_ROWS_LISTED distinct ones. */
function groupRows(indices: number[], rows: unknown[][], types: number[]): RowCount[] {
	const groups = new Map<string, RowCount>();
	for (const i of indices) {
		const row = rows[i]!;
		const key = rowKey(row, types);
		const group = groups.get(key);
		if (group) group.count++;
		else if (groups.size < DIFF_ROWS_LISTED) groups.set(key, { row, count: 1 });
	}
	return [...groups.values()];
}

/**
 * A row's canonical key: rows that are equal value by value (floats exactly) have the same key, whatever
 * PGlite's types (`2`, `2n`, `'2.00'` and `2.0` all give the same number).
 */
export function rowKey(row: unknown[], types: number[]): string {
	return JSON.stringify(row.map((value, i) => canonical(value, types[i] ?? 0)));
}

type Canonical = null | string | Canonical[];

function canonical(value: unknown, type: number): Canonical {
	if (value === null || value === undefined) return null;
	const number = numberText(value, type);
	if (number !== null) return `n:${number}`;
	if (typeof value === 'string') return `s:${value}`;
	if (typeof value === 'boolean') return `b:${value}`;
	if (value instanceof Date) return `d:${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()}`;
	if (value instanceof Uint8Array)
		return `x:${[...value].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
	if (Array.isArray(value)) {
		const element = ELEMENT_TYPE.get(type) ?? 0;
		return ['a', ...value.map((v) => canonical(v, element))];
	}
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) =>
			x < y ? -1 : x > y ? 1 : 0
		);
		return ['o', ...entries.map(([k, v]): Canonical => [`s:${k}`, canonical(v, 0)])];
	}
	return `?:${String(value)}`;
}

/** The canonical decimal text of a numeric value (number, bigint, or numeric's string), else null. */
function numberText(value: unknown, type: number): string | null {
	if (typeof value === 'number') return normalDecimal(String(value));
	if (typeof value === 'bigint') return normalDecimal(value.toString());
	if (typeof value === 'string' && type === OID.numeric) return normalDecimal(value);
	return null;
}

/**
 * Normalises decimal text so that equal values have equal text: no sign on zero, no leading or trailing
 * zeros, written as digits and the decimal point's position. Exact for any length (no float on the way).
 *
 * @example normalDecimal('2.500') === normalDecimal('25e-1') // both '25@1'
 */
export function normalDecimal(text: string): string | null {
	const special = /^\s*([+-]?)(nan|inf|infinity)\s*$/i.exec(text);
	if (special)
		return special[2]!.toLowerCase() === 'nan' ? 'NaN' : `${special[1] === '-' ? '-' : ''}Infinity`;
	const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?\s*$/i.exec(text);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
	const whole = m[2]!;
	const fraction = m[3] ?? '';
	let digits = whole + fraction;
	let point = whole.length + Number(m[4] ?? 0);
	const lead = digits.length - digits.replace(/^0+/, '').length;
	digits = digits.slice(lead).replace(/0+$/, '');
	point -= lead;
	if (digits === '') return '0';
	return `${m[1] === '-' ? '-' : ''}${digits}@${point}`;
}

/** Whether two rows are equal value by value, floats within FLOAT_TOLERANCE. */
export function rowsEqual(a: unknown[], aTypes: number[], b: unknown[], bTypes: number[]): boolean {
	return a.length === b.length && a.every((v, i) => valuesEqual(v, aTypes[i] ?? 0, b[i], bTypes[i] ?? 0));
}

function valuesEqual(a: unknown, aType: number, b: unknown, bType: number): boolean {
	if (JSON.stringify(canonical(a, aType)) === JSON.stringify(canonical(b, bType))) return true;
	const x = numberText(a, aType);
	const y = numberText(b, bType);
	if (x !== null && y !== null) {
		// Exact values (integers, numeric) stay exact; a float on either side brings the tolerance.
		if (!isFloat(a, aType) && !isFloat(b, bType)) return false;
		return close(Number(a), Number(b));
	}
	if (Array.isArray(a) && Array.isArray(b)) {
		const ae = ELEMENT_TYPE.get(aType) ?? 0;
		const be = ELEMENT_TYPE.get(bType) ?? 0;
		return a.length === b.length && a.every((v, i) => valuesEqual(v, ae, b[i], be));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a);
		return (
			keys.length === Object.keys(b).length &&
			keys.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k], 0, b[k], 0))
		);
	}
	return false;
}

/** A float: from a float column, or a non-integer number anywhere (inside JSON, say). */
function isFloat(value: unknown, type: number): boolean {
	return typeof value === 'number' && (FLOAT_TYPES.has(type) || !Number.isInteger(value));
}

function close(x: number, y: number): boolean {
	if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
	if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
	return Math.abs(x - y) <= FLOAT_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		!(value instanceof Date) &&
		!(value instanceof Uint8Array)
	);
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}
