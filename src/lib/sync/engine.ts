import { LogConflictError, mergeLog, mergeTables } from '$lib/db/merge';
import { sameParameters } from '$lib/db/parameters';
import { replayAll } from '$lib/db/recompute';
import {
	allPacks,
	bucketsAfter,
	factsOfPack,
	logIsEmpty,
	packedRowCount,
	rowsById,
	rowsOfPack
} from '$lib/db/entries';
import {
	readSettings,
	sanitize,
	SETTINGS_CHANGED_AT,
	type SettingField,
	type SettingsChangedAt
} from '$lib/db/settings';
import {
	eventDocId,
	SETTINGS_DOC_ID,
	type PulledPage,
	type RehearseDB,
	type ReviewLogEntry,
	type Settings
} from '$lib/db/schema';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import type { QuizRecord } from '$lib/quiz/types';
import type { InterviewRecord } from '$lib/interview/types';
import { now } from '$lib/clock';
import { SyncError, type ChangesPage, type CouchClient } from './couch';
import {
	BUNDLE_ENTRIES,
	bundleDoc,
	eventDoc,
	eventRev,
	InvalidDocError,
	interviewDoc,
	isOwnDocId,
	kindOf,
	localSettingsFields,
	logDoc,
	logRev,
	mergeSettingsFields,
	quizDoc,
	readDoc,
	removedDoc,
	removedDocId,
	type IncomingDoc,
	type OutgoingDoc,
	type SettingsFields
} from './docs';
import { addPendingOwn, allOwnDocIds, pendingOwn, reconcileOwn } from './own';

// One sync with one server: read the server's changes since the last checkpoint page by page into the
// inbox, merge the inbox into the log, then send what this device has that the server may not (the
// whole history the first time, then the outbox). Every step keeps its place on this device as it goes, so
// a sync cut off anywhere (network, server, tab closed) starts again where it stopped, and every write to
// the server is idempotent, so a page sent twice changes nothing.

/** Documents per request. */
export const BATCH = 5_000;

/**
 * Pulled documents per merge step, at least. A step replays every card its entries touch and rewrites
 * their buckets, card rows, day and tally rows; pages arrive in the server's order, so every step of a
 * first sync touches most of them. One step for a history up to this size, as a restore does: 505,834
 * entries merged in 100,000s took 28 s in the bench, against about 18 s for a restore in one.
 */
export const MERGE_BATCH = 1_000_000;

export type SyncStage = 'sending' | 'receiving' | 'merging';

export interface SyncProgress {
	stage: SyncStage;
	done: number;
	/** The expected count, when known. */
	total: number | null;
}

export interface SyncOptions {
	batch?: number;
	/** Pulled documents per merge step, at least (`MERGE_BATCH`). */
	mergeBatch?: number;
	onProgress?: (progress: SyncProgress) => void;
}

export interface SyncResult {
	sent: number;
	received: number;
	/** Own decks and copies of our items that changed here (the catalog's copies are then stale). */
	ownTaken: number;
}

/** Where a device is with one account: how far the first full send went, and the pull checkpoint. */
interface Checkpoint {
	/**
	 * The first send of the whole history: the table it is at and the last key sent, or done; and the
	 * last outbox row when it began (the outbox up to there holds nothing it does not send).
	 */
	sendAll: {
		table: 'log' | 'packs' | 'removed' | 'records' | 'done';
		after: string;
		covers?: number;
		/** In the `packs` stage: the rows sent so far from packs (so the count waiting needs no pack read). */
		sent?: number;
		/**
		 * In the `packs` stage: the last bucket sent. Without it, `after` is a card id from before packs were
		 * kept in buckets (schema v12), and the walk starts again: a row sent twice is harmless.
		 */
		bucket?: number;
	};
	/** The server's `last_seq` of the last page pulled into the inbox. */
	since: string | number;
}

