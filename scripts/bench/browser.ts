/**
 * The bench's in-page helpers, bundled by `project.ts` into `/__bench/bench.js` (global
 * `rehearseBench`). They use the app's own data layer: the same `RehearseDB` schema on the same
 * database name, so what they write is exactly what the app reads.
 */
import Dexie from 'dexie';
import { readBackup } from '$lib/backup/file';
import { exportBackup, planRestore, restoreBackup } from '$lib/db/backup';
import { allRows, bucketsAfter, rowCount } from '$lib/db/entries';
import {
	answerBucket,
	answerTables,
	emptyDay,
	logRow,
	recordAnswer,
	type AnswerInput
} from '$lib/db/reviews';
import { answerSlot, emptyDayDeck, type DayDeckTotals } from '$lib/stats/tally';
import { applyCardAction, type CardChange } from '$lib/db/card-events';
import {
	RehearseDB,
	type DayTotals,
	type DeckTotals,
	type LogBucket,
	type ReviewLogEntry
} from '$lib/db/schema';
import { firstPaintWatch } from '$lib/first-paint/watch';
import { seedCardIds, seedDatabase, type SeedSummary } from '$lib/db/seed';
import { V12_STORES, V13_STORES, V4_STORES } from '$lib/db/past-schemas';
import { readSettings } from '$lib/db/settings';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler, rate, Rating, type CardState } from '$lib/scheduling/fsrs';
import { CouchClient } from '$lib/sync/couch';
import { sync } from '$lib/sync/engine';
import { cardHistories, historySize } from '$lib/optimiser/dataset';
import { simulateLearnerLog } from '$lib/optimiser/synthetic';
import { default_w } from 'ts-fsrs';

export interface SeedRequest {
	deckIds: string[];
	cardsPerDeck: number;
	days: number;
	seed: number;
	now: number;
}

/** Seeds the app's database with a simulated learner; logs progress to the console for the bench. */
export async function seed(request: SeedRequest): Promise<SeedSummary> {
	const db = new RehearseDB();
	await db.open();
	try {
		const cardIds = seedCardIds(request.deckIds, request.cardsPerDeck);
		// The learner's log as the app leaves it after two years: compacted, the last two days loose.
		return await seedDatabase(db, { ...request, cardIds, compacted: true }, (s) =>
			console.log(`seeded ${s.logRows} log rows`)
		);
	} finally {
		db.close();
	}
}

export interface AnswerTimings {
	dexie: number[];
	raw: number[];
}

/**
 * Times the answer transaction `count` times through `recordAnswer` (Dexie) and `count` times with raw
 * IndexedDB doing the same reads and writes, alternating the two so drift affects both alike. Each
 * answers a different stored card with Good, so every run writes real rows into the big collection.
 */
export async function compareAnswerTransactions(count: number): Promise<AnswerTimings> {
	const db = new RehearseDB();
	// As the app's database: its commits also keep the first-paint cache (lib/first-paint/watch.ts).
	db.use(firstPaintWatch);
	await db.open();
	const raw = await openRaw('rehearse');
	const stores = answerTables(db).map((t) => t.name);
	try {
		const settings = await readSettings(db);
		const scheduler = makeScheduler({ retention: settings.retention, parameters: settings.fsrsParameters });
		const cards = await db.cards
			.orderBy('id')
			.reverse()
			.limit(count * 2)
			.toArray();
		const timings: AnswerTimings = { dexie: [], raw: [] };
		for (let i = 0; i < count; i++) {
			const order = i % 2 === 0 ? (['dexie', 'raw'] as const) : (['raw', 'dexie'] as const);
			for (const [k, kind] of order.entries()) {
				const shown = cards[2 * i + k]!;
				const now = Date.now();
				const next = rate(scheduler, shown, now, Rating.Good);
				const input: AnswerInput = {
					shown,
					next,
					grade: Rating.Good,
					now,
					durationMs: 5000,
					source: 'review',
					day: dayOf(now, settings.dayStartHour),
					retention: scheduler.parameters.request_retention
				};
				const start = performance.now();
				if (kind === 'dexie') await recordAnswer(db, input);
				else await rawAnswer(raw, stores, input);
				timings[kind].push(performance.now() - start);
			}
		}
		return timings;
	} finally {
		db.close();
		raw.close();
	}
}

