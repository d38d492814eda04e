import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { logEntryId } from '$lib/id';
import { dayOf } from '$lib/scheduling/day';
import type { Grade } from '$lib/scheduling/fsrs';
import { compactInIdle, compactSome, KEEP_LOOSE_MS } from './compact';
import { allPacks, allRows, packOfCard, rowCount } from './entries';
import { bucketOf } from './log-bucket';
import { changeLog } from './recompute';
import { answerCard, freshDatabases, LOG_TEST_HOUR } from '$lib/testing/log-db';
import type { RehearseDB } from './schema';
import { undoLastAnswer } from './undo';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
const HOUR = LOG_TEST_HOUR;

const freshDb = freshDatabases('compact-test');
const answer = answerCard;

const CARDS = ['git/a', 'git/b', 'sql/a', 'sql/b', 'http/a'];

/** Five cards answered once a day for six days (a quiz answer among them), the last answer at `end`. */
async function sixDays(db: RehearseDB): Promise<number> {
	let now = T0;
	for (let d = 0; d < 6; d++)
		for (const [i, card] of CARDS.entries()) {
			now = T0 + d * DAY + i * 60_000;
			await answer(db, card, now, (((d + i) % 4) + 1) as Grade, d === 1 && i === 2 ? 'quiz' : 'review');
		}
	return now;
}

/** Everything a screen or a total is made from, to compare before and after compaction. */
async function derived(db: RehearseDB) {
	const [cards, days, deckTotals, dayDecks] = await Promise.all([
		db.cards.toArray(),
		db.days.toArray(),
		db.deckTotals.toArray(),
		db.dayDecks.toArray()
	]);
	return { cards, days, deckTotals, dayDecks };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

describe('compaction', () => {
	it('packs the rows older than two days, keeps the newer loose, and changes no row, state or total', async () => {
		const db = await freshDb();
		const end = await sixDays(db);
		const rows = (await allRows(db)).sort(byId);
		const before = await derived(db);
		const cutoff = logEntryId(end - KEEP_LOOSE_MS, 0);
		const old = rows.filter((r) => r.id < cutoff);
		expect(old.length).toBeGreaterThan(0);
		expect(old.length).toBeLessThan(rows.length);

		// Two cards a round, bucket by bucket (each of the five cards hashes to a bucket of its own): three
		// rounds for five cards. Each round from where the last one stopped, as the app runs them.
		expect(new Set(CARDS.map(bucketOf)).size).toBe(CARDS.length);
		const rounds: number[] = [];
		for (let after: number | null = -1; after !== null;) {
			const done = await compactSome(db, end - KEEP_LOOSE_MS, 2, after);
			if (done.after !== null) expect(done.after).toBeGreaterThan(after);
			rounds.push(done.cards);
			after = done.after;
		}
		expect(rounds).toEqual([2, 2, 1, 0]);

		expect((await allRows(db)).sort(byId)).toEqual(rows);
		expect(await rowCount(db)).toBe(rows.length);
		expect(await derived(db)).toEqual(before);
		expect((await db.log.toArray()).map((r) => r.id).sort()).toEqual(
			rows.filter((r) => r.id >= cutoff).map((r) => r.id)
		);
		expect((await allPacks(db)).flatMap((p) => p.ids).sort()).toEqual(old.map((r) => r.id));
		expect((await allPacks(db)).length).toBe(CARDS.length);
	});

	it('adds a packed card’s older loose rows to its pack, and undo still takes back the last answer', async () => {
		const db = await freshDb();
		await answer(db, 'git/a', T0, 3);
		await answer(db, 'git/a', T0 + DAY, 3);
		await changeLog(db, { replayAll: true, pack: true });
		await answer(db, 'git/a', T0 + 4 * DAY, 3);
		const last = await answer(db, 'git/a', T0 + 8 * DAY, 1);
		const rows = (await allRows(db)).sort(byId);

		expect((await compactSome(db, T0 + 8 * DAY - KEEP_LOOSE_MS)).cards).toBe(1);
		expect((await compactSome(db, T0 + 8 * DAY - KEEP_LOOSE_MS)).cards).toBe(0);
		expect((await packOfCard(db, 'git/a'))!.ids).toEqual(rows.slice(0, 3).map((r) => r.id));
		expect((await db.log.toArray()).map((r) => r.id)).toEqual([last.id]);
		expect((await allRows(db)).sort(byId)).toEqual(rows);

		const undone = await undoLastAnswer(db, dayOf(T0 + 8 * DAY, HOUR));
		expect(undone?.entry.id).toBe(last.id);
		expect(await db.cards.get('git/a')).toEqual(rows[2]!.after);
	});

	it('goes round by round until nothing is old enough, and writes nothing when nothing is', async () => {
		const db = await freshDb();
		const end = await sixDays(db);
		const ready: number[] = [];
		const packed = await compactInIdle(
			db,
			() => end,
			async () => void ready.push(ready.length)
		);
		expect(packed).toBe(CARDS.length);
		expect(ready).toHaveLength(2);
		const packs = await allPacks(db);
		expect(
			await compactInIdle(
				db,
				() => end,
				async () => undefined
			)
		).toBe(0);
		expect(await allPacks(db)).toEqual(packs);
	});

	it('runs no round while the app says it cannot (a sync holds its lock), and goes on after', async () => {
		const db = await freshDb();
		const end = await sixDays(db);
		let turns = 0;
		const packed = await compactInIdle(
			db,
			() => end,
			async () => undefined,
			async (work) => (++turns <= 2 ? null : work())
		);
		expect(packed).toBe(CARDS.length);
		expect(turns).toBe(4);
		expect((await allPacks(db)).length).toBe(CARDS.length);
	});
});