const LAST_SYNC = 'lastSync';
const checkpointKey = (client: CouchClient) => `checkpoint:${client.db}`;

async function readCheckpoint(db: RehearseDB, client: CouchClient): Promise<Checkpoint> {
	const row = await db.syncMeta.get(checkpointKey(client));
	return (row?.value as Checkpoint | undefined) ?? { sendAll: { table: 'log', after: '' }, since: 0 };
}

/**
 * Changes the checkpoint and, in the same transaction, notes bundles just sent (so that a pull finds them
 * held when the server lists them back).
 */
async function writeCheckpoint(
	db: RehearseDB,
	client: CouchClient,
	change: Partial<Checkpoint>,
	sent: readonly OutgoingDoc[] = []
) {
	await db.transaction('rw', db.syncMeta, async () => {
		const ck = await readCheckpoint(db, client);
		await Promise.all([
			db.syncMeta.put({ key: checkpointKey(client), value: { ...ck, ...change } }),
			noteBundles(db, client, sent)
		]);
	});
}

const bundlesKey = (client: CouchClient) => `bundles:${client.db}`;

/** The bundles this device sent to this database: id → revision. */
async function sentBundles(db: RehearseDB, client: CouchClient): Promise<Map<string, string>> {
	const row = await db.syncMeta.get(bundlesKey(client));
	return new Map(Object.entries((row?.value as Record<string, string> | undefined) ?? {}));
}

async function noteBundles(db: RehearseDB, client: CouchClient, sent: readonly OutgoingDoc[]) {
	const bundles = sent.filter((d) => d.type === 'logs');
	if (bundles.length === 0) return;
	const known = Object.fromEntries(await sentBundles(db, client));
	for (const b of bundles) known[b._id] = b._rev;
	await db.syncMeta.put({ key: bundlesKey(client), value: known });
}

/** Entries as bundles of up to `BUNDLE_ENTRIES`, in the order given. */
function bundles(entries: readonly LogEntry[]): OutgoingDoc[] {
	const out: OutgoingDoc[] = [];
	for (let i = 0; i < entries.length; i += BUNDLE_ENTRIES)
		out.push(bundleDoc(entries.slice(i, i + BUNDLE_ENTRIES)));
	return out;
}

/** Entries of an outbox page from which they go up in bundles rather than one document each. */
const BUNDLE_FROM = 100;

/** When this device last finished a sync, or null. */
export async function lastSynced(db: RehearseDB): Promise<number | null> {
	return ((await db.syncMeta.get(LAST_SYNC))?.value as number | undefined) ?? null;
}

/** How many local changes wait to be sent (the outbox, or the whole history before a first sync). */
export async function waitingCount(db: RehearseDB, client: CouchClient | null): Promise<number> {
	if (!client) return db.outbox.count();
	const { sendAll } = await readCheckpoint(db, client);
	const outbox = await db.outbox
		.where(':id')
		.above(sendAll.table === 'done' ? 0 : (sendAll.covers ?? Infinity))
		.count();
	if (sendAll.table === 'done') return outbox;
	const [log, packed, removed] = await Promise.all([
		db.log
			.where(':id')
			.above(sendAll.table === 'log' ? sendAll.after : '\uffff')
			.count(),
		sendAll.table === 'log' || sendAll.table === 'packs'
			? packedRowCount(db).then((n) => Math.max(0, n - (sendAll.sent ?? 0)))
			: 0,
		db.removed.count()
	]);
	return outbox + log + packed + removed;
}

/**
 * Syncs this device's database with the person's database on the server, both ways. Throws `SyncError`
 * (with a sentence for the person) when it cannot finish; what it did before that is kept.
 */