function openRaw(name: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(name);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/**
 * `recordAnswer` without Dexie, in the same shape: a transaction over the same stores (`answerTables`),
 * the same reads issued together (the card, the day's totals, the deck's count of cards met for a card
 * never seen, the day-and-deck tally), then the same writes together (entry, outbox row, card, counts,
 * tally, and the deck's packed states dropped).
 */
function rawAnswer(db: IDBDatabase, stores: string[], input: AnswerInput): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction(stores, 'readwrite');
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('aborted: stale card'));
		const store = (name: string) => tx.objectStore(name);
		const { id, deckId } = input.shown;
		const counted = input.source === 'review';
		const got = store('cards').get(id);
		const today = counted ? store('days').get(input.day) : null;
		const met = input.shown.rev === 0 ? store('deckTotals').get(deckId) : null;
		// Requests of a transaction succeed in the order they were made: the tally's comes last.
		const tallied = store('dayDecks').get([input.day, deckId]);
		tallied.onsuccess = () => {
			const stored = (got.result as CardState | undefined) ?? null;
			if ((stored?.rev ?? 0) !== input.shown.rev) return tx.abort();
			const entry = logRow(input, stored);
			const totals: DayTotals = (today?.result as DayTotals | undefined) ?? emptyDay(input.day);
			if (counted) totals[answerBucket(stored)]++;
			const tally = (tallied.result as DayDeckTotals | undefined) ?? emptyDayDeck(input.day, deckId);
			tally.answers[answerSlot(stored, input.grade)]! += 1;
			tally.ms += entry.durationMs;
			store('log').add(entry);
			store('outbox').add({ id: entry.id });
			store('cards').put(input.next);
			if (!stored) store('deckTotals').put({ deckId, known: ((met?.result as DeckTotals)?.known ?? 0) + 1 });
			if (counted) store('days').put(totals);
			store('dayDecks').put(tally);
			store('deckMemory').delete(deckId);
		};
	});
}

export interface UpgradeCost {
	rows: number;
	/** Opening the copy with the app's schema: the v4 → v5 upgrade, once. */
	ms: number;
	/** JS heap in use after the upgrade (Chromium's `performance.memory`), MB. */
	heapMB: number | null;
}

/**
 * The one-time cost of the schema v4 → v5 upgrade (the review log moved to UUIDv7 ids) on the seeded
 * collection: its log and card states are copied into a database laid out as version 4 left it, which
 * is then opened with the app's schema and timed. The copy is deleted afterwards.
 */
export async function upgradeCost(): Promise<UpgradeCost> {
	const name = 'rehearse-v4-copy';
	await Dexie.delete(name);
	const from = new RehearseDB();
	await from.open();
	const v4 = new Dexie(name);
	v4.version(4).stores(V4_STORES);
	await v4.open();
	let rows = 0;
	try {
		// Every row, loose and packed (the seeded collection keeps most of its log packed), in id order.
		const log = (await allRows(from)).sort((a, b) => (a.id < b.id ? -1 : 1));
		for (let i = 0; i < log.length; i += 20_000) {
			const batch = log.slice(i, i + 20_000);
			await v4.table('reviewLog').bulkAdd(batch.map(({ id: _id, retention: _r, ...row }) => row));
			rows += batch.length;
		}
		await v4.table('cards').bulkAdd(await from.cards.toArray());
		await v4.table('days').bulkAdd(await from.days.toArray());
		await v4.table('deckTotals').bulkAdd(await from.deckTotals.toArray());
		await v4.table('settings').bulkAdd(await from.settings.toArray());
	} finally {
		from.close();
		v4.close();
	}
	const start = performance.now();
	const db = new RehearseDB(name);
	await db.open();
	const ms = performance.now() - start;
	const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
	const moved = await db.log.count();
	db.close();
	await Dexie.delete(name);
	if (moved !== rows) throw new Error(`the upgrade kept ${moved} of ${rows} log rows`);
	return { rows, ms, heapMB: memory ? memory.usedJSHeapSize / 2 ** 20 : null };
}

