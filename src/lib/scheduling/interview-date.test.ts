import { describe, expect, it } from 'vitest';
import { desiredRetention, planDay, type InterviewPlan } from './interview-date';

const DAY = 86_400_000;

describe('the interview day', () => {
	it('reads a calendar date as a review day number, and refuses dates that do not exist', () => {
		expect(planDay('1970-01-02')).toBe(1);
		expect(planDay('2027-03-01')).toBe(Date.UTC(2027, 2, 1) / DAY);
		expect(planDay('2027-02-29')).toBeNull();
		expect(planDay('2027-3-1')).toBeNull();
		expect(planDay('')).toBeNull();
	});

	it('schedules with the higher retention until the day, and with the usual one from the day on', () => {
		const plan: InterviewPlan = { date: '2027-03-01', topics: [], target: 0.9, retention: 0.95 };
		// Review days start at 04:00 local time: 03:00 on the day still belongs to the day before.
		const before = new Date(2027, 2, 1, 3).getTime();
		const on = new Date(2027, 2, 1, 4).getTime();
		const s = { retention: 0.9, dayStartHour: 4, interview: plan };
		expect(desiredRetention(s, before)).toBe(0.95);
		expect(desiredRetention(s, on)).toBe(0.9);
		expect(desiredRetention({ ...s, retention: 0.97 }, before)).toBe(0.97);
		expect(desiredRetention({ ...s, interview: { ...plan, retention: undefined } }, before)).toBe(0.9);
		expect(desiredRetention({ ...s, interview: null }, before)).toBe(0.9);
	});
});
