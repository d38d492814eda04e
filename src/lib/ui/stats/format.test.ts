import { describe, expect, it } from 'vitest';
import { dayLabel, percent, trendText } from './format';

describe('statistics labels', () => {
	it('writes a review day as a short date in UTC, the same on every call', () => {
		expect(dayLabel(0)).toBe('Jan 1');
		expect(dayLabel(20458)).toBe('Jan 5'); // 2026-01-05
		expect(dayLabel(20458 + 59)).toBe('Mar 5');
		expect(dayLabel(0)).toBe('Jan 1');
	});

	it('writes shares and trends, with a dash for nothing', () => {
		expect(percent(0.874)).toBe('87%');
		expect(percent(null)).toBe('—');
		expect(trendText([50, 60, 70], 2)).toBe('60% → 70%');
		expect(trendText([])).toBe('—');
	});
});