/**
 * The one-time cost of the schema v12 → v13 upgrade (each card's pack into its bucket) on the seeded
 * collection: its packs and loose rows are copied into a database laid out as version 12 left it, one
 * record per pack, which is then opened with the app's schema and timed. The copy is deleted afterwards.
 */
export async function bucketUpgradeCost(): Promise<UpgradeCost> {
	return pastCopyUpgradeCost('rehearse-v12-copy', 12, V12_STORES, async (buckets, copy) => {
		const packs = buckets.flatMap((b) => b.packs);
		await copy.table('packs').bulkAdd(packs);
	});
}

/**
 * The one-time cost of the schema v13 → v14 upgrade (each bucket summarised, the index of every row id
 * dropped) on the seeded collection, copied into a database laid out as version 13 left it.
 */
export async function summaryUpgradeCost(): Promise<UpgradeCost> {
	return pastCopyUpgradeCost('rehearse-v13-copy', 13, V13_STORES, async (buckets, copy) => {
		await copy.table('buckets').bulkAdd(
			buckets.map((b) => ({
				bucket: b.bucket,
				ids: b.packs.flatMap((p) => p.ids),
				cardIds: b.cardIds,
				packs: b.packs
			}))
		);
	});
}

/**
 * A copy of the seeded log in a database laid out as `version` left it (`copyBuckets` writes each batch
 * of buckets in that version's form; loose rows are copied as they are), opened with the app's schema:
 * the upgrade's time and heap, and a check that every row is kept. The copy is deleted afterwards.
 */
async function pastCopyUpgradeCost(
	name: string,
	version: number,
	stores: Record<string, string | null>,
	copyBuckets: (buckets: LogBucket[], copy: Dexie) => Promise<void>
): Promise<UpgradeCost> {
	await Dexie.delete(name);
	const from = new RehearseDB();
	await from.open();
	const copy = new Dexie(name);
	copy.version(version).stores(stores);
	await copy.open();
	let rows = 0;
	try {
		for (let after = -1; ;) {
			const buckets = await bucketsAfter(from, after, 50);
			if (buckets.length === 0) break;
			await copyBuckets(buckets, copy);
			rows += buckets.reduce((n, b) => n + b.size, 0);
			after = buckets.at(-1)!.bucket;
		}
		const loose = await from.log.toArray();
		await copy.table('log').bulkAdd(loose);
		rows += loose.length;
	} finally {
		from.close();
		copy.close();
	}
	const start = performance.now();
	const db = new RehearseDB(name);
	await db.open();
	const ms = performance.now() - start;
	const heap = heapMB();
	const kept = await rowCount(db);
	db.close();
	await Dexie.delete(name);
	if (kept !== rows) throw new Error(`the upgrade kept ${kept} of ${rows} log rows`);
	return { rows, ms, heapMB: heap };
}

export interface BackupCost {
	/** Log rows in the collection backed up, and in the profile it was restored into. */
	rows: number;
	restoredRows: number;
	/** The backup file's size (gzip), bytes. */
	bytes: number;
	/** "Download a backup": reading every table and compressing (`exportBackup`). */
	backupMs: number;
	/** JS heap in use right after the backup, MB (Chromium's `performance.memory`). */
	backupHeapMB: number | null;
	/** "Restore from a backup" by merge into an empty profile, as the app does it, in its three steps. */
	readMs: number;
	planMs: number;
	mergeMs: number;
	restoreHeapMB: number | null;
	/** A backup of the restored profile, whose log the restore stored packed (db/entries.ts). */
	packedBackupMs: number;
}

function heapMB(): number | null {
	const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
	return memory ? memory.usedJSHeapSize / 2 ** 20 : null;
}

/**
 * Backs the seeded collection up as Settings → Data does, then restores the file by merge into an empty
 * profile (another database, deleted afterwards), timing each step as the person waits for it: read and
 * check the file, see what would change, merge.
 */
