import {
	BACKUP_TABLES,
	FORMAT_NAME,
	FORMAT_VERSION,
	type Backup,
	type BackupTable
} from '$lib/backup/format';
import { gzipBlob } from '$lib/backup/file';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { eventFacts, mergeLog, mergeTables, planMerge, replaceLog, type MergePlan } from './merge';
import type { CardEvent } from '$lib/scheduling/marks';
import {
	interviewDocId,
	quizDocId,
	type ItemCopy,
	type OwnDeckFile,
	type RehearseDB,
	type Settings
} from './schema';
import type { Deck, Item } from '$lib/decks/types';
import { deleteItemCopy, putItemCopy } from './item-copies';
import { deleteOwnDeck, putOwnDeck } from './own-decks';
import { sameParameters } from './parameters';
import { replayAll } from './recompute';
import { bucketsAfter, entryTables, rowCount } from './entries';
import { factsJsonOfPack } from './log-pack';
import { readSettings, sanitize, saveSettings, settingsTables } from './settings';

// Backups: the whole history in one gzip file (see backup/format.ts), and the way back in, by merge or
// by replacement, always through merge.ts so that a restore recomputes what the log derives.

/** Rows read per chunk when exporting: few round trips, bounded memory. */
const EXPORT_CHUNK = 20_000;
/** Buckets read per chunk when exporting the log: about as many rows as `EXPORT_CHUNK` in the bench's collection. */
const BUCKETS_CHUNK = 40;

/** What a table's rows are written as: the log's entries as their facts only, the rest as stored. */
function exported(table: BackupTable, now: number): (row: unknown) => unknown {
	if (table === 'log') return (row) => logFacts(row as LogEntry);
	if (table === 'cardEvents') return (row) => eventFacts(row as CardEvent);
	if (table === 'settings') return (row) => ({ ...(row as Settings), lastBackupAt: now });
	if (table === 'ownDeckFiles')
		return (row) => {
			const { id, markdown, updatedAt } = row as OwnDeckFile;
			return { id, markdown, updatedAt };
		};
	if (table === 'itemCopies')
		return (row) => {
			const { id, deckId, markdown, updatedAt } = row as ItemCopy;
			return { id, deckId, markdown, updatedAt };
		};
	return (row) => row;
}

/**
 * One table as the rows of a Dexie export (`{"tableName":…,"inbound":true,"rows":[…]}`), read in chunks
 * by primary key; each chunk becomes its own Blob part, so the whole log is never one string. With the
 * number of rows written: counted here rather than asked of IndexedDB, whose count of the packed log's
 * entries walks its id index (9.3 s of a 23 s backup of 505,834 packed rows, bench row 9).
 */
async function tableParts(
	db: RehearseDB,
	table: BackupTable,
	now: number
): Promise<{ parts: BlobPart[]; count: number }> {
	const map = exported(table, now);
	const parts: BlobPart[] = [`{"tableName":${JSON.stringify(table)},"inbound":true,"rows":[`];
	let count = 0;
	const add = (rows: readonly unknown[]) => {
		if (rows.length === 0) return;
		parts.push(`${count > 0 ? ',' : ''}${JSON.stringify(rows.map(map)).slice(1, -1)}`);
		count += rows.length;
	};
	for (let last: string | null = null; ;) {
		const from = db.table(table);
		const rows = (await (
			last === null ? from.limit(EXPORT_CHUNK) : from.where(':id').above(last).limit(EXPORT_CHUNK)
		).toArray()) as { id: string }[];
		add(rows);
		if (rows.length < EXPORT_CHUNK) break;
		last = rows.at(-1)!.id;
	}
	// The log's packed rows (db/entries.ts) follow its loose ones, bucket by bucket. The next chunk is
	// asked for before this one is written out, so IndexedDB reads while the JSON is made.
	for (let next = table === 'log' ? bucketsAfter(db, -1, BUCKETS_CHUNK) : null; next;) {
		const buckets = await next;
		next = buckets.length === BUCKETS_CHUNK ? bucketsAfter(db, buckets.at(-1)!.bucket, BUCKETS_CHUNK) : null;
		const held = buckets.flatMap((b) => b.packs).filter((p) => p.ids.length > 0);
		if (held.length === 0) continue;
		parts.push(`${count > 0 ? ',' : ''}${held.map(factsJsonOfPack).join(',')}`);
		for (const pack of held) count += pack.ids.length;
	}
	parts.push(']}');
	return { parts, count };
}

