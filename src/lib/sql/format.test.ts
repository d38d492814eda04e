import { describe, expect, it } from 'vitest';
import { errorLocation, formatValue } from './format';

describe('formatValue', () => {
	it('prints dates and timestamps as psql does, in UTC', () => {
		const d = new Date(Date.UTC(2026, 2, 1, 9, 30, 5));
		expect(formatValue(new Date(Date.UTC(2026, 2, 1)), 1082)).toBe('2026-03-01');
		expect(formatValue(d, 1114)).toBe('2026-03-01 09:30:05');
		expect(formatValue(d, 1184)).toBe('2026-03-01 09:30:05+00');
		expect(formatValue(new Date(Date.UTC(2026, 2, 1, 9, 30, 5, 250)), 1114)).toBe('2026-03-01 09:30:05.250');
	});

	it('keeps NULL apart from the text "NULL" and prints booleans, arrays and JSON', () => {
		expect(formatValue(null, 25)).toBeNull();
		expect(formatValue('NULL', 25)).toBe('NULL');
		expect(formatValue(true, 16)).toBe('t');
		expect(formatValue([1, null, 3], 1007)).toBe('{1,NULL,3}');
		expect(formatValue({ a: [1, 2] }, 3802)).toBe('{"a":[1,2]}');
		expect(formatValue(9007199254740993n, 20)).toBe('9007199254740993');
		expect(formatValue('12.50', 1700)).toBe('12.50');
	});
});

describe('errorLocation', () => {
	it('turns a character position into a line and column', () => {
		const query = 'SELECT name\nFROM custmers\nWHERE id = 1';
		expect(errorLocation(query, 1)).toEqual({ line: 1, column: 1, text: 'SELECT name' });
		expect(errorLocation(query, 18)).toEqual({ line: 2, column: 6, text: 'FROM custmers' });
	});

	it('counts UTF-16 units (as the engine and CodeMirror do) and stays inside the query', () => {
		expect(errorLocation("SELECT '😀' + x", 14)).toEqual({ line: 1, column: 14, text: "SELECT '😀' + x" });
		expect(errorLocation('SELECT', 99).column).toBe(7);
		expect(errorLocation('SELECT', 0).column).toBe(1);
	});
});
