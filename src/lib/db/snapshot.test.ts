import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/decks/types';
import { scopeDecks } from '$lib/decks/catalog';
import { seededRandom } from '$lib/random';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { makeScheduler, newCardState, rate, Rating, type CardState, type Grade } from '$lib/scheduling/fsrs';
import { buildQueue } from '$lib/scheduling/queue';
import { countsFromOverview, countsFromSnapshot, flashcardCounts, SNAPSHOT_LIB } from '$lib/stats/home';
import { sendToReview } from './feedback';
import { sendBackRule } from '$lib/review/send-back';
import { readOverview } from './overview';
import { StaleCardError } from './errors';
import { answerTables, loadDueCards, readDayTotals, recordAnswer, undoLastAnswer } from './reviews';
import { RehearseDB } from './schema';
import { readSettings, saveSettings } from './settings';
import {
	clearSnapshot,
	readSnapshot,
	SNAPSHOT_KEY,
	SNAPSHOT_VERSION,
	timeZone,
	type Snapshot
} from './snapshot';
import { buildSnapshot, refreshSnapshot } from './snapshot-refresh';

/** The browser's localStorage, as the Web Storage interface describes it, kept in a Map. */
class MemoryStorage implements Storage {
	#items = new Map<string, string>();
	get length() {
		return this.#items.size;
	}
	clear() {
		this.#items.clear();
	}
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	key(i: number) {
		return [...this.#items.keys()][i] ?? null;
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	setItem(key: string, value: string) {
		this.#items.set(key, String(value));
	}
}

const HOUR = 3_600_000;
const NOW = Date.parse('2026-01-05T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9, fuzz: false });
const deck = (id: string, flashcards: number) => ({
	id,
	title: id,
	topic: 'git' as const,
	description: '',
	counts: { flashcards, quiz: 0, interview: 0 }
});
const index: DeckIndex = {
	schema: 1,
	topics: [{ slug: 'git', title: 'Git' }],
	decks: [deck('a', 6), deck('b', 4)]
};

let db: RehearseDB;
let store: MemoryStorage;
let n = 0;
beforeEach(async () => {
	store = new MemoryStorage();
	Object.assign(globalThis, { localStorage: store });
	db = new RehearseDB(`snapshot-${++n}`);
	await db.open();
});
afterEach(async () => {
	Reflect.deleteProperty(globalThis, 'localStorage');
	await db.delete();
});

async function answer(shown: CardState, grade: Grade, now: number): Promise<CardState> {
	const next = rate(scheduler, shown, now, grade);
	const day = dayOf(now, 4);
	await recordAnswer(db, { shown, next, grade, now, durationMs: 3000, source: 'review', day });
	return next;
}

/** The snapshot as stored, with its buckets in a fixed order, for comparing with a fresh build. */
function normal(s: Snapshot | null) {
	if (!s) return null;
	const buckets = (byDeck: Snapshot['due']) =>
		Object.fromEntries(
			Object.entries(byDeck)
				.filter(([, b]) => Object.keys(b).length > 0)
				.sort(([x], [y]) => x.localeCompare(y))
		);
	return {
		...s,
		due: buckets(s.due),
		reviews: buckets(s.reviews),
		known: Object.fromEntries(Object.entries(s.known).filter(([, k]) => k > 0))
	};
}

/** The stored snapshot must say what the database says: as a fresh build, and as the home counts. */
async function expectInStep(now: number) {
	const stored = readSnapshot(store);
	expect(stored).not.toBeNull();
	const fresh = await buildSnapshot(db, stored!.built * 86_400_000 + 12 * HOUR);
	expect(normal(stored)).toEqual(normal(fresh));
	expect(savedCounts(now)).toEqual(countsFromOverview(index, await readOverview(db, now)));
}

/** The home counts the stored snapshot gives at `now`, as the boot script and the app compute them. */
function savedCounts(now: number) {
	return countsFromSnapshot(
		store.getItem(SNAPSHOT_KEY),
		now,
		timeZone(),
		flashcardCounts(index),
		SNAPSHOT_LIB
	);
}

async function startSnapshot(now: number) {
	await refreshSnapshot(db, await readOverview(db, now), now);
}

describe('home snapshot', () => {
	it('is built by the home screen and then kept in step by answers, quiz misses and undo', async () => {
		await startSnapshot(NOW);
		await expectInStep(NOW);

		const a1 = await answer(newCardState('a/1', NOW), Rating.Good, NOW);
		await expectInStep(NOW);
		await answer(newCardState('a/2', NOW), Rating.Easy, NOW + 1000);
		await expectInStep(NOW + 1000);
		await answer(a1, Rating.Good, NOW + 20 * 60_000);
		await expectInStep(NOW + 20 * 60_000);
		await sendToReview(
			db,
			['b/1', 'a/2'],
			'quiz',
			NOW + HOUR,
			dayOf(NOW + HOUR, 4),
			sendBackRule(scheduler, NOW + HOUR, 4)
		);
		await expectInStep(NOW + HOUR);

		await undoLastAnswer(db, dayOf(NOW, 4));
		await expectInStep(NOW + HOUR);
		await answer(newCardState('b/2', NOW), Rating.Hard, NOW + 2 * HOUR);
		await expectInStep(NOW + 2 * HOUR);
		await undoLastAnswer(db, dayOf(NOW, 4));
		await expectInStep(NOW + 2 * HOUR);
		expect(readSnapshot(store)!.today.newCount).toBe(2);
		expect(readSnapshot(store)!.known).toEqual({ a: 2, b: 1 });
	});

	it('still gives the right counts on later days without being rebuilt, until its horizon', async () => {
		await startSnapshot(NOW);
		let card = newCardState('a/1', NOW);
		for (let i = 0; i < 3; i++) card = await answer(card, Rating.Good, NOW + i * 15 * 60_000);
		await answer(newCardState('b/1', NOW), Rating.Again, NOW + HOUR);
		const built = readSnapshot(store)!.built;
		for (const days of [1, 2, 3, 7, 14]) {
			const later = NOW + days * 24 * HOUR;
			const live = countsFromOverview(index, await readOverview(db, later));
			const saved = countsFromSnapshot(
				store.getItem(SNAPSHOT_KEY),
				later,
				timeZone(),
				flashcardCounts(index),
				SNAPSHOT_LIB
			);
			expect(saved, `${days} days later`).toEqual(live);
		}
		expect(readSnapshot(store)!.built).toBe(built);
		const past = NOW + 15 * 24 * HOUR;
		expect(countsFromSnapshot(store.getItem(SNAPSHOT_KEY), past, timeZone(), {}, SNAPSHOT_LIB)).toBeNull();
	});

	it('follows answers inside a wrapping transaction only once it commits', async () => {
		await startSnapshot(NOW);
		const before = store.getItem(SNAPSHOT_KEY);
		const failed = db.transaction('rw', [...answerTables(db), db.quizAttempts], async () => {
			await sendToReview(db, ['a/1', 'b/1'], 'quiz', NOW, dayOf(NOW, 4), sendBackRule(scheduler, NOW, 4));
			throw new Error('the quiz attempt could not be saved');
		});
		await expect(failed).rejects.toThrow('could not be saved');
		expect(store.getItem(SNAPSHOT_KEY)).toBe(before);

		await db.transaction('rw', [...answerTables(db), db.quizAttempts], () =>
			sendToReview(db, ['a/1', 'b/1'], 'interview', NOW, dayOf(NOW, 4), sendBackRule(scheduler, NOW, 4))
		);
		await expectInStep(NOW);
		expect(readSnapshot(store)!.known).toEqual({ a: 1, b: 1 });
	});

	it('rolls today forward for answers on a later day, without a rebuild', async () => {
		await startSnapshot(NOW);
		const built = readSnapshot(store)!.built;
		const card = await answer(newCardState('a/1', NOW), Rating.Good, NOW);
		const tomorrow = NOW + 24 * HOUR;
		await answer(card, Rating.Good, tomorrow);
		await answer(newCardState('b/1', NOW), Rating.Easy, tomorrow + 1000);
		const stored = readSnapshot(store)!;
		expect(stored.built).toBe(built);
		expect(stored.today).toEqual({ day: built + 1, newCount: 1, reviewCount: 0, learnCount: 1 });
		expect(stored.activeDays).toEqual([built, built + 1]);
		const live = countsFromOverview(index, await readOverview(db, tomorrow));
		expect(
			countsFromSnapshot(
				store.getItem(SNAPSHOT_KEY),
				tomorrow,
				timeZone(),
				flashcardCounts(index),
				SNAPSHOT_LIB
			)
		).toEqual(live);
	});

	it('follows settings: new cards per day and switched-off decks in place, a new day start drops it', async () => {
		await startSnapshot(NOW);
		await answer(newCardState('b/1', NOW), Rating.Good, NOW);
		await saveSettings(db, { newPerDay: 3, reviewsPerDay: 7, disabledDecks: ['b'] });
		await expectInStep(NOW);
		expect(readSnapshot(store)!.reviewsPerDay).toBe(7);
		await saveSettings(db, { dayStartHour: 6 });
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
		await startSnapshot(NOW);
		expect(readSnapshot(store)!.dayStartHour).toBe(6);
	});

	it('is rebuilt when it disagrees with the live read, and not stored when a write raced the build', async () => {
		await startSnapshot(NOW);
		const wrong = { ...readSnapshot(store)!, known: { a: 5 } };
		store.setItem(SNAPSHOT_KEY, JSON.stringify(wrong));
		await startSnapshot(NOW);
		await expectInStep(NOW);

		// A write noted while the build reads: the build is thrown away.
		clearSnapshot(store);
		const building = refreshSnapshot(db, await readOverview(db, NOW), NOW);
		clearSnapshot(store);
		await building;
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();

		// An answer committed while the build reads: whichever comes first, the result is in step.
		const racing = refreshSnapshot(db, await readOverview(db, NOW), NOW);
		await answer(newCardState('a/3', NOW), Rating.Good, NOW);
		await racing;
		if (store.getItem(SNAPSHOT_KEY) === null) await startSnapshot(NOW);
		await expectInStep(NOW);
	});

	it('is not trusted from another time zone, another version, or when it is not JSON', () => {
		const text = (s: Partial<Snapshot>) =>
			JSON.stringify({
				v: SNAPSHOT_VERSION,
				zone: timeZone(),
				dayStartHour: 4,
				built: dayOf(NOW, 4),
				horizon: dayOf(NOW, 4) + 14,
				newPerDay: 20,
				reviewsPerDay: 200,
				disabledDecks: [],
				known: {},
				due: { a: { [dayOf(NOW, 4)]: 2 } },
				reviews: {},
				today: { day: dayOf(NOW, 4), newCount: 0, reviewCount: 0, learnCount: 0 },
				activeDays: [],
				...s
			});
		const counts = (t: string) =>
			countsFromSnapshot(t, NOW, timeZone(), flashcardCounts(index), SNAPSHOT_LIB);
		expect(counts(text({}))?.due).toBe(2);
		expect(counts(text({ zone: '-60,-120' }))).toBeNull();
		expect(counts(text({ v: SNAPSHOT_VERSION - 1 }))).toBeNull();
		expect(counts(text({ built: dayOf(NOW, 4) + 1 }))).toBeNull();
		expect(counts(`{"v":${SNAPSHOT_VERSION},`)).toBeNull();
		expect(counts('null')).toBeNull();
	});

	it('a full storage drops the snapshot instead of failing the answer', async () => {
		await startSnapshot(NOW);
		store.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		await answer(newCardState('a/1', NOW), Rating.Good, NOW);
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
	});
});

describe('home snapshot over random walks of writes', () => {
	// Cards of both decks, and one of a deck the index no longer has.
	const ids = ['a/1', 'a/2', 'a/3', 'a/4', 'a/5', 'a/6', 'b/1', 'b/2', 'b/3', 'b/4', 'gone/1'];

	/** What the review of everything would show today: its learning and (capped) review cards. */
	async function reviewShows(now: number): Promise<number> {
		const settings = await readSettings(db);
		const scope = new Set(scopeDecks(index, { kind: 'all' }, settings.disabledDecks));
		const queue = buildQueue({
			now,
			dayStartHour: settings.dayStartHour,
			limits: settings,
			today: await readDayTotals(db, dayOf(now, settings.dayStartHour)),
			due: await loadDueCards(db, dayEndsAt(now, settings.dayStartHour), scope),
			unseen: [],
			unseenTotal: 0,
			later: null
		});
		return queue.learning.length + queue.reviews.length;
	}

	for (const seed of [1, 2, 3, 4, 5, 6]) {
		it(`stays what a fresh build says, and home's due what the review shows (seed ${seed})`, async () => {
			const random = seededRandom(seed);
			const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
			let now = NOW;
			await refreshSnapshot(db, await readOverview(db, now), now);
			for (let step = 0; step < 150; step++) {
				const op = random();
				const day = dayOf(now, 4);
				if (op < 0.5) {
					const id = pick(ids);
					await answer((await db.cards.get(id)) ?? newCardState(id, now), pick([1, 2, 3, 4] as const), now);
				} else if (op < 0.6) {
					await undoLastAnswer(db, day).catch((e: unknown) => {
						if (!(e instanceof StaleCardError)) throw e;
					});
				} else if (op < 0.68) {
					const missed = ids.filter(() => random() < 0.3);
					await db.transaction('rw', answerTables(db), () =>
						sendToReview(db, missed, 'quiz', now, dayOf(now, 4), sendBackRule(scheduler, now, 4))
					);
				} else if (op < 0.73) {
					await saveSettings(db, {
						reviewsPerDay: Math.floor(random() * 6),
						newPerDay: Math.floor(random() * 6),
						disabledDecks: random() < 0.3 ? ['b'] : []
					});
				} else if (op < 0.8) {
					await refreshSnapshot(db, await readOverview(db, now), now);
				} else {
					// Mostly a few hours, sometimes days: past the rollover and, now and then, the horizon.
					now += random() < 0.7 ? random() * 3 * HOUR : random() * 6 * 24 * HOUR;
				}

				const live = countsFromOverview(index, await readOverview(db, now));
				expect(live.due, `step ${step}: home's due`).toBe(await reviewShows(now));
				const stored = readSnapshot(store);
				if (!stored) continue;
				const fresh = normal(await buildSnapshot(db, stored.built * 86_400_000 + 12 * HOUR))!;
				const kept = normal(stored)!;
				for (const key of ['due', 'reviews', 'known', 'newPerDay', 'reviewsPerDay', 'disabledDecks'] as const)
					expect(kept[key], `step ${step}: ${key}`).toEqual(fresh[key]);
				const saved = savedCounts(now);
				if (saved) expect(saved, `step ${step}: counts`).toEqual(live);
			}
		});
	}
});
