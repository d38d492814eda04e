import type { Settings } from '$lib/db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What home says about backups: nothing, that there is none yet, or how old the last one is. */
export type BackupReminder = { kind: 'none' } | { kind: 'never' } | { kind: 'old'; days: number };

/**
 * Whether home should remind the person to back up, and how. Quiet until the last backup is
 * `backupReminderDays` days old (7 unless set); with no backup at all, quiet until the first answer is
 * that old, so a newcomer is not nagged on day one. A dismissal keeps it quiet for that many days again.
 *
 * @example backupReminder({ ...settings, lastBackupAt: now - 9 * DAY }, firstAnswer, now) // { kind: 'old', days: 9 }
 */
export function backupReminder(
	settings: Pick<Settings, 'lastBackupAt' | 'backupReminderDays' | 'backupReminderDismissedAt'>,
	firstAnsweredAt: number | null,
	now: number,
	defaultDays = 7
): BackupReminder {
	const wait = (settings.backupReminderDays ?? defaultDays) * DAY_MS;
	const dismissed = settings.backupReminderDismissedAt;
	if (dismissed !== undefined && now - dismissed < wait) return { kind: 'none' };
	const last = settings.lastBackupAt;
	if (last !== undefined)
		return now - last >= wait ? { kind: 'old', days: Math.floor((now - last) / DAY_MS) } : { kind: 'none' };
	return firstAnsweredAt !== null && now - firstAnsweredAt >= wait ? { kind: 'never' } : { kind: 'none' };
}