/** A table's schema as Dexie declares it (`'id, cardId'`), for the export's table list. */
function schemaOf(db: RehearseDB, table: BackupTable): string {
	const { primKey, indexes } = db.table(table).schema;
	return [primKey, ...indexes].map((i) => i.src).join(',');
}

/**
 * The backup file of everything this person has: the log's entries (their facts, not the cached states
 * beside them), the ids undone, the settings, quiz attempts and interviews, with the counts of each. The
 * tables derived from the log are left out; a restore recomputes them. Read in one transaction, so the
 * counts and the rows agree even if another tab answers meanwhile. `now` is written as the time of the
 * backup, and as `lastBackupAt` in the settings it holds.
 *
 * The file's `database` part has the layout of a dexie-export-import export (formatName "dexie"), but it
 * is written here rather than by `exportDB`: that passes every row through typeson, which took 131 s for
 * the bench's 500,000 log rows, against a budget of 10 s (see README, "Back up and restore").
 */
export async function exportBackup(db: RehearseDB, now: number): Promise<Blob> {
	const json = await db.transaction('r', [...BACKUP_TABLES.map((t) => db.table(t)), db.buckets], async () => {
		const counts = {} as Record<BackupTable, number>;
		const tables: BlobPart[] = [];
		for (const table of BACKUP_TABLES) {
			const { parts, count } = await tableParts(db, table, now);
			counts[table] = count;
			tables.push(...(tables.length > 0 ? [','] : []), ...parts);
		}
		const head = JSON.stringify({ format: FORMAT_NAME, version: FORMAT_VERSION, exportedAt: now, counts });
		const database = {
			formatName: 'dexie',
			formatVersion: 1,
			data: {
				databaseName: db.name,
				databaseVersion: db.verno,
				tables: BACKUP_TABLES.map((name) => ({ name, schema: schemaOf(db, name), rowCount: counts[name] }))
			}
		};
		const open = JSON.stringify(database).slice(0, -2);
		return new Blob([head.slice(0, -1), ',"database":', open, ',"data":[', ...tables, ']}}}'], {
			type: 'application/json'
		});
	});
	return gzipBlob(json);
}

/** Notes that a backup was saved at `now`: the home reminder counts from it. */
export async function markBackedUp(db: RehearseDB, now: number): Promise<void> {
	await saveSettings(db, { lastBackupAt: now, backupReminderDismissedAt: undefined });
}

/** What restoring a backup would change, read before anything is written. */
export interface RestorePlan {
	/** Merging the backup's log into this one (see `planMerge`). `conflicts` refuses a merge. */
	log: MergePlan;
	/** Of the backup's quiz attempts and interviews: how many are new here, how many already here. */
	quizAttempts: { added: number; known: number };
	interviews: { added: number; known: number };
	/** What this browser holds now, which a replacement would discard. */
	local: { log: number; quizAttempts: number; interviews: number };
	/** Whether the backup's settings differ from the ones here (a merge keeps these unless asked). */
	settingsDiffer: boolean;
}

async function recordsPlan(table: RehearseDB['quizAttempts'] | RehearseDB['interviews'], ids: string[]) {
	const found = await table.bulkGet(ids);
	const known = found.filter((r) => r !== undefined).length;
	return { added: ids.length - known, known };
}