export async function backupCost(): Promise<BackupCost> {
	const from = new RehearseDB();
	await from.open();
	let file: Blob;
	let rows: number;
	let backupMs: number;
	try {
		rows = await rowCount(from);
		const start = performance.now();
		file = await exportBackup(from, Date.now());
		backupMs = performance.now() - start;
		console.log(`backup: made in ${(backupMs / 1000).toFixed(1)} s, ${file.size} bytes`);
	} finally {
		from.close();
	}
	const backupHeapMB = heapMB();
	const name = 'rehearse-restore-copy';
	await Dexie.delete(name);
	const to = new RehearseDB(name);
	await to.open();
	try {
		const t0 = performance.now();
		const backup = await readBackup(file);
		const t1 = performance.now();
		console.log(`backup: read and checked in ${((t1 - t0) / 1000).toFixed(1)} s`);
		await planRestore(to, backup);
		const t2 = performance.now();
		console.log(`backup: planned in ${((t2 - t1) / 1000).toFixed(1)} s`);
		await restoreBackup(to, backup, { mode: 'merge' });
		const t3 = performance.now();
		const restoreHeapMB = heapMB();
		const restoredRows = await rowCount(to);
		if (restoredRows !== rows) throw new Error(`the restore kept ${restoredRows} of ${rows} log rows`);
		const t4 = performance.now();
		const again = await exportBackup(to, Date.now());
		const packedBackupMs = performance.now() - t4;
		console.log(
			`backup: the restored profile backed up in ${(packedBackupMs / 1000).toFixed(1)} s, ${again.size} bytes`
		);
		return {
			rows,
			restoredRows,
			bytes: file.size,
			backupMs,
			backupHeapMB,
			readMs: t1 - t0,
			planMs: t2 - t1,
			mergeMs: t3 - t2,
			restoreHeapMB,
			packedBackupMs
		};
	} finally {
		to.close();
		await Dexie.delete(name);
	}
}

export interface SyncCost {
	/** Documents sent or received. */
	docs: number;
	ms: number;
	/** Of `ms`, the time spent waiting on the server (requests in flight, bodies arriving). */
	serverMs: number;
	requests: number;
}

/** A `fetch` that times the requests the sync makes, bodies included; the figures go into `cost`. */
function timedFetch(cost: { serverMs: number; requests: number }): typeof fetch {
	return async (input, init) => {
		const start = performance.now();
		const res = await fetch(input, init);
		const body = await res.arrayBuffer();
		cost.serverMs += performance.now() - start;
		cost.requests++;
		return new Response(res.status === 204 ? null : body, {
			status: res.status,
			statusText: res.statusText,
			headers: res.headers
		});
	};
}

async function timedSync(db: RehearseDB, server: string, user: string, password: string): Promise<SyncCost> {
	const cost = { serverMs: 0, requests: 0 };
	const client = new CouchClient(server, user, timedFetch(cost));
	await client.signIn(password);
	Object.assign(cost, { serverMs: 0, requests: 0 });
	let last = { stage: '', at: 0 };
	const start = performance.now();
	const result = await sync(db, client, {
		// A line when a stage begins or ends, and at most one every two seconds between.
		onProgress: (p) => {
			const at = performance.now();
			if (p.stage !== last.stage || at - last.at > 2_000 || p.done === p.total) {
				console.log(`sync: ${p.stage} ${p.done}${p.total ? ` of ${p.total}` : ''}`);
				last = { stage: p.stage, at };
			}
		}
	});
	return { docs: result.sent + result.received, ms: performance.now() - start, ...cost };
}

/**
 * The first sync of the seeded collection up to an empty server database (checkpoints of an earlier
 * run, with a kept profile, are dropped first: the server is new each run).
 */
export async function syncUp(
	server: string,
	user: string,
	password: string,
	fresh = true
): Promise<SyncCost> {
	const db = new RehearseDB();
	db.use(firstPaintWatch);
	await db.open();
	try {
		if (fresh) await db.syncMeta.where('key').startsWith('checkpoint:').delete();
		return await timedSync(db, server, user, password);
	} finally {
		db.close();
	}
}

