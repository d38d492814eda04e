import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readBackup } from '$lib/backup/file';
import { dayOf } from '$lib/scheduling/day';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { exportBackup } from './backup';
import { readBackupStatus } from './backup-status';
import {
	allPacks,
	cardHistory,
	cardsWithRows,
	firstRow,
	lastReviewOfDay,
	logIsEmpty,
	packOfCard,
	rowCards,
	rowCount,
	rowsById
} from './entries';
import { LogConflictError, mergeLog } from './merge';
import { logEntryId } from '$lib/id';
import { purgeCards } from './purge';
import { changeLog, PACK_FROM, replayAll } from './recompute';
import { entryCount, loggedCardIds } from './removed-cards';
import { answerCard, freshDatabases, LOG_TEST_HOUR } from '$lib/testing/log-db';
import type { RehearseDB, ReviewLogEntry } from './schema';
import { undoLastAnswer } from './undo';
import { bucketOf } from './log-bucket';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOUR = LOG_TEST_HOUR;
const MIN = 60_000;

const freshDb = freshDatabases('entries-test');
const answer = answerCard;

/** A device that answered three cards a few times over three days, then had every card packed. */
async function packedDevice(): Promise<{ db: RehearseDB; rows: ReviewLogEntry[] }> {
	const db = await freshDb();
	const rows: ReviewLogEntry[] = [];
	for (let d = 0; d < 3; d++)
		for (const [i, card] of ['git/a', 'git/b', 'sql/a'].entries())
			rows.push(await answer(db, card, T0 + d * 86_400_000 + i * MIN, 3));
	await changeLog(db, { replayAll: true, pack: true });
	return { db, rows };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

describe('the log stored loose and packed', () => {
	it('packs every card on request, and reads the same rows, counts and first answer as when they were loose', async () => {
		const { db, rows } = await packedDevice();
		expect(await db.log.count()).toBe(0);
		expect((await allPacks(db)).length).toBe(3);
		const later = await answer(db, 'git/a', T0 + 3 * 86_400_000, 4);
		expect(await db.log.count()).toBe(1);
		expect(await rowCount(db)).toBe(rows.length + 1);
		const cards = await rowCards(db);
		expect([...cards.keys()].sort()).toEqual([...rows, later].map((r) => r.id).sort());
		expect(
			[...cards].every(([id, cardId]) => [...rows, later].find((r) => r.id === id)?.cardId === cardId)
		).toBe(true);
		expect((await firstRow(db))?.id).toBe(rows[0]!.id);
		expect((await readBackupStatus(db)).firstAnsweredAt).toBe(T0);
		expect(await logIsEmpty(db)).toBe(false);
		expect((await cardsWithRows(db)).sort()).toEqual(['git/a', 'git/b', 'sql/a']);
		expect((await loggedCardIds(db)).sort()).toEqual(['git/a', 'git/b', 'sql/a']);
		expect(await entryCount(db, ['git/a', 'sql/a'])).toBe(7);
		const found = await rowsById(db, [rows[4]!.id, later.id, 'no-such-id']);
		expect([...found.keys()].sort()).toEqual([rows[4]!.id, later.id].sort());
		expect(found.get(rows[4]!.id)).toEqual(rows[4]);
		// Told each id's card, only that card's bucket is looked in: a wrong card finds nothing.
		expect((await rowsById(db, [rows[4]!.id], () => rows[4]!.cardId)).get(rows[4]!.id)).toEqual(rows[4]);
		const elsewhere = [...new Set(rows.map((r) => r.cardId))].find(
			(c) => bucketOf(c) !== bucketOf(rows[4]!.cardId)
		)!;
		expect((await rowsById(db, [rows[4]!.id], () => elsewhere)).size).toBe(0);
		// A card's history joins its pack and its loose rows, oldest first.
		const history = await cardHistory(db, 'git/a');
		expect(history.map((r) => r.id)).toEqual(
			[...rows.filter((r) => r.cardId === 'git/a'), later].map((r) => r.id)
		);
		expect(history.at(-2)!.after).toEqual(later.before);
	});

	it('undoes the last answer of the day when it is packed, and leaves the packed rows of earlier days', async () => {
		const { db, rows } = await packedDevice();
		const today = dayOf(T0 + 2 * 86_400_000, HOUR);
		const last = rows.at(-1)!;
		expect((await lastReviewOfDay(db, today))?.id).toBe(last.id);
		const undone = await undoLastAnswer(db, today);
		expect(undone?.entry.id).toBe(last.id);
		expect(undone?.restored).toEqual(rows.at(-4)!.after);
		expect(await db.cards.get('sql/a')).toEqual(rows.at(-4)!.after);
		expect((await packOfCard(db, 'sql/a'))?.ids).toEqual(
			rows.filter((r) => r.cardId === 'sql/a' && r.id !== last.id).map((r) => r.id)
		);
		expect(await db.removed.get(last.id)).toEqual({ id: last.id });
		// Two more undos take the day's other two answers; then nothing of that day is left to undo.
		await undoLastAnswer(db, today);
		await undoLastAnswer(db, today);
		expect(await undoLastAnswer(db, today)).toBeNull();
		expect(await rowCount(db)).toBe(6);
	});

	it('undoes a loose answer given after the packed ones first, and skips packed rows that are not daily review', async () => {
		const { db, rows } = await packedDevice();
		const at = T0 + 2 * 86_400_000 + 10 * MIN;
		const day = dayOf(at, HOUR);
		const quiz = await answer(db, 'git/b', at, 1, 'quiz');
		await changeLog(db, { replayAll: true, pack: true }); // the quiz miss packed too
		const loose = await answer(db, 'git/a', at + MIN, 3);
		expect((await undoLastAnswer(db, day))?.entry.id).toBe(loose.id);
		// Next: the packed quiz miss is not daily review; the day's last review before it is.
		expect((await undoLastAnswer(db, day))?.entry.id).toBe(rows.at(-1)!.id);
		expect((await rowsById(db, [quiz.id])).has(quiz.id)).toBe(true);
	});

	it('undoes nothing when the last daily-review answer of all is packed and of another day, as when it is loose', async () => {
		const today = T0 + 2 * 86_400_000;
		// Another device, its clock a day ahead, answered "later"; a merge brings that answer in.
		const ahead = logFacts(await answer(await scratch(), 'git/b', today + 86_400_000, 3));
		for (const packed of [false, true]) {
			const db = await freshDb();
			await changeLog(db, { add: [ahead], pack: packed });
			await answer(db, 'git/a', today, 3);
			expect((await allPacks(db)).length).toBe(packed ? 1 : 0);
			expect(await db.log.count()).toBe(packed ? 1 : 2);
			expect(await undoLastAnswer(db, dayOf(today, HOUR))).toBeNull();
			expect(await rowCount(db)).toBe(2);
		}
	});

	it('refuses, in a merge of more than 5,000 ids, an entry whose id is stored packed under another card', async () => {
		const { db, rows } = await packedDevice();
		const stored = rows[0]!;
		const moved = { ...logFacts(stored), cardId: 'http/elsewhere' };
		expect(bucketOf(moved.cardId)).not.toBe(bucketOf(stored.cardId));
		const later = T0 + 10 * 86_400_000;
		const others = Array.from({ length: 5_000 }, (_, i) => ({
			...logFacts(stored),
			id: logEntryId(later + i * MIN),
			cardId: `git/other-${i % 40}`,
			reviewedAt: later + i * MIN
		}));
		const error = await mergeLog(db, [...others, moved]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LogConflictError);
		expect((error as LogConflictError).ids).toEqual([stored.id]);
		expect(await rowCount(db)).toBe(rows.length);
	});

	it('finds several packed entries of one card by id', async () => {
		const { db, rows } = await packedDevice();
		const wanted = rows.filter((r) => r.cardId === 'git/b').map((r) => r.id);
		const found = await rowsById(db, wanted);
		expect([...found.values()]).toEqual(rows.filter((r) => r.cardId === 'git/b'));
	});

	it('gives an answer in the same millisecond as a packed last answer an id after it', async () => {
		const { db, rows } = await packedDevice();
		const last = rows.at(-1)!;
		const again = await answer(db, last.cardId, last.reviewedAt, 1, 'quiz');
		expect(again.id > last.id).toBe(true);
		expect((await cardHistory(db, last.cardId)).at(-1)!.id).toBe(again.id);
	});

	it('purges a packed card: its pack goes, its ids are kept as removed, its state and totals with it', async () => {
		const { db, rows } = await packedDevice();
		await answer(db, 'git/b', T0 + 3 * 86_400_000, 3);
		expect(await purgeCards(db, ['git/b'])).toBe(4);
		expect(await packOfCard(db, 'git/b')).toBeUndefined();
		expect(await db.log.count()).toBe(0);
		expect(await db.cards.get('git/b')).toBeUndefined();
		expect(await db.removed.count()).toBe(4);
		expect(await rowCount(db)).toBe(rows.length - 3);
	});

	it('takes out a packed entry another device undid, rewriting only that pack', async () => {
		const { db, rows } = await packedDevice();
		const gone = rows.find((r) => r.cardId === 'git/b')!;
		const before = await packOfCard(db, 'git/a');
		expect(await mergeLog(db, [], [gone.id])).toMatchObject({ removed: 1, cards: 1 });
		expect((await packOfCard(db, 'git/b'))?.ids).not.toContain(gone.id);
		expect(await packOfCard(db, 'git/a')).toEqual(before);
		expect(await rowCount(db)).toBe(rows.length - 1);
	});

	it(
		'stores a merge of many entries packed, and a replay with new parameters keeps them packed and equal to a loose replay',
		{ timeout: 30_000 },
		async () => {
			const entries: LogEntry[] = [];
			for (let i = 0; i < PACK_FROM; i++) {
				const at = T0 + Math.floor(i / 50) * 86_400_000 + (i % 50) * MIN;
				const row = await answer(await scratch(), `big/c${i % 50}`, at, 3);
				entries.push(logFacts(row));
			}
			const packed = await freshDb();
			const loose = await freshDb();
			await mergeLog(packed, entries);
			// The same entries given in small merges stay loose.
			for (let i = 0; i < entries.length; i += 100) await mergeLog(loose, entries.slice(i, i + 100));
			expect(await packed.log.count()).toBe(0);
			expect((await allPacks(packed)).length).toBe(50);
			expect((await allPacks(loose)).length).toBe(0);
			const snapshot = async (db: RehearseDB) => ({
				rows: (await allRowsSorted(db)).map(({ id, before, after }) => ({ id, before, after })),
				cards: await db.cards.toArray(),
				days: await db.days.toArray(),
				tally: await db.dayDecks.toArray()
			});
			expect(await snapshot(packed)).toEqual(await snapshot(loose));
			await replayAll(packed);
			await replayAll(loose);
			expect(await packed.log.count()).toBe(0);
			expect(await snapshot(packed)).toEqual(await snapshot(loose));
		}
	);

	it('backs up packed and loose rows alike: every entry once, counted', async () => {
		const { db, rows } = await packedDevice();
		const later = await answer(db, 'git/a', T0 + 3 * 86_400_000, 4);
		const backup = await readBackup(await exportBackup(db, T0 + 4 * 86_400_000));
		expect([...backup.log].sort(byId)).toEqual([...rows, later].map(logFacts).sort(byId));
	});
});

/** A throwaway database, to make entries with real states and ids. */
let scratchDb: RehearseDB | null = null;
async function scratch(): Promise<RehearseDB> {
	scratchDb ??= await freshDb();
	return scratchDb;
}
afterEach(() => {
	scratchDb = null;
});

async function allRowsSorted(db: RehearseDB): Promise<ReviewLogEntry[]> {
	const { allRows } = await import('./entries');
	return (await allRows(db)).sort(byId);
}