const SETTING_KEYS = [
	'retention',
	'newPerDay',
	'reviewsPerDay',
	'dayStartHour',
	'disabledDecks',
	'theme'
] as const;

/** What `restoreBackup` would do with `backup`; reads only. */
export async function planRestore(db: RehearseDB, backup: Backup): Promise<RestorePlan> {
	const log = await planMerge(db, backup.log, backup.removed, backup.cardEvents);
	return db.transaction('r', [...entryTables(db), db.quizAttempts, db.interviews, db.settings], async () => {
		const [quizAttempts, interviews, local, settings] = await Promise.all([
			recordsPlan(
				db.quizAttempts,
				backup.quizAttempts.map((q) => q.id)
			),
			recordsPlan(
				db.interviews,
				backup.interviews.map((i) => i.id)
			),
			Promise.all([rowCount(db), db.quizAttempts.count(), db.interviews.count()]),
			readSettings(db)
		]);
		const theirs = backup.settings ? sanitize(backup.settings) : null;
		return {
			log,
			quizAttempts,
			interviews,
			local: { log: local[0], quizAttempts: local[1], interviews: local[2] },
			settingsDiffer:
				theirs !== null && SETTING_KEYS.some((k) => JSON.stringify(theirs[k]) !== JSON.stringify(settings[k]))
		};
	});
}

export interface RestoreOptions {
	/**
	 * `merge` (the union of both histories) or `replace` (this browser's history becomes the backup's;
	 * what is here and not in the backup is lost).
	 */
	mode: 'merge' | 'replace';
	/** Take the backup's settings instead of keeping these. A replacement always takes them. */
	useBackupSettings?: boolean;
	/**
	 * The backup's own decks compiled on this device from their Markdown (my-decks/compile.ts), by id.
	 * A merge keeps whichever copy of a deck changed last; a replacement takes the backup's.
	 */
	decks?: ReadonlyMap<string, Deck>;
	/**
	 * The backup's copies of our items compiled on this device from their Markdown (my-decks/copies.ts),
	 * by id. A merge keeps whichever copy was saved last; a replacement takes the backup's.
	 */
	copies?: ReadonlyMap<string, Item>;
}

/** A record kept in both places: the finished one wins (the other is the same attempt, left midway). */
function newer<T extends { finishedAt: number | null }>(here: T, there: T): boolean {
	return here.finishedAt === null && there.finishedAt !== null;
}

/** Writes the records new here or finished only in the backup; returns those written. */
async function mergeRecords<T extends { id: string; finishedAt: number | null }>(
	table: { bulkGet(ids: string[]): Promise<(T | undefined)[]>; bulkPut(rows: T[]): Promise<unknown> },
	rows: readonly T[]
): Promise<T[]> {
	const here = await table.bulkGet(rows.map((r) => r.id));
	const written = rows.filter((r, i) => here[i] === undefined || newer(here[i]!, r));
	await table.bulkPut(written);
	return written;
}

/** Finished quiz attempts and interviews a restore wrote go to the sync outbox, as when finished here. */
function outboxRows(
	quizzes: readonly Backup['quizAttempts'][number][],
	interviews: readonly Backup['interviews'][number][]
) {
	return [
		...quizzes.filter((q) => q.finishedAt !== null).map((q) => ({ id: quizDocId(q.id) })),
		...interviews.filter((i) => i.finishedAt !== null).map((i) => ({ id: interviewDocId(i.id) }))
	];
}

/**
 * Restores a checked backup in one transaction: either all of it is written or, on any error (such as
 * `LogConflictError` when a merge meets an entry stored here with the same id and different content),
 * nothing is. A merge unions the logs by id (undos included), and the quiz attempts and interviews by
 * id, and keeps the settings here unless `useBackupSettings`; of an own deck or a copy of our item kept
 * in both, the one changed last. A replacement makes every table the backup's. Either way the cards, day totals and deck totals are recomputed from the log.
 */