export async function sync(
	db: RehearseDB,
	client: CouchClient,
	options: SyncOptions = {}
): Promise<SyncResult> {
	const batch = options.batch ?? BATCH;
	const progress = options.onProgress ?? (() => undefined);
	try {
		// The first time with an account, send first: the whole history goes up as this device had it,
		// not with everything the server is about to send it (an empty device then sends nothing). After
		// that, receive first: what this device sends comes back in the next sync's change list only, as
		// ids, all held, so nothing is downloaded again.
		const first = (await readCheckpoint(db, client)).sendAll.table !== 'done';
		const own = { taken: 0 };
		let sent = first ? await push(db, client, batch, progress, own) : 0;
		const received = await pull(db, client, batch, progress);
		await mergeInbox(db, options.mergeBatch ?? MERGE_BATCH, progress);
		own.taken += await reconcileOwn(db, client, await pendingOwn(db));
		// Once per account: every own deck and copy here, those made before sync carried them included.
		const allOwn = `ownAll:${client.db}`;
		if (!(await db.syncMeta.get(allOwn))) {
			own.taken += await reconcileOwn(db, client, await allOwnDocIds(db));
			await db.syncMeta.put({ key: allOwn, value: true });
		}
		sent += await push(db, client, batch, progress, own);
		await db.syncMeta.put({ key: LAST_SYNC, value: now() });
		return { sent, received, ownTaken: own.taken };
	} catch (e) {
		throw await explain(e, client);
	}
}

async function explain(e: unknown, client: CouchClient): Promise<Error> {
	if (e instanceof SyncError && e.kind === 'auth') {
		// A session that is still valid but refused: this database is not the person's (pouchdb-server
		// says 401 there, CouchDB 403).
		const user = await client.sessionUser().catch(() => null);
		if (user === client.user)
			return new SyncError('forbidden', `The server does not let ${client.user} use this database.`);
		return e;
	}
	if (e instanceof InvalidDocError) return new SyncError('invalid', e.message);
	if (e instanceof SyncError) return e;
	return new SyncError('server', `Sync stopped: ${e instanceof Error ? e.message : String(e)}`);
}

// ——— sending ———