/** The first sync of that server database down to an empty device (a database of its own, deleted after; the bench runs it in a browser of its own). */
export async function syncDown(
	server: string,
	user: string,
	password: string
): Promise<SyncCost & { log: number }> {
	const name = 'rehearse-sync-copy';
	await Dexie.delete(name);
	const db = new RehearseDB(name);
	await db.open();
	try {
		const cost = await timedSync(db, server, user, password);
		return { ...cost, log: await rowCount(db) };
	} finally {
		db.close();
		await Dexie.delete(name);
	}
}

/**
 * On the seeded collection, synced once: the next sync (which reads back the ids it sent, once), then
 * `answers` answers and the sync that sends them.
 */
export async function syncAfterAnswers(
	server: string,
	user: string,
	password: string,
	answers: number
): Promise<{ echo: SyncCost; incremental: SyncCost }> {
	const echo = await syncUp(server, user, password, false);
	const db = new RehearseDB();
	db.use(firstPaintWatch);
	await db.open();
	try {
		const settings = await readSettings(db);
		const scheduler = makeScheduler({ retention: settings.retention, parameters: settings.fsrsParameters });
		const cards = await db.cards.orderBy('id').limit(answers).toArray();
		for (const shown of cards) {
			const now = Date.now();
			await recordAnswer(db, {
				shown,
				next: rate(scheduler, shown, now, Rating.Good),
				grade: Rating.Good,
				now,
				durationMs: 4000,
				source: 'review',
				day: dayOf(now, settings.dayStartHour),
				retention: scheduler.parameters.request_retention
			});
		}
		console.log(`sync: ${await db.outbox.count()} changes waiting after ${answers} answers`);
		return { echo, incremental: await timedSync(db, server, user, password) };
	} finally {
		db.close();
	}
}

export interface OptimiserLogRequest {
	cards: number;
	days: number;
	seed: number;
	now: number;
}

/**
 * Writes the log of a simulated learner (`simulateLearnerLog`, the FSRS defaults as its memory) into an
 * empty profile, for the optimiser phase: only log rows, since the optimiser reads nothing else. Returns
 * the number of rows and of reviews on a later day (what the optimiser fits).
 */
export async function writeOptimiserLog(r: OptimiserLogRequest): Promise<{ rows: number; reviews: number }> {
	const start = r.now - (r.days + 1) * 86_400_000;
	const entries = simulateLearnerLog({
		parameters: default_w,
		cards: r.cards,
		newPerDay: Math.ceil(r.cards / (r.days * 0.9)),
		days: r.days,
		seed: r.seed,
		start
	}).map((e) => ({ ...e, day: dayOf(e.reviewedAt, 4) }));
	const db = new RehearseDB();
	await db.open();
	try {
		const rows = entries.map((e) => ({ ...e, deckId: e.cardId.split('/')[0]!, before: null }));
		await db.log.bulkPut(rows as unknown as ReviewLogEntry[]);
		return { rows: entries.length, reviews: historySize(cardHistories(entries)).reviews };
	} finally {
		db.close();
	}
}

/** How long one action on a thousand studied cards took (ms), by action, with the first-paint watch on. */
export interface BulkActionCost {
	cards: number;
	ms: Record<string, number>;
}

/**
 * Times card actions on 1,000 studied cards of the collection, one transaction each, as the browser's
 * bulk actions run them: suspend and unsuspend (marks only), a flag, and a forget (each card replayed
 * from its log). The forget stays: the cards are new again for the phases after this one.
 */
export async function bulkActionCost(): Promise<BulkActionCost> {
	const db = new RehearseDB();
	db.use(firstPaintWatch);
	await db.open();
	try {
		const ids = (await db.cards.limit(1000).primaryKeys()) as string[];
		const ms: Record<string, number> = {};
		const steps: [string, CardChange][] = [
			['suspend', { action: 'suspend' }],
			['unsuspend', { action: 'unsuspend' }],
			['flag', { action: 'flag', value: 2 }],
			['forget', { action: 'forget' }]
		];
		for (const [name, change] of steps) {
			const t = performance.now();
			await applyCardAction(db, ids, change, Date.now());
			ms[name] = performance.now() - t;
		}
		return { cards: ids.length, ms };
	} finally {
		db.close();
	}
}
