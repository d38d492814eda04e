import { logFacts, sameEntry, type LogEntry } from '$lib/scheduling/log';
import { changeLog } from './recompute';
import { answerTables } from './reviews';
import type { RehearseDB, ReviewLogEntry } from './schema';

export { logFacts };

// Two logs merge by the union of their entries by id; everything derived is then recomputed for the
// cards that gained entries (db/recompute.ts). The same entries give the same states, whatever order
// they arrive in, so a backup from another device now, and sync later, both come down to `mergeLog`.

/** What merging a set of entries into the stored log will do. */
export interface MergePlan {
	/** Entries not stored yet. */
	added: number;
	/** Entries already stored, the same: skipped. */
	known: number;
	/** Cards whose state will be recomputed (those that gain entries). */
	cards: number;
	/** Ids stored (or given twice) with different content: a merge refuses them all. */
	conflicts: string[];
}

/** Some entries have the id of a stored entry but say something else: nothing was written. */
export class LogConflictError extends Error {
	constructor(readonly ids: readonly string[]) {
		super(
			`${ids.length === 1 ? 'One entry has' : `${ids.length} entries have`} the id of an answer already stored but different content (first: ${ids[0]}).`
		);
		this.name = 'LogConflictError';
	}
}

/** The tables `mergeLog` and `replaceLog` write: a caller's transaction around them must cover these. */
export function mergeTables(db: RehearseDB) {
	return answerTables(db);
}

/** Above this many entries, the plan reads the whole stored log once instead of looking up each id. */
const READ_ALL_ABOVE = 5_000;

async function plan(
	db: RehearseDB,
	entries: readonly LogEntry[]
): Promise<{ plan: MergePlan; fresh: LogEntry[] }> {
	const given = new Map<string, LogEntry>();
	const conflicts = new Set<string>();
	for (const e of entries) {
		const seen = given.get(e.id);
		if (!seen) given.set(e.id, e);
		else if (!sameEntry(seen, e)) conflicts.add(e.id);
	}
	const ids = [...given.keys()];
	let stored: (ReviewLogEntry | undefined)[];
	if (ids.length > READ_ALL_ABOVE) {
		const all = new Map((await db.log.toArray()).map((r) => [r.id, r]));
		stored = ids.map((id) => all.get(id));
	} else stored = await db.log.bulkGet(ids);
	const fresh: LogEntry[] = [];
	let known = 0;
	ids.forEach((id, i) => {
		const row = stored[i];
		const entry = given.get(id)!;
		if (!row) fresh.push(logFacts(entry));
		else if (sameEntry(row, entry)) known++;
		else conflicts.add(id);
	});
	const cards = new Set(fresh.map((e) => e.cardId)).size;
	return { plan: { added: fresh.length, known, cards, conflicts: [...conflicts] }, fresh };
}

/** What `mergeLog` would do with these entries; reads only. */
export async function planMerge(db: RehearseDB, entries: readonly LogEntry[]): Promise<MergePlan> {
	return db.transaction('r', db.log, async () => (await plan(db, entries)).plan);
}

/**
 * Adds the entries not stored yet and recomputes the cards they belong to, the day totals and the deck
 * totals, in one transaction (the caller's, if it covers `mergeTables(db)`). If any id is stored, or
 * given twice, with different content, nothing is written and `LogConflictError` lists them.
 */
export async function mergeLog(db: RehearseDB, entries: readonly LogEntry[]): Promise<MergePlan> {
	return db.transaction('rw', mergeTables(db), async () => {
		const { plan: p, fresh } = await plan(db, entries);
		if (p.conflicts.length > 0) throw new LogConflictError(p.conflicts);
		if (fresh.length > 0) await changeLog(db, { add: fresh });
		return p;
	});
}

/**
 * Replaces the whole log by `entries` and rebuilds every table derived from it, in one transaction.
 * Entries given twice with different content are refused (`LogConflictError`) before anything changes.
 */
export async function replaceLog(db: RehearseDB, entries: readonly LogEntry[]): Promise<void> {
	await db.transaction('rw', mergeTables(db), async () => {
		await Promise.all(mergeTables(db).map((t) => t.clear()));
		const { plan: p, fresh } = await plan(db, entries);
		if (p.conflicts.length > 0) throw new LogConflictError(p.conflicts);
		await changeLog(db, { add: fresh });
	});
}
