import { describe, expect, it } from 'vitest';
import { logEntryId, logEntryIdAfter } from './id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('logEntryId', () => {
	it('is a UUIDv7 carrying the moment it is given', () => {
		const at = Date.parse('2026-01-05T09:00:00Z');
		const id = logEntryId(at);
		expect(id).toMatch(UUID_V7);
		expect(msOf(id)).toBe(at);
		expect(logEntryId(at, 1)).toBe('019b8d62-7a80-7000-8000-000000000001');
	});

	it('sorts in the order ids were made, within one millisecond and across them', () => {
		const at = Date.parse('2026-01-05T09:00:00Z');
		const ids = [at, at, at, at + 1, at + 1, at + 5000].map((t) => logEntryId(t));
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(ids);
		for (const id of ids) expect(id).toMatch(UUID_V7);
	});

	it('made from a counter, is the same every time and keeps the counter order', () => {
		const at = 1_700_000_000_000;
		expect(logEntryId(at, 41)).toBe(logEntryId(at, 41));
		expect(logEntryId(at, 2) < logEntryId(at, 10)).toBe(true);
		expect(logEntryId(at, 2 ** 40)).toMatch(UUID_V7);
	});

	it('after a given id: same millisecond, sorts after it, differs between two devices', () => {
		const at = Date.parse('2026-01-05T09:00:00Z');
		for (const previous of [logEntryId(at, 7), `${logEntryId(at, 0).slice(0, 14)}7fff-bfff-fffffe000000`]) {
			const a = logEntryIdAfter(previous);
			const b = logEntryIdAfter(previous);
			expect(a > previous && b > previous).toBe(true);
			expect(a.slice(0, 13)).toBe(previous.slice(0, 13));
			expect(a).toMatch(UUID_V7);
			expect(a).not.toBe(b);
		}
	});
});