async function push(
	db: RehearseDB,
	client: CouchClient,
	batch: number,
	progress: (p: SyncProgress) => void,
	own: { taken: number }
): Promise<number> {
	let sent = 0;
	let { sendAll } = await readCheckpoint(db, client);
	const total = await waitingCount(db, client);
	const report = () =>
		(total > 0 || sent > 0) && progress({ stage: 'sending', done: sent, total: Math.max(total, sent) });
	report();
	let settings = false;
	if (sendAll.table !== 'done' && sendAll.covers === undefined) {
		sendAll = { ...sendAll, covers: ((await db.outbox.toCollection().lastKey()) as number | undefined) ?? 0 };
		await writeCheckpoint(db, client, { sendAll });
	}
	const covers = sendAll.covers ?? 0;
	// The first time with this account: everything, table by table, in key order.
	while (sendAll.table === 'log') {
		const rows = await db.log.where(':id').above(sendAll.after).limit(batch).toArray();
		let docs: OutgoingDoc[] = [];
		if (rows.length === 0) sendAll = { table: 'packs', after: '', covers };
		else {
			docs = bundles(rows);
			await client.putReplicated(docs);
			sent += rows.length;
			sendAll = { table: 'log', after: rows.at(-1)!.id, covers };
		}
		await writeCheckpoint(db, client, { sendAll }, docs);
		report();
	}
	// Then the packed rows, bucket by bucket. After the loose ones: a row packed meanwhile was either
	// sent loose already or is in a bucket not reached yet (a card's bucket never changes; and one added
	// meanwhile is in the outbox).
	while (sendAll.table === 'packs') {
		const resumed = sendAll.bucket !== undefined;
		let last = sendAll.bucket ?? -1;
		// Buckets until a page's worth of rows: a bucket holds one card's rows, or fifty cards'.
		const rows: ReviewLogEntry[] = [];
		while (rows.length < batch) {
			const [bucket] = await bucketsAfter(db, last, 1);
			if (!bucket) break;
			for (const pack of bucket.packs) rows.push(...rowsOfPack(pack));
			last = bucket.bucket;
		}
		let docs: OutgoingDoc[] = [];
		if (rows.length === 0) sendAll = { table: 'removed', after: '', covers };
		else {
			docs = bundles(rows);
			await client.putReplicated(docs);
			sent += rows.length;
			sendAll = {
				table: 'packs',
				after: '',
				bucket: last,
				covers,
				sent: (resumed ? (sendAll.sent ?? 0) : 0) + rows.length
			};
		}
		await writeCheckpoint(db, client, { sendAll }, docs);
		report();
	}
	while (sendAll.table === 'removed') {
		const ids = (await db.removed.where(':id').above(sendAll.after).limit(batch).primaryKeys()) as string[];
		if (ids.length === 0) sendAll = { table: 'records', after: '', covers };
		else {
			await client.putReplicated(ids.map((id) => removedDoc(id)));
			sent += ids.length;
			sendAll = { table: 'removed', after: ids.at(-1)!, covers };
		}
		await writeCheckpoint(db, client, { sendAll });
		report();
	}
	if (sendAll.table === 'records') {
		const [quizzes, interviews, events] = await Promise.all([
			db.quizAttempts.toArray(),
			db.interviews.toArray(),
			db.cardEvents.toArray()
		]);
		const docs = [
			...quizzes.filter((q) => q.finishedAt !== null).map(quizDoc),
			...interviews.filter((s) => s.finishedAt !== null).map(interviewDoc),
			...events.map(eventDoc)
		];
		for (let i = 0; i < docs.length; i += batch) await client.putReplicated(docs.slice(i, i + batch));
		settings = true;
		sent += docs.length;
		sendAll = { table: 'done', after: '' };
		await db.transaction('rw', [db.outbox, db.syncMeta], async () => {
			await db.outbox.where(':id').belowOrEqual(covers).delete();
			await writeCheckpoint(db, client, { sendAll });
		});
	}
	// Then whatever changed since: the outbox, oldest first. A row is taken out only once sent, and only
	// up to the last row read, so a change made again meanwhile is sent again.
	for (;;) {
		const rows = await db.outbox.limit(batch).toArray();
		if (rows.length === 0) break;
		const ids = [...new Set(rows.map((r) => r.id))];
		const cards = new Map(rows.map((r) => [r.id, r.cardId]));
		const docs = await outgoing(db, ids, (id) => cards.get(id));
		await client.putReplicated(docs);
		if (docs.some((d) => d.type === 'logs'))
			await db.transaction('rw', db.syncMeta, () => noteBundles(db, client, docs));
		const ownIds = ids.filter(isOwnDocId);
		own.taken += await reconcileOwn(db, client, ownIds);
		if (ids.includes(SETTINGS_DOC_ID)) settings = true;
		await db.outbox.where(':id').belowOrEqual(rows.at(-1)!.seq!).delete();
		sent += docs.reduce((n, d) => n + (d.type === 'logs' ? (d.entries as unknown[]).length : 1), 0);
		report();
	}
	if (settings) await pushSettings(db, client);
	return sent;
}

/**
 * The documents for these outbox ids, as things stand here now; many entries (an import, a restore merged
 * in) go in bundles. `cardOf` gives a log entry's card, which
 * its outbox row names (rows written before version 14 do not: their entries are looked for in every
 * bucket, once per page).
 */
