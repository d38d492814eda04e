import { describe, expect, it } from 'vitest';
import { backupReminder } from './reminder';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('backupReminder', () => {
	it('stays quiet while the last backup is younger than the setting', () => {
		expect(backupReminder({ lastBackupAt: NOW - 6 * DAY }, NOW - 90 * DAY, NOW)).toEqual({ kind: 'none' });
		expect(backupReminder({ lastBackupAt: NOW - 6 * DAY, backupReminderDays: 3 }, null, NOW)).toEqual({
			kind: 'old',
			days: 6
		});
	});

	it('says how many whole days old the last backup is once it is old enough', () => {
		expect(backupReminder({ lastBackupAt: NOW - 7 * DAY }, null, NOW)).toEqual({ kind: 'old', days: 7 });
		expect(backupReminder({ lastBackupAt: NOW - 30.5 * DAY }, null, NOW)).toEqual({ kind: 'old', days: 30 });
	});

	it('says there is no backup yet only once the person has studied for that long', () => {
		expect(backupReminder({}, null, NOW)).toEqual({ kind: 'none' });
		expect(backupReminder({}, NOW - 2 * DAY, NOW)).toEqual({ kind: 'none' });
		expect(backupReminder({}, NOW - 8 * DAY, NOW)).toEqual({ kind: 'never' });
	});

	it('keeps quiet for the same number of days after a dismissal', () => {
		const old = { lastBackupAt: NOW - 40 * DAY };
		expect(backupReminder({ ...old, backupReminderDismissedAt: NOW - 6 * DAY }, null, NOW)).toEqual({
			kind: 'none'
		});
		expect(backupReminder({ ...old, backupReminderDismissedAt: NOW - 7 * DAY }, null, NOW)).toEqual({
			kind: 'old',
			days: 40
		});
	});
});
