import { describe, expect, it } from 'vitest';
import { numberTyped } from './number-field';

describe('numberTyped', () => {
	it('reads what was typed, with spaces around it', () => {
		expect(numberTyped('25')).toBe(25);
		expect(numberTyped(' 0.85 ')).toBe(0.85);
		expect(numberTyped('0')).toBe(0);
		expect(numberTyped('-5')).toBe(-5);
	});

	it('does not take an empty box as zero (exploratory finding 11)', () => {
		expect(numberTyped('')).toBeNull();
		expect(numberTyped('   ')).toBeNull();
	});

	it('refuses text that is not a number', () => {
		expect(numberTyped('abc')).toBeNull();
		expect(numberTyped('Infinity')).toBeNull();
	});
});