async function outgoing(
	db: RehearseDB,
	ids: readonly string[],
	cardOf: (id: string) => string | undefined
): Promise<OutgoingDoc[]> {
	const logIds = ids.filter((id) => kindOf(id) === 'log');
	const quizIds = ids.filter((id) => id.startsWith('quiz:')).map((id) => id.slice(5));
	const interviewIds = ids.filter((id) => id.startsWith('interview:')).map((id) => id.slice(10));
	const eventIds = ids.filter((id) => kindOf(id) === 'event').map((id) => id.slice(6));
	const removed = await db.removed.bulkGet(logIds);
	const [held, quizzes, interviews, events] = await Promise.all([
		// An entry removed is not looked for: it is sent as a removal.
		rowsById(
			db,
			logIds.filter((_, i) => !removed[i]),
			cardOf
		),
		db.quizAttempts.bulkGet(quizIds),
		db.interviews.bulkGet(interviewIds),
		db.cardEvents.bulkGet(eventIds)
	]);
	const docs: OutgoingDoc[] = [];
	const entries: LogEntry[] = [];
	logIds.forEach((id, i) => {
		const entry = held.get(id);
		if (entry) entries.push(entry);
		else if (removed[i]) docs.push(removedDoc(id, cardOf(id)));
	});
	docs.push(...(entries.length >= BUNDLE_FROM ? bundles(entries) : entries.map((e) => logDoc(e))));
	for (const q of quizzes) if (q && q.finishedAt !== null) docs.push(quizDoc(q));
	for (const s of interviews) if (s && s.finishedAt !== null) docs.push(interviewDoc(s));
	for (const e of events) if (e) docs.push(eventDoc(e));
	return docs;
}

/**
 * Merges the settings here with the server's, field by field (the later change wins), writes the result
 * back if this device had something newer, and takes what the server had newer. A write that loses a race
 * with another device is tried again over the newer document.
 */
async function pushSettings(db: RehearseDB, client: CouchClient): Promise<void> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const raw = await client.get(SETTINGS_DOC_ID);
		const remote = raw ? readDoc(raw) : null;
		const theirs = remote?.kind === 'settings' ? remote.fields : {};
		const [settings, at] = await Promise.all([readSettings(db), changedAt(db)]);
		const { fields, fromB } = mergeSettingsFields(theirs, localSettingsFields(settings, at));
		await applySettings(db, theirs);
		if (fromB.length === 0) return;
		const doc = {
			_id: SETTINGS_DOC_ID,
			type: 'settings',
			fields,
			...(raw ? { _rev: raw._rev as string } : {})
		};
		if (await client.put(doc)) return;
	}
	throw new SyncError(
		'server',
		'The settings kept changing on the server while Rehearse tried to save them.'
	);
}

async function changedAt(db: RehearseDB): Promise<SettingsChangedAt> {
	return ((await db.syncMeta.get(SETTINGS_CHANGED_AT))?.value as SettingsChangedAt | undefined) ?? {};
}

/** Takes the fields the server changed later than this device did; writes nothing to the outbox. */
async function applySettings(db: RehearseDB, fields: SettingsFields): Promise<void> {
	// New FSRS parameters from another device: every card is replayed with them, as that device did.
	await db.transaction('rw', [...new Set([db.settings, db.syncMeta, ...mergeTables(db)])], async () => {
		const [settings, at] = await Promise.all([readSettings(db), changedAt(db)]);
		const next: Record<string, unknown> = { ...settings };
		let changed = false;
		for (const [k, f] of Object.entries(fields) as [SettingField, { value: unknown; changedAt: number }][]) {
			if (f.changedAt > (at[k] ?? -Infinity)) {
				next[k] = f.value;
				at[k] = f.changedAt;
				changed = true;
			}
		}
		if (!changed) return;
		const merged = sanitize(next as unknown as Settings);
		await Promise.all([db.settings.put(merged), db.syncMeta.put({ key: SETTINGS_CHANGED_AT, value: at })]);
		if (!sameParameters(settings.fsrsParameters, merged.fsrsParameters)) await replayAll(db);
	});
}

// ——— receiving ———

/**
 * Reads the server's changes after the checkpoint, a page at a time: ids and revisions first, then only
 * the documents this device does not hold (so what it sent itself is not downloaded back), a part of the
 * page at a time (a few bundles, or a page's worth of single documents). Every document is checked before
 * anything of its part is stored; a part with a document that fails is refused whole, and the sync stops
 * there with an error naming it.
 */
