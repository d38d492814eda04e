import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { ReviewLogEntry, Settings } from '$lib/db/schema';
import type * as Patch from './patch';
import type { CardState } from '$lib/scheduling/card';
import { timeZone } from './format';
import { bumpGeneration, generation, ownGeneration, readSnapshot, writeSnapshot } from './store';

/**
 * The tables the home counts and the review's queue are read from (card marks among them: a suspended
 * card leaves both), and the person's copies of our items, which change what the review's stored card shows.
 */
const WATCHED = new Set([
	'cards',
	'log',
	'buckets',
	'days',
	'settings',
	'deckTotals',
	'itemCopies',
	'cardMarks'
]);

/** What one read-write transaction wrote to the watched tables, as far as it can be told apart. */
export interface Writes {
	log: ReviewLogEntry[];
	cards: CardState[];
	days: number[];
	deckTotals: string[];
	settings: Settings[];
	/** A write of any other kind (a delete, an update in place, another table's put): patching is off. */
	other: boolean;
}

/**
 * Keeps the first-paint cache in step with every committed write, whoever makes it: a Dexie DBCore
 * middleware that notes what each read-write transaction writes to the watched tables and, when it
 * commits, gives the collection a new generation (which voids the review's stored card, here and in
 * other tabs) and brings the home snapshot along: patched exactly for answers (their log entries carry
 * all it needs) and settings, dropped for anything else, for the home screen's next live read to rebuild.
 * A transaction that fails changes nothing.
 */
export const firstPaintWatch: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'first-paint',
	create: (down) => ({
		...down,
		table(name) {
			const table = down.table(name);
			return WATCHED.has(name) ? watched(table, name) : table;
		}
	})
};

const open = new WeakMap<object, Writes>();
const quiet = new WeakSet<object>();

/**
 * Says that a read-write transaction changes nothing a screen shows (compaction moves log rows from one
 * table to another): its writes neither void the stored card nor drop the home snapshot.
 */
export function leavesFirstPaint(trans: IDBTransaction): void {
	quiet.add(trans);
}

function watched(table: DBCoreTable, name: string): DBCoreTable {
	return {
		...table,
		mutate(req) {
			note(req, name);
			return table.mutate(req);
		}
	};
}

function note(req: DBCoreMutateRequest, name: string): void {
	if (quiet.has(req.trans)) return;
	let writes = open.get(req.trans);
	if (!writes) {
		void loadPatch();
		writes = { log: [], cards: [], days: [], deckTotals: [], settings: [], other: false };
		open.set(req.trans, writes);
		const done = writes;
		(req.trans as unknown as IDBTransaction).addEventListener('complete', () => committed(done));
	}
	const plain = (req.type === 'add' || req.type === 'put') && !('updates' in req && req.updates);
	if (!plain || ('criteria' in req && req.criteria) || ('changeSpec' in req && req.changeSpec)) {
		writes.other = true;
		return;
	}
	const values = req.values as never[];
	if (name === 'log' && req.type === 'add') writes.log.push(...values);
	else if (name === 'cards') writes.cards.push(...values);
	else if (name === 'days') writes.days.push(...values.map((d: { day: number }) => d.day));
	else if (name === 'deckTotals') writes.deckTotals.push(...values.map((t: { deckId: string }) => t.deckId));
	else if (name === 'settings') writes.settings.push(...values);
	else writes.other = true;
}

/**
 * At commit: a new generation, and the snapshot patched or dropped. The patch code loads with the first
 * write (it is not needed before); until it has, the snapshot is dropped at once and stored back
 * patched, if no other write came meanwhile, so a page closed in between leaves no wrong snapshot.
 */
function committed(writes: Writes): void {
	const s = readSnapshot();
	writeSnapshot(null);
	bumpGeneration();
	if (!s || s.zone !== timeZone()) return;
	const mine = ownGeneration();
	pending = loadPatch().then(({ patched }) => {
		if (generation() === mine) writeSnapshot(patched(s, writes));
	});
}

let pending = Promise.resolve();
/** Resolves once the last commit's patch is stored (for tests). */
export const patchesStored = (): Promise<void> => pending;

let patch: Promise<typeof Patch> | null = null;
const loadPatch = () => (patch ??= import('./patch'));
