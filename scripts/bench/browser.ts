/**
 * The bench's in-page helpers, bundled by `project.ts` into `/__bench/bench.js` (global
 * `rehearseBench`). They use the app's own data layer: the same `RehearseDB` schema on the same
 * database name, so what they write is exactly what the app reads.
 */
import { answerBucket, logRow, recordAnswer, type AnswerInput } from '$lib/db/reviews';
import { RehearseDB, type DayTotals } from '$lib/db/schema';
import { firstPaintWatch } from '$lib/first-paint/watch';
import { seedCardIds, seedDatabase, type SeedSummary } from '$lib/db/seed';
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
