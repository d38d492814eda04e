import type { Deck, Item } from '$lib/decks/types';
import { forgetCopies, forgetOwnDecks } from '$lib/catalog';
import { now } from '$lib/clock';
import type { RehearseDB } from '$lib/db/schema';
import type { RestorePlan } from '$lib/db/backup';
import type { Backup } from './format';

/** A restore in the making: the file chosen, what it holds, and what restoring it would change. */
export interface PendingRestore {
	fileName: string;
	backup: Backup;
	plan: RestorePlan;
	/** The backup's own decks, compiled here from their Markdown. */
	decks: ReadonlyMap<string, Deck>;
	/** The backup's copies of our items, compiled here from their Markdown. */
	copies: ReadonlyMap<string, Item>;
}

export type RestoreMode = 'merge' | 'replace';

function reason(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * The Settings → Data screen's state: downloading a backup, and restoring one in three steps (choose a
 * file, read what would change, confirm). The backup code (the exporter, the schemas) loads on
 * the first click, not with the settings page.
 */
export class BackupPanel {
	#db: () => RehearseDB;
	/** What the person is told: progress, success, or what went wrong (`problem`). */
	status = $state('');
	problem = $state('');
	busy = $state(false);
	pending = $state.raw<PendingRestore | null>(null);
	mode = $state<RestoreMode>('merge');
	useBackupSettings = $state(false);
	/** A replacement waits for a second, explicit yes. */
	confirmingReplace = $state(false);

	constructor(db: () => RehearseDB) {
		this.#db = db;
	}

	/**
	 * Makes the backup file and hands it to the browser to save, then notes the time (home's reminder
	 * counts from it). Returns the file, for the caller to offer as a download.
	 */
	async download(save: (file: Blob, name: string) => void): Promise<void> {
		this.#start('Making your backup…');
		try {
			const [{ exportBackup, markBackedUp }, { backupFileName }] = await Promise.all([
				import('$lib/db/backup'),
				import('./format')
			]);
			const at = now();
			const file = await exportBackup(this.#db(), at);
			save(file, backupFileName(at));
			await markBackedUp(this.#db(), at);
			this.status = `Backup saved as ${backupFileName(at)} (${megabytes(file.size)}). Keep it somewhere other than this browser.`;
		} catch (e) {
			this.problem = `The backup could not be made: ${reason(e)}`;
			this.status = '';
		} finally {
			this.busy = false;
		}
	}

	/** Reads and checks the chosen file, and works out what restoring it would change. Writes nothing. */
	async choose(file: File): Promise<void> {
		this.cancel();
		this.#start(`Reading ${file.name}…`);
		try {
			const [{ readBackup }, { planRestore }, { compileDecksOffThread }, { compileCopies }] =
				await Promise.all([
					import('./file'),
					import('$lib/db/backup'),
					import('$lib/my-decks/compile-off-thread'),
					import('$lib/my-decks/copies')
				]);
			const backup = await readBackup(file);
			const decks = await compileDecksOffThread(backup.ownDecks);
			const copies = await compileCopies(backup.itemCopies);
			const plan = await planRestore(this.#db(), backup);
			this.pending = { fileName: file.name, backup, plan, decks, copies };
			this.status = '';
		} catch (e) {
			this.problem = `${file.name} was not restored, and nothing here changed. ${reason(e)}`;
			this.status = '';
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Restores the chosen backup in the chosen mode. A replacement asks first (`confirmingReplace`);
	 * call again to go ahead.
	 */
	async restore(): Promise<void> {
		const pending = this.pending;
		if (!pending) return;
		if (this.mode === 'replace' && !this.confirmingReplace) {
			this.confirmingReplace = true;
			return;
		}
		this.#start(this.mode === 'merge' ? 'Merging the backup…' : 'Replacing your data…');
		try {
			const { restoreBackup } = await import('$lib/db/backup');
			await restoreBackup(this.#db(), pending.backup, {
				mode: this.mode,
				useBackupSettings: this.useBackupSettings,
				decks: pending.decks,
				copies: pending.copies
			});
			forgetOwnDecks();
			forgetCopies();
			const entries = pending.backup.log.length;
			this.status =
				this.mode === 'merge'
					? `Merged ${pending.fileName}: ${count(pending.plan.log.added, 'answer')} added.`
					: `Replaced your data with ${pending.fileName} (${count(entries, 'answer')}).`;
			this.pending = null;
			this.confirmingReplace = false;
		} catch (e) {
			this.problem = `Nothing was restored, and nothing here changed. ${reason(e)}`;
			this.status = '';
		} finally {
			this.busy = false;
		}
	}

	/** Why a merge of the chosen backup is refused (its entries clash with stored ones), or null. */
	get conflict(): string | null {
		const pending = this.pending;
		const ids = pending?.plan.log.conflicts ?? [];
		if (!pending || ids.length === 0) return null;
		const at = pending.backup.log.findIndex((e) => e.id === ids[0]);
		const others = ids.length > 1 ? ` (and ${count(ids.length - 1, 'other')})` : '';
		return `Entry ${(at + 1).toLocaleString('en')} of the backup (id ${ids[0]})${others} has the id of an answer stored here but says something else, so the two cannot be merged. Replace is still possible.`;
	}

	cancel(): void {
		this.pending = null;
		this.confirmingReplace = false;
		this.mode = 'merge';
		this.useBackupSettings = false;
		this.problem = '';
		this.status = '';
	}

	#start(status: string): void {
		this.busy = true;
		this.problem = '';
		this.status = status;
	}
}

export function count(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function megabytes(bytes: number): string {
	return bytes < 2 ** 20
		? `${Math.max(1, Math.round(bytes / 1024))} KB`
		: `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
