import { describe, expect, it } from 'vitest';
import { formatWhen } from './format';

// Vitest runs in UTC (vite.config.ts), so these local times are the UTC ones written here.
const NOW = Date.parse('2026-03-10T12:00:00Z');
const at = (iso: string) => Date.parse(iso);

describe('formatWhen', () => {
	it('says how long ago an overdue card came due, not "today" (exploratory finding 8)', () => {
		expect(formatWhen(at('2026-03-05T15:33:00Z'), NOW, 'en-GB')).toBe('5 days ago');
		expect(formatWhen(at('2026-03-09T15:33:00Z'), NOW, 'en-GB')).toBe('yesterday at 15:33');
		expect(formatWhen(at('2025-03-10T09:00:00Z'), NOW, 'en-GB')).toBe('365 days ago');
	});

	it('names today and tomorrow with the time', () => {
		expect(formatWhen(at('2026-03-10T09:00:00Z'), NOW, 'en-GB')).toBe('today at 09:00');
		expect(formatWhen(at('2026-03-10T23:59:00Z'), NOW, 'en-GB')).toBe('today at 23:59');
		expect(formatWhen(at('2026-03-11T04:00:00Z'), NOW, 'en-GB')).toBe('tomorrow at 04:00');
	});

	it('gives later dates without the year this year, and with it in another year (exploratory finding 8)', () => {
		expect(formatWhen(at('2026-03-12T08:00:00Z'), NOW, 'en-GB')).toBe('Thu 12 Mar');
		expect(formatWhen(at('2026-12-31T08:00:00Z'), NOW, 'en-GB')).toBe('Thu 31 Dec');
		expect(formatWhen(at('2027-01-08T08:00:00Z'), NOW, 'en-GB')).toBe('Fri, 8 Jan 2027');
		expect(formatWhen(at('2028-01-08T08:00:00Z'), NOW, 'en-US')).toBe('Sat, Jan 8, 2028');
	});
});