async function pull(
	db: RehearseDB,
	client: CouchClient,
	batch: number,
	progress: (p: SyncProgress) => void
): Promise<number> {
	let { since } = await readCheckpoint(db, client);
	let received = 0;
	let done = 0;
	const here: Held = {
		empty: (await logIsEmpty(db)) && (await db.removed.count()) === 0,
		staged: new Set(),
		bundles: await sentBundles(db, client)
	};
	for (const p of await db.pulled.toArray()) for (const id of pageDocIds(p)) here.staged.add(id);
	for (;;) {
		const page = await client.changes(since, batch);
		if (page.results.length === 0) break;
		const total = page.pending === undefined ? null : done + page.results.length + page.pending;
		for (const part of parts(page, batch)) {
			const changes = part.results.filter((r) => !r.deleted && !r.id.startsWith('_design/'));
			const unknown = changes.find((r) => kindOf(r.id) === null);
			if (unknown) throw new InvalidDocError(unknown.id, 'not a kind of document Rehearse keeps');
			const wanted = await unheld(
				db,
				changes.map((r) => ({ id: r.id, rev: r.changes[0]?.rev ?? '' })),
				here
			);
			const docs = (await client.getDocs(wanted)).map(readDoc);
			const own = changes.map((r) => r.id).filter(isOwnDocId);
			await store(db, client, docs, own, part.lastSeq);
			since = part.lastSeq;
			received += docs.reduce((n, d) => n + (d.kind === 'logs' ? d.entries.length : 1), 0);
			done += part.results.length;
			progress({ stage: 'receiving', done, total });
		}
		if (page.pending === 0) break;
	}
	return received;
}

/**
 * A page of changes cut into parts of about `batch` entries' worth (a bundle counts as a full one), each
 * ending at a change whose own `seq` a later read can start after; the last part ends at the page's end.
 */
function parts(
	page: ChangesPage,
	batch: number
): { results: ChangesPage['results']; lastSeq: string | number }[] {
	const out: { results: ChangesPage['results']; lastSeq: string | number }[] = [];
	let start = 0;
	let weight = 0;
	page.results.forEach((r, i) => {
		weight += kindOf(r.id) === 'logs' ? BUNDLE_ENTRIES : 1;
		const last = i === page.results.length - 1;
		if (last || (weight >= batch && r.seq !== undefined)) {
			out.push({ results: page.results.slice(start, i + 1), lastSeq: last ? page.lastSeq : r.seq! });
			start = i + 1;
			weight = 0;
		}
	});
	return out;
}

/** What a pull knows of what this device holds, besides looking it up. */
interface Held {
	/** The log and its removed ids were empty when the pull began: no entry is looked up. */
	empty: boolean;
	/** What an earlier pull left unmerged (cut off before its merge): not fetched again. */
	staged: Set<string>;
	/** The bundles this device sent to this database, id → revision: held. */
	bundles: Map<string, string>;
	/**
	 * The revision of every packed row, by id, read once in a pull when a page first has many entries
	 * not stored loose (the echo of a first sync's own push, a long absence). Rows are not indexed by id:
	 * a page that looked its entries up in their buckets would read most buckets, page after page.
	 */
	revs?: Map<string, string>;
}

/** Entries of a page not stored loose, up to which they are fetched rather than looked up in the packs. */
const FETCH_UNSEEN_UP_TO = 100;

async function packedRevs(db: RehearseDB): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const pack of await allPacks(db)) for (const e of factsOfPack(pack)) out.set(e.id, logRev(e));
	return out;
}

/**
 * Of these changed documents, the ids of those this device does not hold as they are on the server. An
 * entry not stored loose is fetched when there are few in the page (if it is packed here, the merge finds
 * it by its card and skips it); with many, the packs' revisions are read once for the whole pull.
 */
