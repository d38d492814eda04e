import { logFacts, sameEntry, type LogEntry } from '$lib/scheduling/log';
import { eventFacts, sameEvent } from '$lib/scheduling/card-events';
import type { CardEvent } from '$lib/scheduling/marks';

export { eventFacts };
import { changeLog, logTables } from './recompute';
import { slices } from './slices';
import { allRows, entryTables, rowCards, rowsById } from './entries';
import type { RehearseDB, ReviewLogEntry } from './schema';

export { logFacts };

// Two logs merge by the union of their entries by id, less the ids either side removed (an undo);
// everything derived is then recomputed for the cards touched (db/recompute.ts). The same entries and
// removals give the same states, whatever order they arrive in, so a backup from another device now, and
// sync later, both come down to `mergeLog`.

/** What merging a set of entries into the stored log will do. */
export interface MergePlan {
	/** Entries not stored yet. */
	added: number;
	/** Entries already stored, the same, or removed here before: skipped. */
	known: number;
	/** Stored entries the merge takes out, because the other side removed them (undid the answer). */
	removed: number;
	/** Cards whose state will be recomputed (those that gain or lose entries). */
	cards: number;
	/** Ids stored (or given twice) with different content: a merge refuses them all. */
	conflicts: string[];
	/** Card events (suspend, bury, flag, forget, set due) not stored yet. */
	events: number;
}

export interface MergeOptions {
	/** Whether the change goes to the sync outbox: not for what sync itself pulled. */
	send?: boolean;
	/** The card of removed ids, where the other side named it: looked for in that card's bucket only. */
	removedCards?: ReadonlyMap<string, string>;
	/** Called now and then while the cards are replayed (`LogChange.progress`). */
	progress?: (done: number, total: number) => void;
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
	return logTables(db);
}

/** Above this many ids, the plan reads the stored keys once instead of looking up each id. */
const READ_ALL_ABOVE = 5_000;

async function plan(
	db: RehearseDB,
	entries: readonly LogEntry[],
	removals: readonly string[],
	removedCards?: ReadonlyMap<string, string>
): Promise<{ plan: MergePlan; fresh: LogEntry[]; remove: Map<string, string | undefined> }> {
	const dropped = new Set(removals);
	const given = new Map<string, LogEntry>();
	const conflicts = new Set<string>();
	const slice = slices(db.removed);
	for (const [i, e] of entries.entries()) {
		if (slice.dueAt(i)) await slice.pause();
		if (dropped.has(e.id)) continue;
		const seen = given.get(e.id);
		if (!seen) given.set(e.id, e);
		else if (!sameEntry(seen, e)) conflicts.add(e.id);
	}
	const ids = [...given.keys()];
	const wanted = [...ids, ...dropped];
	// Each id's card, where an entry gives it (an undone answer often comes with its undo): its row is
	// looked for in that card's bucket only. Rows are not indexed by id (db/entries.ts).
	const cardOf = new Map([...(removedCards ?? []), ...entries.map((e) => [e.id, e.cardId] as const)]);
	let stored: Map<string, ReviewLogEntry>;
	let undone: Set<string>;
	if (wanted.length > READ_ALL_ABOVE) {
		// Many ids (a backup, a first sync): read the stored ids once, of every bucket (an entry stored
		// under another card must be found, to be refused), then only the rows both sides hold, rather
		// than half a million lookups, most of them for nothing in an empty profile.
		const [held, removedKeys] = await Promise.all([rowCards(db), db.removed.toCollection().primaryKeys()]);
		const both = wanted.filter((id) => held.has(id));
		stored =
			both.length > READ_ALL_ABOVE
				? new Map((await allRows(db)).map((r) => [r.id, r]))
				: await rowsById(db, both, (id) => held.get(id));
		undone = new Set(removedKeys as string[]);
	} else {
		// A removed id with no card to go by (a tombstone from before v14, a backup's removed list) is
		// looked for in every bucket if it is not loose. Known gap: an entry whose id is stored packed
		// under another card than the one it names is not found here, so it is not refused as a
		// conflict, as it is in a large merge; only a damaged or hostile source sends one.
		const [rows, removedRows] = await Promise.all([
			rowsById(db, wanted, (id) => cardOf.get(id)),
			db.removed.bulkGet(wanted)
		]);
		stored = rows;
		undone = new Set(removedRows.filter((r) => r !== undefined).map((r) => r.id));
	}
	const fresh: LogEntry[] = [];
	let known = 0;
	for (const [i, id] of ids.entries()) {
		if (slice.dueAt(i)) await slice.pause();
		const row = stored.get(id);
		const entry = given.get(id)!;
		if (undone.has(id)) known++;
		else if (!row) fresh.push(logFacts(entry));
		else if (sameEntry(row, entry)) known++;
		else conflicts.add(id);
	}
	const taken = [...dropped].map((id) => stored.get(id)).filter((r) => r !== undefined);
	const cards = new Set([...fresh.map((e) => e.cardId), ...taken.map((r) => r.cardId)]).size;
	return {
		plan: { added: fresh.length, known, removed: taken.length, cards, conflicts: [...conflicts], events: 0 },
		fresh,
		// Undos already recorded here change nothing: leaving them out keeps a second merge of the same
		// entries from writing at all (nor sending them to the sync outbox again).
		remove: new Map([...dropped].filter((id) => !undone.has(id)).map((id) => [id, stored.get(id)?.cardId]))
	};
}

