import type { RehearseDB, Settings } from './schema';
import { entryTables, firstRow } from './entries';
import { readSettings, saveSettings } from './settings';

/** What the home reminder needs: the settings, and when the first answer kept in the log was given. */
export async function readBackupStatus(
	db: RehearseDB
): Promise<{ settings: Settings; firstAnsweredAt: number | null }> {
	// Log ids are UUIDv7s, ordered by time: the first key is the oldest answer, found without a scan.
	const [settings, first] = await Promise.all([
		readSettings(db),
		db.transaction('r', entryTables(db), () => firstRow(db))
	]);
	return { settings, firstAnsweredAt: first?.reviewedAt ?? null };
}

/** The person closed the reminder at `now`: it stays away for another `backupReminderDays`. */
export async function dismissBackupReminder(db: RehearseDB, now: number): Promise<void> {
	await saveSettings(db, { backupReminderDismissedAt: now });
}