async function unheld(
	db: RehearseDB,
	changes: readonly { id: string; rev: string }[],
	here: Held
): Promise<string[]> {
	const { empty, staged } = here;
	const logs = changes.filter((c) => kindOf(c.id) === 'log');
	const bundled = changes.filter((c) => kindOf(c.id) === 'logs');
	const removals = changes.filter((c) => kindOf(c.id) === 'removed');
	const quizzes = changes.filter((c) => kindOf(c.id) === 'quiz');
	const interviews = changes.filter((c) => kindOf(c.id) === 'interview');
	const events = changes.filter((c) => kindOf(c.id) === 'event');
	const [entries, removedLogs, removedHere, quizRows, interviewRows, eventRows] = await Promise.all([
		empty ? logs.map(() => undefined) : db.log.bulkGet(logs.map((c) => c.id)),
		empty ? logs.map(() => undefined) : db.removed.bulkGet(logs.map((c) => c.id)),
		db.removed.bulkGet(removals.map((c) => c.id.slice(8))),
		db.quizAttempts.bulkGet(quizzes.map((c) => c.id.slice(5))),
		db.interviews.bulkGet(interviews.map((c) => c.id.slice(10))),
		db.cardEvents.bulkGet(events.map((c) => c.id.slice(6)))
	]);
	const wanted: string[] = [];
	const unseen = entries.filter((e) => e === undefined).length;
	if (!empty && unseen > FETCH_UNSEEN_UP_TO) here.revs ??= await packedRevs(db);
	logs.forEach((c, i) => {
		const held = entries[i];
		const rev = held ? logRev(held) : here.revs?.get(c.id);
		// An entry held with other content is fetched too: the merge then refuses it, with an error.
		if (removedLogs[i] || rev === c.rev) return;
		if (!staged.has(c.id)) wanted.push(c.id);
	});
	for (const c of bundled) if (here.bundles.get(c.id) !== c.rev && !staged.has(c.id)) wanted.push(c.id);
	removals.forEach((c, i) => !removedHere[i] && !staged.has(c.id) && wanted.push(c.id));
	events.forEach((c, i) => {
		const held = eventRows[i];
		if ((held && eventRev(held) === c.rev) || staged.has(c.id)) return;
		wanted.push(c.id);
	});
	quizzes.forEach((c, i) => quizRows[i]?.finishedAt == null && wanted.push(c.id));
	interviews.forEach((c, i) => interviewRows[i]?.finishedAt == null && wanted.push(c.id));
	if (changes.some((c) => c.id === SETTINGS_DOC_ID)) wanted.push(SETTINGS_DOC_ID);
	return wanted;
}

/**
 * Stores one checked page: entries and undos into the inbox, finished quiz attempts and interviews
 * (unless finished here already), the server's newer settings, the ids of own decks and copies it
 * changed (looked at after the merge), and the checkpoint, in one transaction.
 */
