import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/decks/types';
import { scopeDecks } from '$lib/catalog';
import { seededRandom } from '$lib/random';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { makeScheduler, newCardState, rate, Rating, type CardState, type Grade } from '$lib/scheduling/fsrs';
import { buildQueue } from '$lib/scheduling/queue';
import { countsFromOverview, flashcardCounts } from '$lib/stats/home';
import { sendToReview } from '$lib/db/feedback';
import { sendBackRule } from '$lib/review/send-back';
import { readOverview } from '$lib/db/overview';
import { StaleCardError } from '$lib/db/errors';
import { answerTables, loadDueCards, readDayTotals, recordAnswer } from '$lib/db/reviews';
import { undoLastAnswer } from '$lib/db/undo';
import { compactSome } from '$lib/db/compact';
import { allPacks } from '$lib/db/entries';
import { changeLog } from '$lib/db/recompute';
import { RehearseDB } from '$lib/db/schema';
import { readSettings, saveSettings } from '$lib/db/settings';
import { buildSnapshot, refreshSnapshot } from './build';
import { countsFromSnapshot } from './counts';
import { CARD_KEY, parseSnapshot, SNAPSHOT_KEY, SNAPSHOT_VERSION, timeZone, type Snapshot } from './format';
import { bumpGeneration, generation, readSnapshot } from './store';
import { shownCardFor, storeShownCard } from './stored-card';
import { firstPaintWatch, patchesStored } from './watch';

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
	counts: { flashcards, quiz: 0, interview: 0 },
	flashcardsVersion: id
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
	db.use(firstPaintWatch);
	await db.open();
});
afterEach(async () => {
	Reflect.deleteProperty(globalThis, 'localStorage');
	await db.delete();
});

async function answer(shown: CardState, grade: Grade, now: number): Promise<CardState> {
	const next = rate(scheduler, shown, now, grade);
	const day = dayOf(now, 4);
	await recordAnswer(db, {
		shown,
		next,
		grade,
		now,
		durationMs: 3000,
		source: 'review',
		day,
		retention: 0.9
	});
	await patchesStored();
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
		met: Object.fromEntries(Object.entries(s.met).filter(([, k]) => k > 0))
	};
}

/** The stored snapshot must say what the database says: as a fresh build, and as the home counts. */
async function expectInStep(now: number) {
	await patchesStored();
	const stored = readSnapshot();
	expect(stored).not.toBeNull();
	const fresh = await buildSnapshot(db, stored!.built * 86_400_000 + 12 * HOUR);
	expect(normal(stored)).toEqual(normal(fresh));
	expect(savedCounts(now)).toEqual(countsFromOverview(index, await readOverview(db, now)));
}

/** The home counts the stored snapshot gives at `now`, as the boot script and the app compute them. */
function savedCounts(now: number) {
	return countsFromSnapshot(readSnapshot(), now, timeZone(), flashcardCounts(index));
}

async function startSnapshot(now: number) {
	await refreshSnapshot(db, await readOverview(db, now), now);
}

