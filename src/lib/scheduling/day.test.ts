import { afterEach, describe, expect, it } from 'vitest';
import { dayEndsAt, dayOf, dayStartsAt } from './day';

const local = (y: number, m: number, d: number, h: number, min = 0) =>
	new Date(y, m - 1, d, h, min).getTime();

describe('review day with a 04:00 rollover', () => {
	const zone = process.env.TZ;
	afterEach(() => {
		process.env.TZ = zone;
	});

	it.each(['UTC', 'America/New_York', 'Asia/Kolkata'])(
		'counts a 01:30 answer for the previous day (%s)',
		(tz) => {
			process.env.TZ = tz;
			const monday = dayOf(local(2026, 1, 5, 12), 4);
			expect(dayOf(local(2026, 1, 6, 1, 30), 4)).toBe(monday);
			expect(dayOf(local(2026, 1, 6, 3, 59), 4)).toBe(monday);
			expect(dayOf(local(2026, 1, 6, 4, 0), 4)).toBe(monday + 1);
			expect(dayStartsAt(monday, 4)).toBe(local(2026, 1, 5, 4));
			expect(dayEndsAt(local(2026, 1, 6, 1, 30), 4)).toBe(local(2026, 1, 6, 4));
		}
	);

	it('with a midnight rollover, the day is the calendar date', () => {
		expect(dayOf(local(2026, 1, 5, 23, 59), 0) + 1).toBe(dayOf(local(2026, 1, 6, 0, 0), 0));
		expect(dayOf(Date.UTC(1970, 0, 1, 12), 0)).toBe(0);
	});

	it('keeps days one apart across a daylight-saving change', () => {
		process.env.TZ = 'America/New_York';
		// 2026-03-08 is 23 hours long in New York.
		const before = dayOf(local(2026, 3, 8, 12), 4);
		expect(dayOf(local(2026, 3, 9, 12), 4)).toBe(before + 1);
		expect(dayEndsAt(local(2026, 3, 8, 12), 4)).toBe(local(2026, 3, 9, 4));
	});

	it.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'])(
		'agrees with dayStartsAt on every day of a year, clock changes included (%s)',
		(tz) => {
			process.env.TZ = tz;
			const first = dayOf(local(2026, 1, 1, 12), 0);
			for (const hour of [0, 1, 2, 3, 4, 6]) {
				for (let day = first; day < first + 366; day++) {
					const start = dayStartsAt(day, hour);
					expect(dayOf(start, hour), `${tz} day ${day} ${hour}:00`).toBe(day);
					expect(dayOf(start - 1, hour), `${tz} day ${day} ${hour}:00, 1 ms before`).toBe(day - 1);
				}
			}
		}
	);
});