async function store(
	db: RehearseDB,
	client: CouchClient,
	docs: readonly IncomingDoc[],
	own: readonly string[],
	lastSeq: string | number
) {
	const page: PulledPage = { size: 0, entries: [], removed: [], events: [], bundles: [] };
	const quizzes: QuizRecord[] = [];
	const interviews: InterviewRecord[] = [];
	let settings: SettingsFields | null = null;
	for (const d of docs) {
		if (d.kind === 'log') page.entries.push(logFacts(d.entry));
		else if (d.kind === 'logs') {
			for (const e of d.entries) page.entries.push(logFacts(e));
			page.bundles!.push(d.id);
		} else if (d.kind === 'removed')
			page.removed.push(d.cardId ? { id: d.id, cardId: d.cardId } : { id: d.id });
		else if (d.kind === 'event') page.events.push(d.event);
		else if (d.kind === 'quiz') quizzes.push(d.record);
		else if (d.kind === 'interview') interviews.push(d.record);
		else if (d.kind === 'settings') settings = d.fields;
	}
	page.size = page.entries.length + page.removed.length + page.events.length;
	await db.transaction(
		'rw',
		// The log's tables too: settings from the server with other FSRS parameters replay every card.
		[...new Set([db.pulled, db.syncMeta, db.quizAttempts, db.interviews, ...mergeTables(db)])],
		async () => {
			const [q, s] = await Promise.all([
				db.quizAttempts.bulkGet(quizzes.map((r) => r.id)),
				db.interviews.bulkGet(interviews.map((r) => r.id))
			]);
			await Promise.all([
				page.size > 0 ? db.pulled.add(page) : undefined,
				db.quizAttempts.bulkPut(quizzes.filter((_, i) => q[i]?.finishedAt == null)),
				db.interviews.bulkPut(interviews.filter((_, i) => s[i]?.finishedAt == null)),
				settings ? applySettings(db, settings) : undefined,
				addPendingOwn(db, own)
			]);
			const ck = await readCheckpoint(db, client);
			await db.syncMeta.put({ key: checkpointKey(client), value: { ...ck, since: lastSeq } });
		}
	);
}

/** The server document ids of a pulled page's entries, undos and events. */
function pageDocIds(p: PulledPage): string[] {
	return [
		...(p.bundles ?? []),
		...p.entries.map((e) => e.id),
		...p.removed.map((r) => removedDocId(r.id)),
		...p.events.map((e) => eventDocId(e.id))
	];
}

/**
 * Merges the pulled pages into the log, in the order pulled, whole pages until at least `batch` documents
 * a step. Each step is
 * one transaction: its pages leave the inbox as their entries join the log, and nothing goes to the
 * outbox (what came from the server need not go back). Entries whose id is stored here with other
 * content are refused: left out of the log, and named in the error thrown at the end.
 */
async function mergeInbox(db: RehearseDB, batch: number, progress: (p: SyncProgress) => void): Promise<void> {
	const total = ((await db.pulled.orderBy('size').keys()) as number[]).reduce((a, n) => a + n, 0);
	let done = 0;
	const refused = new Set<string>();
	for (let after = 0; total > 0;) {
		const pages: PulledPage[] = [];
		let size = 0;
		while (size < batch) {
			const p = await db.pulled
				.where(':id')
				.above(pages.at(-1)?.seq ?? after)
				.first();
			if (!p) break;
			pages.push(p);
			size += p.size;
		}
		if (pages.length === 0) break;
		const entries = pages.flatMap((p) => p.entries);
		const removed = pages.flatMap((p) => p.removed);
		const removedCards = new Map(removed.flatMap((r) => (r.cardId ? [[r.id, r.cardId] as const] : [])));
		const events = pages.flatMap((p) => p.events);
		// A conflict refuses its ids, and the step is merged again without them.
		for (;;) {
			try {
				await db.transaction('rw', [...mergeTables(db), db.pulled], async () => {
					await mergeLog(
						db,
						entries.filter((e) => !refused.has(e.id)),
						removed.map((r) => r.id),
						events.filter((e) => !refused.has(e.id)),
						{ send: false, removedCards }
					);
					await db.pulled.bulkDelete(pages.map((p) => p.seq!));
				});
				break;
			} catch (e) {
				if (!(e instanceof LogConflictError)) throw e;
				for (const id of e.ids) refused.add(id);
			}
		}
		after = pages.at(-1)!.seq!;
		done += size;
		progress({ stage: 'merging', done, total });
	}
	if (refused.size > 0) {
		const first = [...refused][0];
		throw new SyncError(
			'invalid',
			`The server has ${refused.size === 1 ? 'an answer' : `${refused.size} answers`} with the id of an answer stored here but other content (first: ${first}). ${refused.size === 1 ? 'It was' : 'They were'} refused; nothing here changed.`
		);
	}
}
