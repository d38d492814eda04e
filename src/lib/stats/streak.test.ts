import { describe, expect, it } from 'vitest';
import { streak } from './streak';

describe('streak', () => {
	it.each([
		[[], 100, 0],
		[[100], 100, 1],
		[[98, 99, 100], 100, 3],
		[[98, 99], 100, 2],
		[[97, 99, 100], 100, 2],
		[[97, 98], 100, 0]
	])('%j on day %d → %d', (days, today, expected) => {
		expect(streak(days, today)).toBe(expected);
	});
});
