/**
 * The bench's in-page helpers, bundled by `project.ts` into `/__bench/bench.js` (global
 * `rehearseBench`). They use the app's own data layer: the same `RehearseDB` schema on the same
 * database name, so what they write is exactly what the app reads.
 */
import Dexie from 'dexie';
import { answerBucket, logRow, recordAnswer, type AnswerInput } from '$lib/db/reviews';
import { RehearseDB, type DayTotals } from '$lib/db/schema';
import { firstPaintWatch } from '$lib/first-paint/watch';
import { seedCardIds, seedDatabase, type SeedSummary } from '$lib/db/seed';
import { V4_STORES } from '$lib/db/past-schemas';
import { readSettings } from '$lib/db/settings';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler, rate, Rating, type CardState } from '$lib/scheduling/fsrs';

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
		return await seedDatabase(db, { ...request, cardIds }, (s) =>
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
	try {
		const settings = await readSettings(db);
		const scheduler = makeScheduler({ retention: settings.retention });
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
				else await rawAnswer(raw, input);
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
 * `recordAnswer` without Dexie, in the same shape: read the card and the day's totals together, then
 * put the card, add the log entry and put the totals together, in one transaction.
 */
function rawAnswer(db: IDBDatabase, input: AnswerInput): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['cards', 'log', 'days'], 'readwrite');
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('aborted: stale card'));
		const cards = tx.objectStore('cards');
		const days = tx.objectStore('days');
		const got = cards.get(input.shown.id);
		const today = days.get(input.day);
		today.onsuccess = () => {
			const stored = (got.result as CardState | undefined) ?? null;
			if ((stored?.rev ?? 0) !== input.shown.rev) return tx.abort();
			const totals: DayTotals = (today.result as DayTotals | undefined) ?? {
				day: input.day,
				newCount: 0,
				reviewCount: 0,
				learnCount: 0
			};
			totals[answerBucket(stored)]++;
			cards.put(input.next);
			tx.objectStore('log').add(logRow(input, stored));
			days.put(totals);
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
		for (let last = ''; ;) {
			const batch = await from.log.where(':id').above(last).limit(20_000).toArray();
			if (batch.length === 0) break;
			await v4.table('reviewLog').bulkAdd(batch.map(({ id: _id, retention: _r, ...row }) => row));
			last = batch.at(-1)!.id;
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
