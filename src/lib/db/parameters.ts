import { replayAll, logTables } from './recompute';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { readSettings, saveSettings, settingsTables } from './settings';
import type { RehearseDB, Settings } from './schema';
import { allRows, entryTables } from './entries';

/**
 * Puts the person's own FSRS weights in force (or, with `undefined`, ts-fsrs's defaults again) and
 * recomputes every card from the log with them, in one transaction: the setting and the card states
 * never disagree. The log's entries are not changed; the setting syncs like any other.
 *
 * @example await applyParameters(db, fitted); // then every card is the replay of its entries with `fitted`
 */
export async function applyParameters(
	db: RehearseDB,
	parameters: readonly number[] | undefined
): Promise<Settings> {
	return db.transaction('rw', [...new Set([...logTables(db), ...settingsTables(db)])], async () => {
		const next = await saveSettings(db, { fsrsParameters: parameters ? [...parameters] : undefined });
		await replayAll(db);
		return next;
	});
}

/** The log's facts the optimiser needs, and the FSRS weights in force (absent: the defaults). */
export async function readOptimiserLog(
	db: RehearseDB
): Promise<{ entries: LogEntry[]; parameters: number[] | undefined }> {
	return db.transaction('r', [...entryTables(db), db.settings], async () => {
		const [rows, settings] = await Promise.all([allRows(db), readSettings(db)]);
		return { entries: rows.map(logFacts), parameters: settings.fsrsParameters };
	});
}

/** Whether two settings schedule with the same FSRS weights (both absent: the defaults). */
export function sameParameters(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
	if (!a || !b) return a === b;
	return a.length === b.length && a.every((x, i) => x === b[i]);
}