describe('home snapshot', () => {
	it('is built by the home screen, then kept in step by answers and quiz misses, and dropped by an undo', async () => {
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
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
		await startSnapshot(NOW + HOUR);
		await expectInStep(NOW + HOUR);
		await answer(newCardState('b/2', NOW), Rating.Hard, NOW + 2 * HOUR);
		await expectInStep(NOW + 2 * HOUR);
		await undoLastAnswer(db, dayOf(NOW, 4));
		await startSnapshot(NOW + 2 * HOUR);
		await expectInStep(NOW + 2 * HOUR);
		expect(readSnapshot()!.today.newCount).toBe(2);
		expect(readSnapshot()!.met).toEqual({ a: 2, b: 1 });
	});

	it('still gives the right counts on later days without being rebuilt, until its horizon', async () => {
		await startSnapshot(NOW);
		let card = newCardState('a/1', NOW);
		for (let i = 0; i < 3; i++) card = await answer(card, Rating.Good, NOW + i * 15 * 60_000);
		await answer(newCardState('b/1', NOW), Rating.Again, NOW + HOUR);
		const built = readSnapshot()!.built;
		for (const days of [1, 2, 3, 7, 14]) {
			const later = NOW + days * 24 * HOUR;
			const live = countsFromOverview(index, await readOverview(db, later));
			const saved = countsFromSnapshot(readSnapshot(), later, timeZone(), flashcardCounts(index));
			expect(saved, `${days} days later`).toEqual(live);
		}
		expect(readSnapshot()!.built).toBe(built);
		const past = NOW + 15 * 24 * HOUR;
		expect(countsFromSnapshot(readSnapshot(), past, timeZone(), {})).toBeNull();
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
		expect(readSnapshot()!.met).toEqual({ a: 1, b: 1 });
	});

	it('rolls today forward for answers on a later day, without a rebuild', async () => {
		await startSnapshot(NOW);
		const built = readSnapshot()!.built;
		const card = await answer(newCardState('a/1', NOW), Rating.Good, NOW);
		const tomorrow = NOW + 24 * HOUR;
		await answer(card, Rating.Good, tomorrow);
		await answer(newCardState('b/1', NOW), Rating.Easy, tomorrow + 1000);
		const stored = readSnapshot()!;
		expect(stored.built).toBe(built);
		expect(stored.today).toEqual({ day: built + 1, newCount: 1, reviewCount: 0, learnCount: 1 });
		expect(stored.activeDays).toEqual([built, built + 1]);
		const live = countsFromOverview(index, await readOverview(db, tomorrow));
		expect(countsFromSnapshot(readSnapshot(), tomorrow, timeZone(), flashcardCounts(index))).toEqual(live);
	});

	it('follows settings: new cards per day and switched-off decks in place, a new day start drops it', async () => {
		await startSnapshot(NOW);
		await answer(newCardState('b/1', NOW), Rating.Good, NOW);
		await saveSettings(db, { newPerDay: 3, reviewsPerDay: 7, disabledDecks: ['b'] });
		await expectInStep(NOW);
		expect(readSnapshot()!.reviewsPerDay).toBe(7);
		await saveSettings(db, { dayStartHour: 6 });
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
		await startSnapshot(NOW);
		expect(readSnapshot()!.dayStartHour).toBe(6);
	});

	it('is rebuilt when it disagrees with the live read, and not stored when a write raced the build', async () => {
		await startSnapshot(NOW);
		const wrong = { ...readSnapshot()!, met: { a: 5 } };
		store.setItem(SNAPSHOT_KEY, JSON.stringify(wrong));
		await startSnapshot(NOW);
		await expectInStep(NOW);

		// A write committed in another tab while the build reads: the build is thrown away.
		store.removeItem(SNAPSHOT_KEY);
		const building = refreshSnapshot(db, await readOverview(db, NOW), NOW);
		bumpGeneration();
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
				met: {},
				due: { a: { [dayOf(NOW, 4)]: 2 } },
				reviews: {},
				today: { day: dayOf(NOW, 4), newCount: 0, reviewCount: 0, learnCount: 0 },
				activeDays: [],
				...s
			});
		const counts = (t: string) =>
			countsFromSnapshot(parseSnapshot(t), NOW, timeZone(), flashcardCounts(index));
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

describe('a write the cache does not know', () => {
	const shown = { version: 'v1', scope: '', id: 'a/1', until: NOW + HOUR, html: '<p>a/1</p>' };
	const storedCard = () => shownCardFor(store.getItem(CARD_KEY), NOW, 'v1', '', generation(), timeZone());

	it('drops the snapshot and voids the stored card: a raw card write in a transaction', async () => {
		await startSnapshot(NOW);
		storeShownCard({ ...shown, generation: generation() });
		expect(storedCard()?.id).toBe('a/1');
		await db.transaction('rw', db.cards, () => db.cards.put({ ...newCardState('a/9', NOW), rev: 1 }));
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
		expect(storedCard()).toBeNull();
	});

	it('drops the snapshot and voids the stored card: an undo', async () => {
		await answer(newCardState('a/1', NOW), Rating.Good, NOW);
		await startSnapshot(NOW);
		storeShownCard({ ...shown, generation: generation() });
		await undoLastAnswer(db, dayOf(NOW, 4));
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
		expect(storedCard()).toBeNull();
	});

	it("voids the stored card when the person's copy of an item changes what it shows", async () => {
		await startSnapshot(NOW);
		storeShownCard({ ...shown, generation: generation() });
		const item = { id: '1', kind: 'flashcard' } as never;
		await db.itemCopies.put({ id: 'a/1', deckId: 'a', markdown: '## Mine {#1}', item, updatedAt: NOW });
		expect(storedCard()).toBeNull();
	});

	it('leaves both alone for a compaction, which moves log rows into packs and changes nothing shown', async () => {
		await answer(newCardState('a/1', NOW), Rating.Good, NOW);
		await startSnapshot(NOW + HOUR);
		storeShownCard({ ...shown, generation: generation() });
		const snapshot = store.getItem(SNAPSHOT_KEY);
		expect((await compactSome(db, NOW + HOUR)).cards).toBe(1);
		expect((await allPacks(db)).length).toBe(1);
		expect(store.getItem(SNAPSHOT_KEY)).toBe(snapshot);
		expect(storedCard()?.id).toBe('a/1');
		// The same rows packed by a merge's replay (which writes cards too) drop them, as any other write.
		await changeLog(db, { replayAll: true, pack: true });
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
		expect(storedCard()).toBeNull();
	});

	it('leaves both alone when the transaction fails, and when it writes only other tables', async () => {
		await startSnapshot(NOW);
		storeShownCard({ ...shown, generation: generation() });
		const snapshot = store.getItem(SNAPSHOT_KEY);
		const failed = db.transaction('rw', db.cards, async () => {
			await db.cards.put(newCardState('a/9', NOW));
			throw new Error('no');
		});
		await expect(failed).rejects.toThrow('no');
		await db.quizAttempts.put({ id: 'q1' } as never);
		expect(store.getItem(SNAPSHOT_KEY)).toBe(snapshot);
		expect(storedCard()?.id).toBe('a/1');
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
			let checked = 0;
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
					// Undo drops the snapshot; mostly a visit home rebuilds it before the next write.
					if (random() < 0.7) await refreshSnapshot(db, await readOverview(db, now), now);
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

				await patchesStored();
				const live = countsFromOverview(index, await readOverview(db, now));
				expect(live.due, `step ${step}: home's due`).toBe(await reviewShows(now));
				const stored = readSnapshot();
				if (!stored) continue;
				checked++;
				const fresh = normal(await buildSnapshot(db, stored.built * 86_400_000 + 12 * HOUR))!;
				const kept = normal(stored)!;
				for (const key of ['due', 'reviews', 'met', 'newPerDay', 'reviewsPerDay', 'disabledDecks'] as const)
					expect(kept[key], `step ${step}: ${key}`).toEqual(fresh[key]);
				const saved = savedCounts(now);
				if (saved) expect(saved, `step ${step}: counts`).toEqual(live);
			}
			// Most steps had a snapshot to compare (an undo drops it until the next rebuild).
			expect(checked).toBeGreaterThan(40);
			// 150 steps on fake-indexeddb can outlast the default 5 s on a busy machine.
		}, 30_000);
	}
});