/** The card events not stored yet, and the ids stored (or given twice) with other content. */
async function planEvents(
	db: RehearseDB,
	events: readonly CardEvent[]
): Promise<{ fresh: CardEvent[]; conflicts: string[] }> {
	const given = new Map<string, CardEvent>();
	const conflicts = new Set<string>();
	for (const e of events) {
		const seen = given.get(e.id);
		if (!seen) given.set(e.id, e);
		else if (!sameEvent(seen, e)) conflicts.add(e.id);
	}
	const stored = await db.cardEvents.bulkGet([...given.keys()]);
	const fresh: CardEvent[] = [];
	[...given.values()].forEach((e, i) => {
		const here = stored[i];
		if (!here) fresh.push(eventFacts(e));
		else if (!sameEvent(here, e)) conflicts.add(e.id);
	});
	return { fresh, conflicts: [...conflicts] };
}

/** What `mergeLog` would do with these entries, removed ids and card events; reads only. */
export async function planMerge(
	db: RehearseDB,
	entries: readonly LogEntry[],
	removed: readonly string[] = [],
	events: readonly CardEvent[] = []
): Promise<MergePlan> {
	return db.transaction('r', [...entryTables(db), db.removed, db.cardEvents], async () => {
		const [p, e] = await Promise.all([plan(db, entries, removed), planEvents(db, events)]);
		return { ...p.plan, events: e.fresh.length, conflicts: [...p.plan.conflicts, ...e.conflicts] };
	});
}

/**
 * Adds the entries not stored (nor removed) yet, takes out the stored entries whose ids the other side
 * removed, and recomputes the cards they belong to, the day totals and the deck totals, in one
 * transaction (the caller's, if it covers `mergeTables(db)`). If any id is stored, or given twice, with
 * different content, nothing is written and `LogConflictError` lists them. With `send: false` (what sync
 * itself pulled) nothing goes to the sync outbox.
 */
export async function mergeLog(
	db: RehearseDB,
	entries: readonly LogEntry[],
	removed: readonly string[] = [],
	events: readonly CardEvent[] = [],
	{ send = true, removedCards, progress }: MergeOptions = {}
): Promise<MergePlan> {
	return db.transaction('rw', mergeTables(db), async () => {
		const [{ plan: p, fresh, remove }, e] = await Promise.all([
			plan(db, entries, removed, removedCards),
			planEvents(db, events)
		]);
		const conflicts = [...p.conflicts, ...e.conflicts];
		if (conflicts.length > 0) throw new LogConflictError(conflicts);
		if (fresh.length > 0 || remove.size > 0 || e.fresh.length > 0)
			await changeLog(db, { add: fresh, remove, events: e.fresh, send, progress });
		return { ...p, events: e.fresh.length };
	});
}

/**
 * Replaces the whole log by `entries` (less the `removed` ids, which are kept as removed) and rebuilds
 * every table derived from it, in one transaction. Entries given twice with different content are
 * refused (`LogConflictError`) and nothing changes.
 */
export async function replaceLog(
	db: RehearseDB,
	entries: readonly LogEntry[],
	removed: readonly string[] = [],
	events: readonly CardEvent[] = []
): Promise<void> {
	await db.transaction('rw', mergeTables(db), async () => {
		// The sync outbox stays: changes not sent yet are still to send; so do the settings.
		await Promise.all(
			mergeTables(db)
				.filter((t) => t !== db.outbox && t !== db.settings)
				.map((t) => t.clear())
		);
		await mergeLog(db, entries, removed, events);
	});
}

/** The ids of entries removed from the log (undone), for a backup or another device. */
export async function removedIds(db: RehearseDB): Promise<string[]> {
	return (await db.removed.toCollection().primaryKeys()) as string[];
}
