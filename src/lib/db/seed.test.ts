import { digestOf } from '$lib/stats/digest';
import { sortRows, tallyLog } from '$lib/stats/tally';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayOf } from '$lib/scheduling/day';
import { State, type CardState } from '$lib/scheduling/fsrs';
import { RehearseDB, type DayTotals, type ReviewLogEntry } from './schema';
import { readSettings } from './settings';
import { metPerDeck } from './reviews';
import { seedCardIds, seedDatabase, simulateLearner, type SeedOptions } from './seed';
import { KEEP_LOOSE_MS } from './compact';
import { allPacks, allRows } from './entries';
import { logEntryId } from '$lib/id';

const NOW = Date.parse('2026-03-10T12:00:00Z');

function makeOptions(overrides: Partial<SeedOptions> = {}): SeedOptions {
	return { cardIds: seedCardIds(['deck-a', 'deck-b'], 15), days: 60, seed: 7, now: NOW, ...overrides };
}

function runAll(options: SeedOptions): {
	log: ReviewLogEntry[];
	totals: DayTotals[];
	cards: Map<string, CardState>;
} {
	const simulation = simulateLearner(options);
	const days = [...simulation.days];
	return { log: days.flatMap((d) => d.log), totals: days.map((d) => d.totals), cards: simulation.cards };
}

describe('simulateLearner', () => {
	it('gives the same history for the same seed, and another for another seed', () => {
		const a = runAll(makeOptions());
		const b = runAll(makeOptions());
		const c = runAll(makeOptions({ seed: 8 }));
		expect(b.log).toEqual(a.log);
		expect([...b.cards.values()]).toEqual([...a.cards.values()]);
		expect(c.log).not.toEqual(a.log);
	});

	it('meets every card, answers only before today, and files each answer under its review day', () => {
		const { log, cards } = runAll(makeOptions());
		const today = dayOf(NOW, 4);
		expect(cards.size).toBe(30);
		for (const entry of log) {
			expect(entry.day).toBe(dayOf(entry.reviewedAt, 4));
			expect(entry.day).toBeLessThan(today);
			expect(entry.cardId.startsWith(`${entry.deckId}/`)).toBe(true);
		}
		const times = log.map((e) => e.reviewedAt);
		expect(times).toEqual([...times].sort((x, y) => x - y));
	});

	it('chains each card: every answer starts from the state the previous one left', () => {
		const { log } = runAll(makeOptions());
		const last = new Map<string, CardState>();
		for (const entry of log) {
			expect(entry.before).toEqual(last.get(entry.cardId) ?? null);
			expect(entry.after.rev).toBe((entry.before?.rev ?? 0) + 1);
			last.set(entry.cardId, entry.after);
		}
	});
});

describe('seedDatabase', () => {
	let db: RehearseDB;
	let n = 0;
	beforeEach(async () => {
		db = new RehearseDB(`seed-test-${++n}`);
		await db.open();
	});
	afterEach(async () => {
		await db.delete();
	});

	it('leaves each deck’s statistics packed, equal to its cards and tally rows', async () => {
		await seedDatabase(db, makeOptions());
		const packs = await db.deckMemory.toArray();
		expect(packs.map((p) => p.deckId).sort()).toEqual(['deck-a', 'deck-b']);
		for (const pack of packs) {
			const cards = await db.cards.where('deckId').equals(pack.deckId).toArray();
			const tally = await db.dayDecks.where('deckId').equals(pack.deckId).toArray();
			expect(cards.length).toBeGreaterThan(0);
			expect(pack).toEqual(digestOf(pack.deckId, cards, tally));
		}
	});

	it('stores the log, day totals equal to the log, and each card as its last answer left it', async () => {
		const options = makeOptions();
		const summary = await seedDatabase(db, options);
		const log = await db.log.orderBy('id').toArray();
		const expected = runAll(options);
		expect(summary).toEqual({ cards: 30, logRows: expected.log.length, days: expected.totals.length });
		expect(log).toEqual(expected.log);

		const counted = new Map<number, DayTotals>();
		for (const e of log) {
			const t = counted.get(e.day) ?? { day: e.day, newCount: 0, reviewCount: 0, learnCount: 0 };
			const state = e.before?.state ?? State.New;
			if (state === State.New) t.newCount++;
			else if (state === State.Review) t.reviewCount++;
			else t.learnCount++;
			counted.set(e.day, t);
		}
		expect(await db.days.orderBy('day').toArray()).toEqual([...counted.values()]);
		expect(sortRows(await db.dayDecks.toArray())).toEqual(tallyLog(log));

		const lastAfter = new Map(log.map((e) => [e.cardId, e.after]));
		const cards = await db.cards.toArray();
		expect(cards).toHaveLength(lastAfter.size);
		for (const card of cards) expect(card).toEqual(lastAfter.get(card.id));

		const perDeck = new Map<string, number>();
		for (const card of cards) perDeck.set(card.deckId, (perDeck.get(card.deckId) ?? 0) + 1);
		expect(await metPerDeck(db)).toEqual(perDeck);
	});

	it('leaves the log compacted when asked: the same rows, those older than two days packed by card', async () => {
		const options = makeOptions({ compacted: true });
		await seedDatabase(db, options);
		const expected = runAll(options).log;
		expect((await allRows(db)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected);
		const cutoff = logEntryId(options.now - KEEP_LOOSE_MS, 0);
		const loose = await db.log.toArray();
		expect(loose.length).toBeGreaterThan(0);
		expect(loose.every((r) => r.id >= cutoff)).toBe(true);
		expect((await allPacks(db)).length).toBe(
			new Set(expected.filter((r) => r.id < cutoff).map((r) => r.cardId)).size
		);
	});

	it('replaces an earlier history and stores settings that match the learner', async () => {
		await seedDatabase(db, makeOptions({ seed: 1 }));
		const summary = await seedDatabase(db, makeOptions({ newPerDay: 3 }));
		expect(await db.log.count()).toBe(summary.logRows);
		expect(await db.cards.count()).toBe(30);
		const settings = await readSettings(db);
		expect(settings.newPerDay).toBe(3);
		expect(settings.dayStartHour).toBe(4);
	});
});
