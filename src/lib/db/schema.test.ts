import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { newCardState } from '$lib/scheduling/fsrs';
import { replayCard, schedulerCache } from '$lib/scheduling/replay';
import { RehearseDB, type LogPack, type ReviewLogEntry } from './schema';
import { simulateLearner } from './seed';
import {
	V1_STORES,
	V4_STORES,
	V6_STORES,
	V7_STORES,
	V11_STORES,
	V12_STORES,
	V13_STORES
} from './past-schemas';
import {
	allPacks,
	allRows,
	cardHistory,
	cardsWithRows,
	firstRow,
	lastReviewOfDay,
	packOfCard,
	rowCount,
	rowsById
} from './entries';
import { packOf } from './log-pack';
import { bucketOf } from './log-bucket';
import { logEntryId } from '$lib/id';
import { packDecks, readStats } from './stats';
import { answerCount, sortRows, tallyLog } from '$lib/stats/tally';

/** A daily-review row of `cardId`, its `i`th minute after a fixed time, on review day `day`: for upgrade tests. */
function upgradeRow(cardId: string, i: number, day = 100): ReviewLogEntry {
	const at = Date.parse('2026-03-02T09:00:00Z');
	return {
		id: logEntryId(at + i * 60_000),
		cardId,
		deckId: cardId.split('/')[0]!,
		rating: 3,
		reviewedAt: at + i * 60_000,
		durationMs: 1000,
		source: 'review',
		day,
		retention: 0.9,
		before: null,
		after: { ...newCardState(cardId, at), state: 2, stability: 3 + i, last_review: at + i * 60_000 }
	};
}

