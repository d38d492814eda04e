import { now } from '$lib/clock';
import type { RehearseDB } from '$lib/db/schema';
import { dismissBackupReminder, readBackupStatus } from '$lib/db/backup-status';
import { backupReminder, type BackupReminder } from './reminder';

/** Home's backup reminder: read once when created, quiet until then, and gone once dismissed. */
export class BackupReminderState {
	#db: RehearseDB;
	reminder = $state<BackupReminder>({ kind: 'none' });

	constructor(db: RehearseDB) {
		this.#db = db;
		void readBackupStatus(db).then(({ settings, firstAnsweredAt }) => {
			this.reminder = backupReminder(settings, firstAnsweredAt, now());
		});
	}

	async dismiss(): Promise<void> {
		this.reminder = { kind: 'none' };
		await dismissBackupReminder(this.#db, now());
	}
}