export async function restoreBackup(db: RehearseDB, backup: Backup, options: RestoreOptions): Promise<void> {
	const tables = [
		...new Set([
			...mergeTables(db),
			...settingsTables(db),
			db.quizAttempts,
			db.interviews,
			db.ownDecks,
			db.ownDeckFiles,
			db.itemCopies
		])
	];
	const replace = options.mode === 'replace';
	const missing = backup.ownDecks.find((d) => !options.decks?.has(d.id));
	if (missing)
		throw new Error(`The deck '${missing.id}' of this backup was not compiled before the restore.`);
	const uncompiled = backup.itemCopies.find((c) => !options.copies?.has(c.id));
	if (uncompiled)
		throw new Error(`The copy '${uncompiled.id}' of this backup was not compiled before the restore.`);
	await db.transaction('rw', tables, async () => {
		const parameters = (await readSettings(db)).fsrsParameters;
		if (replace) {
			await replaceLog(db, backup.log, backup.removed, backup.cardEvents);
			await Promise.all([db.quizAttempts.clear(), db.interviews.clear()]);
			await Promise.all([
				db.quizAttempts.bulkAdd(backup.quizAttempts),
				db.interviews.bulkAdd(backup.interviews)
			]);
			await db.outbox.bulkAdd(outboxRows(backup.quizAttempts, backup.interviews));
		} else {
			await mergeLog(db, backup.log, backup.removed, backup.cardEvents);
			const quizzes = await mergeRecords<Backup['quizAttempts'][number]>(
				db.quizAttempts,
				backup.quizAttempts
			);
			const interviews = await mergeRecords<Backup['interviews'][number]>(db.interviews, backup.interviews);
			await db.outbox.bulkAdd(outboxRows(quizzes, interviews));
		}
		// A replacement removes the decks and copies the backup does not have as the person's own removal
		// does, so that sync takes the removal to their other devices instead of bringing them back; and
		// each one it keeps is stored as a change made after the version here, so that it wins there too.
		if (replace) {
			const keep = new Set(backup.ownDecks.map((d) => d.id));
			for (const id of await db.ownDecks.toCollection().primaryKeys())
				if (!keep.has(id)) await deleteOwnDeck(db, id);
		}
		const here = await db.ownDeckFiles.bulkGet(backup.ownDecks.map((d) => d.id));
		for (const [i, source] of backup.ownDecks.entries()) {
			if (!replace && (here[i]?.updatedAt ?? -1) >= source.updatedAt) continue;
			await putOwnDeck(db, source.markdown, options.decks!.get(source.id)!, source.updatedAt);
		}
		if (replace) {
			const keep = new Set(backup.itemCopies.map((c) => c.id));
			for (const id of await db.itemCopies.toCollection().primaryKeys())
				if (!keep.has(id)) await deleteItemCopy(db, id);
		}
		const copies = await db.itemCopies.bulkGet(backup.itemCopies.map((c) => c.id));
		for (const [i, source] of backup.itemCopies.entries()) {
			if (!replace && (copies[i]?.updatedAt ?? -1) >= source.updatedAt) continue;
			await putItemCopy(db, { ...source, item: options.copies!.get(source.id)! });
		}
		if ((replace || options.useBackupSettings) && backup.settings) {
			const here = await readSettings(db);
			const reminder = {
				lastBackupAt: here.lastBackupAt,
				backupReminderDays: here.backupReminderDays,
				backupReminderDismissedAt: here.backupReminderDismissedAt
			};
			// Through saveSettings, so the change is timed per setting and goes to the sync outbox.
			const { id: _id, ...fields } = sanitize({ ...backup.settings, ...(replace ? {} : reminder) });
			await saveSettings(db, fields);
		} else if (replace) await db.settings.clear();
		// The log was replayed with the parameters here; the backup's settings may bring others.
		if (!sameParameters(parameters, (await readSettings(db)).fsrsParameters)) await replayAll(db);
	});
}