describe('schema upgrades', () => {
	it('opens a database made by version 1 with its data intact, new tables ready and deck totals computed', async () => {
		const name = 'upgrade-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores(V1_STORES);
		const card = newCardState('git-basics/head', 1000);
		await v1
			.table('cards')
			.bulkPut([card, newCardState('git-basics/tag', 1000), newCardState('db-x/join', 1000)]);
		await v1.table('settings').put({ id: 'settings', retention: 0.85 });
		v1.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(await db.cards.get('git-basics/head')).toEqual(card);
		expect(await db.settings.get('settings')).toMatchObject({ retention: 0.85 });
		expect(await db.quizAttempts.count()).toBe(0);
		expect(await db.interviews.count()).toBe(0);
		expect(await db.deckTotals.toArray()).toEqual([
			{ deckId: 'db-x', known: 1 },
			{ deckId: 'git-basics', known: 2 }
		]);
		await db.delete();
	});

	it('moves a version-4 log to `log` with UUIDv7 ids, keeping every row, its order and, replayed, every stored card state', async () => {
		const name = 'upgrade-v4';
		const v4 = new Dexie(name);
		v4.version(4).stores({ ...V4_STORES });
		const cardIds = Array.from({ length: 30 }, (_, i) => `git-basics/c${i}`);
		const now = Date.parse('2026-03-01T12:00:00Z');
		const sim = simulateLearner({ cardIds, days: 60, seed: 7, now, retention: 0.85 });
		const rows = [...sim.days].flatMap((d) => d.log);
		// As version 4 stored them: no id of their own (the table numbers them) and no retention.
		await v4.table('reviewLog').bulkAdd(rows.map(({ id: _id, retention: _r, ...row }) => row));
		await v4.table('cards').bulkPut([...sim.cards.values()]);
		await v4.table('settings').put(sim.settings);
		v4.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(db.tables.map((t) => t.name)).not.toContain('reviewLog');
		const log = await db.log.toArray();
		expect(log).toHaveLength(rows.length);
		// Key order is the old order, and every id is a UUIDv7 carrying the answer's time.
		expect(log.map((r) => r.reviewedAt)).toEqual(rows.map((r) => r.reviewedAt));
		for (const r of log) {
			expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(parseInt(r.id.replace(/-/g, '').slice(0, 12), 16)).toBe(r.reviewedAt);
			expect(r.retention).toBe(0.85);
		}
		const schedulerFor = schedulerCache();
		for (const card of sim.cards.values()) {
			const steps = replayCard(await cardHistory(db, card.id), schedulerFor);
			expect(steps.at(-1)!.after).toEqual(card);
			expect(await db.cards.get(card.id)).toEqual(card);
		}
		expect(sortRows(await db.dayDecks.toArray())).toEqual(tallyLog(log));
		await db.delete();
	});

	it('tallies a version-6 log by day and deck for the statistics, every answer counted once', async () => {
		const name = 'upgrade-v6';
		const v6 = new Dexie(name);
		v6.version(6).stores({ ...V6_STORES });
		const cardIds = ['git-basics', 'db-indexes', 'api-rest'].flatMap((deck) =>
			Array.from({ length: 15 }, (_, i) => `${deck}/c${i}`)
		);
		const now = Date.parse('2026-03-01T12:00:00Z');
		const sim = simulateLearner({ cardIds, days: 90, seed: 11, now });
		const rows = [...sim.days].flatMap((d) => d.log);
		await v6.table('log').bulkAdd(rows);
		v6.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(await db.log.count()).toBe(rows.length);
		const tally = sortRows(await db.dayDecks.toArray());
		expect(tally).toEqual(tallyLog(rows));
		expect(tally.reduce((n, t) => n + answerCount(t), 0)).toBe(rows.length);
		expect(new Set(tally.map((t) => t.deckId))).toEqual(new Set(['git-basics', 'db-indexes', 'api-rest']));
		expect(tally.reduce((n, t) => n + t.ms, 0)).toBe(rows.reduce((n, r) => n + r.durationMs, 0));
		await db.delete();
	});

	it('opens a version-7 tally under version 8 with every row, findable by deck, and packs it', async () => {
		const name = 'upgrade-v7';
		const v7 = new Dexie(name);
		v7.version(7).stores({ ...V7_STORES });
		const row = (day: number, deckId: string, n: number) => ({
			day,
			deckId,
			answers: Array.from({ length: 16 }, (_, i) => (i === 10 ? n : 0)),
			ms: n * 1000
		});
		const rows = [row(100, 'git', 2), row(101, 'git', 1), row(100, 'sql', 4)];
		await v7.table('dayDecks').bulkPut(rows);
		await v7.table('cards').put({ ...newCardState('git/a', 0), state: 2, stability: 3, last_review: 0 });
		v7.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(sortRows(await db.dayDecks.toArray())).toEqual(sortRows(rows));
		expect(await db.dayDecks.where('deckId').equals('git').count()).toBe(2);
		expect(await db.deckMemory.count()).toBe(0);
		await packDecks(db, ['git', 'sql']);
		const read = await readStats(db, () => 101, ['git', 'sql']);
		expect(read.unpacked).toEqual([]);
		expect(read.tally).toEqual([row(101, 'git', 1)]);
		expect(read.cards.map((c) => [c.deckId, c.stability])).toEqual([['git', 3]]);
		db.close();
		await db.delete();
	});
	it('opens a version-11 log under version 12 with every row loose, an empty table of packs, and the same history', async () => {
		const name = 'upgrade-v11';
		const v11 = new Dexie(name);
		v11.version(11).stores({ ...V11_STORES });
		const at = Date.parse('2026-03-02T09:00:00Z');
		const state = { ...newCardState('git/a', at), state: 2, stability: 3, last_review: at };
		const rows = [0, 1, 2].map((i) => ({
			id: logEntryId(at + i * 60_000),
			cardId: 'git/a',
			deckId: 'git',
			rating: 3,
			reviewedAt: at + i * 60_000,
			durationMs: 1000,
			source: 'review',
			day: 100,
			retention: 0.9,
			before: i === 0 ? null : state,
			after: state
		}));
		await v11.table('log').bulkAdd(rows);
		v11.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(await db.log.toArray()).toEqual(rows);
		expect((await allPacks(db)).length).toBe(0);
		expect(await rowCount(db)).toBe(3);
		expect((await cardHistory(db, 'git/a')).map((r) => r.id)).toEqual(rows.map((r) => r.id));
		db.close();
		await db.delete();
	});
	it('opens a version-12 log under version 14 with every pack in its card’s bucket, the loose rows as they were, and the same history', async () => {
		const name = 'upgrade-v12';
		const v12 = new Dexie(name);
		v12.version(12).stores({ ...V12_STORES });
		const cards = Array.from({ length: 40 }, (_, i) => `deck${i % 3}/card-${i}`);
		const packed = cards.map((cardId, i) => [upgradeRow(cardId, 2 * i), upgradeRow(cardId, 2 * i + 1)]);
		// One pack keeps its rows as objects (a field the numeric layout has no place for).
		packed[5] = packed[5]!.map((r) => ({ ...r, note: 'kept' }));
		const loose = [upgradeRow(cards[0]!, 200), upgradeRow('deck9/alone', 201)];
		await v12.table('packs').bulkAdd(packed.map((rows, i) => packOf(cards[i]!, rows)));
		await v12.table('log').bulkAdd(loose);
		// A first sync cut off between its pull and its merge: a pulled entry waits in the inbox.
		const waiting = upgradeRow('deck7/pulled', 300);
		await v12.table('inbox').add({ id: waiting.id, cardId: waiting.cardId, entry: waiting });
		await v12.table('inbox').add({ id: `removed:${loose[1]!.id}`, cardId: '', entry: null });
		const before = [...packed.flat(), ...loose].sort((a, b) => (a.id < b.id ? -1 : 1));
		v12.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(db.tables.map((t) => t.name)).not.toContain('packs');
		expect((await allRows(db)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(before);
		expect(await rowCount(db)).toBe(before.length);
		expect(await db.log.toArray()).toEqual(loose);
		const buckets = await db.buckets.toArray();
		expect(buckets.length).toBe(new Set(cards.map(bucketOf)).size);
		for (const bucket of buckets) {
			expect(bucket.packs.every((p) => bucketOf(p.cardId) === bucket.bucket)).toBe(true);
			const ids = bucket.packs.flatMap((p) => p.ids);
			expect(bucket).not.toHaveProperty('ids');
			expect(bucket.first).toBe(ids.reduce((a, b) => (a < b ? a : b)));
			expect(bucket.size).toBe(ids.length);
			expect(bucket.lastDay).toBe(100);
			expect(bucket.cardIds).toEqual(bucket.packs.map((p) => p.cardId));
		}
		expect((await allPacks(db)).length).toBe(cards.length);
		expect((await cardsWithRows(db)).sort()).toEqual([...cards, 'deck9/alone'].sort());
		expect((await packOfCard(db, cards[5]!))?.rows?.[0]).toMatchObject({ note: 'kept' });
		expect((await cardHistory(db, cards[0]!)).map((r) => r.id)).toEqual(
			[...packed[0]!, loose[0]!].map((r) => r.id)
		);
		// What waited in the inbox waits as one pulled page, merged by the next sync.
		expect(db.tables.map((t) => t.name)).not.toContain('inbox');
		expect(await db.pulled.toArray()).toEqual([
			{ seq: 1, size: 2, entries: [waiting], removed: [{ id: loose[1]!.id }], events: [] }
		]);
		const some = [before[3]!.id, before[40]!.id, loose[1]!.id];
		expect([...(await rowsById(db, some)).keys()].sort()).toEqual([...some].sort());
		db.close();
		await db.delete();
	});
	it('opens a version-13 log under version 14 with each bucket summarised in place of its ids, and finds the same rows', async () => {
		const name = 'upgrade-v13';
		const v13 = new Dexie(name);
		v13.version(13).stores({ ...V13_STORES });
		const cards = Array.from({ length: 30 }, (_, i) => `deck${i % 3}/card-${i}`);
		// Each card answered on days 100 and 101; the last card on day 102 too, its last answer of all.
		const rows = cards.flatMap((c, i) => [upgradeRow(c, 2 * i, 100), upgradeRow(c, 2 * i + 1, 101)]);
		rows.push(upgradeRow(cards[29]!, 100, 102));
		const byBucket = new Map<number, LogPack[]>();
		for (const c of cards) {
			const pack = packOf(
				c,
				rows.filter((r) => r.cardId === c)
			);
			byBucket.set(bucketOf(c), [...(byBucket.get(bucketOf(c)) ?? []), pack]);
		}
		// Buckets as version 13 wrote them: every row id listed, and indexed.
		await v13.table('buckets').bulkAdd(
			[...byBucket].map(([bucket, packs]) => ({
				bucket,
				ids: packs.flatMap((p) => p.ids),
				cardIds: packs.map((p) => p.cardId),
				packs
			}))
		);
		v13.close();

		const db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		const buckets = await db.buckets.toArray();
		expect(buckets.length).toBe(byBucket.size);
		for (const b of buckets) {
			expect(b).not.toHaveProperty('ids');
			expect(b.size).toBe(b.packs.reduce((n, p) => n + p.ids.length, 0));
			expect(b.lastDay).toBe(b.cardIds.includes(cards[29]!) ? 102 : 101);
		}
		expect((await allRows(db)).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(rows);
		expect(await rowCount(db)).toBe(rows.length);
		expect((await firstRow(db))?.id).toBe(rows[0]!.id);
		expect((await lastReviewOfDay(db, 102))?.id).toBe(rows.at(-1)!.id);
		expect(await lastReviewOfDay(db, 101)).toBeUndefined();
		const some = [rows[3]!.id, rows[40]!.id];
		expect([...(await rowsById(db, some)).keys()].sort()).toEqual([...some].sort());
		db.close();
		await db.delete();
	});
});
