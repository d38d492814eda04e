import { describe, expect, it } from 'vitest';
import { actionDone, changeFor, dueFromDate } from './actions';

const NOW = new Date(2026, 2, 10, 15, 30).getTime();

describe('browser actions', () => {
	it('buries until the review day ends, and a new due date starts that day at the day start hour', () => {
		expect(changeFor({ kind: 'bury' }, NOW, 4)).toEqual({
			action: 'bury',
			value: new Date(2026, 2, 11, 4).getTime()
		});
		expect(changeFor({ kind: 'reschedule', date: '2026-04-01' }, NOW, 4)).toEqual({
			action: 'reschedule',
			value: new Date(2026, 3, 1, 4).getTime()
		});
		expect(changeFor({ kind: 'reschedule', date: 'next week' }, NOW, 4)).toBeNull();
		expect(changeFor({ kind: 'flag', colour: 3 }, NOW, 4)).toEqual({ action: 'flag', value: 3 });
		expect(changeFor({ kind: 'forget' }, NOW, 4)).toEqual({ action: 'forget' });
	});

	it('reads only real dates', () => {
		expect(dueFromDate('2026-13-01', 4)).toBeNull();
		expect(dueFromDate('2026-02-30', 4)).toBeNull();
		expect(dueFromDate('2028-02-29', 4)).toBe(new Date(2028, 1, 29, 4).getTime());
		expect(dueFromDate('2026-1-1', 4)).toBeNull();
		expect(dueFromDate('', 4)).toBeNull();
	});

	it('says what was done, for one card or many', () => {
		expect(actionDone({ kind: 'suspend' }, 1)).toBe(
			'The card suspended: kept out of review until unsuspended.'
		);
		expect(actionDone({ kind: 'flag', colour: 0 }, 1200)).toBe('Flag removed from 1,200 cards.');
	});
});
