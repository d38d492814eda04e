import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { answerBucket } from '$lib/db/reviews';
import type { ReviewLogEntry, Settings } from '$lib/db/schema';
import type { CardState } from '$lib/scheduling/card';
import { applyAnswers, applySettings, type Answer } from './apply';
import { timeZone, type Snapshot } from './format';
import { bumpGeneration, readSnapshot, writeSnapshot } from './store';

/** The tables the home counts and the review's queue are read from. */
const WATCHED = new Set(['cards', 'reviewLog', 'days', 'settings', 'deckTotals']);

/** What one read-write transaction wrote to the watched tables, as far as it can be told apart. */
interface Writes {
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
	let writes = open.get(req.trans);
	if (!writes) {
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
	if (name === 'reviewLog' && req.type === 'add') writes.log.push(...values);
	else if (name === 'cards') writes.cards.push(...values);
	else if (name === 'days') writes.days.push(...values.map((d: { day: number }) => d.day));
	else if (name === 'deckTotals') writes.deckTotals.push(...values.map((t: { deckId: string }) => t.deckId));
	else if (name === 'settings') writes.settings.push(...values);
	else writes.other = true;
}

function committed(writes: Writes): void {
	bumpGeneration();
	const s = readSnapshot();
	if (s) writeSnapshot(s.zone === timeZone() ? patched(s, writes) : null);
}

/** The snapshot after these writes, or null when they are not ones it can follow exactly. */
export function patched(s: Snapshot, w: Writes): Snapshot | null {
	if (w.other) return null;
	if (w.log.length === 0) {
		const only = w.settings.length === 1 && w.cards.length + w.days.length + w.deckTotals.length === 0;
		return only ? applySettings(s, w.settings[0]!) : null;
	}
	if (w.settings.length > 0 || !answersOnly(w)) return null;
	const answers: Answer[] = w.log.map((e) => ({
		before: e.before,
		after: e.after,
		day: e.day,
		bucket: e.source === 'review' ? answerBucket(e.before) : null
	}));
	return applyAnswers(s, answers);
}

/**
 * Whether the writes are answers and what goes with them: one card state per log entry (its `after`,
 * each card once), day totals of the answers' days, and deck totals of decks with a card met first.
 */
function answersOnly(w: Writes): boolean {
	const ids = new Set(w.log.map((e) => e.cardId));
	if (ids.size !== w.log.length || w.cards.length !== w.log.length) return false;
	const after = new Map(w.log.map((e) => [e.cardId, e.after]));
	if (!w.cards.every((c) => after.get(c.id)?.rev === c.rev && after.get(c.id)?.due === c.due)) return false;
	const days = new Set(w.log.map((e) => e.day));
	const met = new Set(w.log.filter((e) => !e.before).map((e) => e.deckId));
	return w.days.every((d) => days.has(d)) && w.deckTotals.every((d) => met.has(d));
}
