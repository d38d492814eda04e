import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { sendBackRule } from '$lib/review/send-back';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler, newCardState, rate, type Grade } from '$lib/scheduling/fsrs';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { StaleCardError } from './errors';
import { logEntryId } from '$lib/id';
import { sendToReview } from './feedback';
import { changeLog, keepAnswer } from './recompute';
import { slicing } from './slices';
import { allPacks, allRows, cardHistory, rowCount } from './entries';
import { LogConflictError, mergeLog, planMerge, removedIds, replaceLog } from './merge';
import { answerTables, recordAnswer, type AnswerInput } from './reviews';
import { RehearseDB } from './schema';
import { undoLastAnswer } from './undo';
import { answerCount, sortRows, tallyLog } from '$lib/stats/tally';
import { digestOf } from '$lib/stats/digest';
import { packDecks } from './stats';
import { compactSome, KEEP_LOOSE_MS } from './compact';
import { simulateLearner } from './seed';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 4;
const RETENTION = 0.9;
const CARDS = ['git/a', 'git/b', 'git/c', 'sql/a', 'sql/b'];
const DECKS = ['git', 'sql'];

const opened: RehearseDB[] = [];
let n = 0;
async function freshDb(): Promise<RehearseDB> {
	const db = new RehearseDB(`merge-test-${++n}`);
	await db.open();
	opened.push(db);
	return db;
}
afterEach(async () => {
	slicing.ms = 40;
	await Promise.all(opened.splice(0).map((db) => db.delete()));
});

/** Every table the log derives, in key order; day rows with nothing counted are as good as none. */
async function derived(db: RehearseDB) {
	const [log, cards, days, deckTotals, dayDecks] = await Promise.all([
		// Loose or packed (db/entries.ts), the rows are the same: compared in id order.
		allRows(db).then((rows) => rows.sort((a, b) => (a.id < b.id ? -1 : 1))),
		db.cards.toArray(),
		db.days.toArray(),
		db.deckTotals.toArray(),
		db.dayDecks.toArray()
	]);
	return {
		log,
		cards,
		days: days.filter((d) => d.newCount + d.reviewCount + d.learnCount > 0),
		deckTotals: deckTotals.filter((d) => d.known > 0),
		dayDecks: sortRows(dayDecks.filter((t) => answerCount(t) > 0))
	};
}

/** Every deck's packed card states and tally still stored are those of its rows as they stand (stats/digest.ts). */
async function expectPacksFresh(db: RehearseDB): Promise<void> {
	const [cards, tally] = await Promise.all([db.cards.toArray(), db.dayDecks.toArray()]);
	const of = <T extends { deckId: string }>(rows: T[], deckId: string) =>
		rows.filter((r) => r.deckId === deckId);
	for (const packed of await db.deckMemory.toArray())
		expect(packed).toEqual(digestOf(packed.deckId, of(cards, packed.deckId), of(tally, packed.deckId)));
}

async function facts(db: RehearseDB): Promise<LogEntry[]> {
	return (await allRows(db)).map(logFacts);
}

/** One thing a person does on a device, `minutes` after the last thing they did there. */
type Step =
	| { kind: 'review'; card: number; grade: Grade; minutes: number }
	| { kind: 'quiz-miss'; card: number; minutes: number }
	| { kind: 'undo'; minutes: number }
	| { kind: 'compact'; minutes: number }
	| { kind: 'idle-compact'; minutes: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			kind: fc.constant('review' as const),
			card: fc.nat(CARDS.length - 1),
			grade: fc.constantFrom<Grade>(1, 2, 3, 4),
			minutes: fc.integer({ min: 1, max: 4000 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('quiz-miss' as const),
			card: fc.nat(CARDS.length - 1),
			minutes: fc.integer({ min: 1, max: 600 })
		})
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), minutes: fc.constant(0) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), minutes: fc.constant(0) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('idle-compact' as const), minutes: fc.constant(0) }) }
);

/** A device: its own database and clock, used the way the review, a quiz and undo use storage. */
async function device(steps: readonly Step[], start: number): Promise<RehearseDB> {
	const db = await freshDb();
	const scheduler = makeScheduler({ retention: RETENTION });
	let now = start;
	for (const [i, step] of steps.entries()) {
		// Now and then a reader packs the decks' card states, as the statistics page does.
		if (i % 4 === 3) await packDecks(db, DECKS);
		now += step.minutes * 60_000;
		const day = dayOf(now, HOUR);
		if (step.kind === 'undo') {
			await undoLastAnswer(db, day);
		} else if (step.kind === 'compact') {
			// Every card's rows into its pack, as a restore or an import stores them: later answers go
			// loose beside them, and undo, merges and replays find both.
			await changeLog(db, { replayAll: true, pack: true });
		} else if (step.kind === 'idle-compact') {
			// The app's own compaction, two cards a round: rows older than two days into packs, the rest
			// loose; no state or total is written.
			for (let after: number | null = -1; after !== null;)
				after = (await compactSome(db, now - KEEP_LOOSE_MS, 2, after)).after;
		} else if (step.kind === 'quiz-miss') {
			const rule = sendBackRule(scheduler, now, HOUR);
			await db.transaction('rw', answerTables(db), () =>
				sendToReview(db, [CARDS[step.card]!], 'quiz', now, day, rule)
			);
		} else {
			const id = CARDS[step.card]!;
			const shown = (await db.cards.get(id)) ?? newCardState(id, now);
			await recordAnswer(db, {
				shown,
				next: rate(scheduler, shown, now, step.grade),
				grade: step.grade,
				now,
				durationMs: 3000,
				source: 'review',
				day,
				retention: scheduler.parameters.request_retention
			});
		}
	}
	return db;
}

/** What a fresh database rebuilt from these entries (less the removed ids) alone holds. */
async function rebuilt(entries: readonly LogEntry[], removed: readonly string[] = []) {
	const db = await freshDb();
	await replaceLog(db, entries, removed);
	return derived(db);
}

/** What a device gives another: its entries and the ids it removed (undid). */
async function exported(db: RehearseDB) {
	return { entries: await facts(db), removed: await removedIds(db) };
}

const devicesArb = fc.array(fc.array(stepArb, { minLength: 1, maxLength: 25 }), {
	minLength: 2,
	maxLength: 3
});

describe('the review log is the truth', () => {
	it('keeps every derived table equal to a full replay of the log, through answers, quiz misses and undos', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
				const db = await device(steps, T0);
				const kept = await derived(db);
				expect(kept).toEqual(await rebuilt(await facts(db)));
				// The statistics' tally is the tally of the log as it stands.
				expect(kept.dayDecks).toEqual(tallyLog(kept.log));
				expect(kept.dayDecks.reduce((n, t) => n + answerCount(t), 0)).toBe(kept.log.length);
				await expectPacksFresh(db);
			}),
			{ numRuns: 30 }
		);
	});

	it('merges the logs of 2–3 devices into the same states, whatever the order of the merges', async () => {
		await fc.assert(
			fc.asyncProperty(devicesArb, fc.infiniteStream(fc.nat()), async (plans, random) => {
				// Half the runs pause at every chance inside the merges' transactions (db/slices.ts), as a
				// long import or first sync does between slices.
				slicing.ms = random.next().value % 2 === 0 ? -1 : 40;
				// Devices overlap in time: each starts within the first hour.
				const devices = await Promise.all(plans.map((steps, i) => device(steps, T0 + i * 600_000)));
				const logs = await Promise.all(devices.map(exported));
				const removed = logs.flatMap((l) => l.removed);
				const everything = await rebuilt(
					logs.flatMap((l) => l.entries),
					removed
				);
				for (const [i, db] of devices.entries()) {
					// Device i takes the others' logs, in an order drawn for it, each one split in two.
					const others = logs.filter((_, k) => k !== i);
					const order = others.map((log) => ({ log, key: random.next().value }));
					order.sort((a, b) => a.key - b.key);
					for (const { log } of order) {
						const cut = log.entries.length === 0 ? 0 : random.next().value % log.entries.length;
						await mergeLog(db, log.entries.slice(cut), log.removed);
						await mergeLog(db, log.entries.slice(0, cut));
					}
					// Merging again changes nothing.
					const plan = await planMerge(
						db,
						logs.flatMap((l) => l.entries),
						removed
					);
					expect(plan).toMatchObject({ added: 0, removed: 0, cards: 0, conflicts: [] });
					expect(await derived(db)).toEqual(everything);
					await expectPacksFresh(db);
				}
				expect(everything.dayDecks).toEqual(tallyLog(everything.log));
				const kept = new Set(logs.flatMap((l) => l.entries.map((e) => e.id)));
				expect(everything.log).toHaveLength(kept.size);
			}),
			{ numRuns: 15 }
		);
	});

	it('carries an undo to a device that already had the answer, and never brings it back', async () => {
		const a = await device([{ kind: 'review', card: 0, grade: 3, minutes: 1 }], T0);
		const b = await freshDb();
		const [answer] = await facts(a);
		await mergeLog(b, [answer!]);
		expect(await b.log.count()).toBe(1);
		await undoLastAnswer(a, dayOf(T0, HOUR));
		const fromA = await exported(a);
		expect(fromA).toEqual({ entries: [], removed: [answer!.id] });
		expect(await mergeLog(b, fromA.entries, fromA.removed)).toMatchObject({ removed: 1, cards: 1 });
		expect(await b.cards.count()).toBe(0);
		expect(await derived(b)).toEqual(await derived(a));
		// An old copy of the answer (a backup made before the undo) stays out.
		expect(await mergeLog(a, [answer!])).toMatchObject({ added: 0, known: 1 });
		expect(await a.log.count()).toBe(0);
	});
});

describe('mergeLog', () => {
	it.each([
		['in slices of 40 ms', 40],
		['pausing at every chance', -1]
	])(
		'writes a merge of many entries within its one transaction (%s), every row and card included',
		async (_, ms) => {
			slicing.ms = ms;
			const db = await freshDb();
			const cardIds = Array.from({ length: 2_500 }, (_, i) => `big/c${i}`);
			const sim = simulateLearner({
				cardIds,
				days: 200,
				seed: 3,
				now: T0 + 200 * 86_400_000,
				retention: 0.9
			});
			const entries = [...sim.days].flatMap((d) => d.log).map(logFacts);
			expect(entries.length).toBeGreaterThan(12_000);
			await mergeLog(db, entries);
			// A change this large stores each card's rows as one pack, none loose.
			const cards = new Set(entries.map((e) => e.cardId)).size;
			expect(await rowCount(db)).toBe(entries.length);
			expect(await db.log.count()).toBe(0);
			expect((await allPacks(db)).length).toBe(cards);
			expect(await db.cards.count()).toBe(cards);
			expect(await db.deckTotals.get('big')).toMatchObject({ known: await db.cards.count() });
		}
	);

	it('reports a write that fails part way, and leaves nothing of the merge behind', async () => {
		slicing.ms = -1;
		const db = await device([{ kind: 'review', card: 0, grade: 3, minutes: 1 }], T0);
		const before = await derived(db);
		const cardIds = Array.from({ length: 600 }, (_, i) => `big/c${i}`);
		const sim = simulateLearner({ cardIds, days: 30, seed: 4, now: T0 + 30 * 86_400_000, retention: 0.9 });
		const entries = [...sim.days].flatMap((d) => d.log).map(logFacts);
		const put = db.buckets.bulkPut.bind(db.buckets);
		let calls = 0;
		// The third batch of buckets finds the disk full.
		db.buckets.bulkPut = ((rows: Parameters<typeof put>[0]) =>
			++calls === 3
				? Promise.reject(new DOMException('The disk is full', 'QuotaExceededError'))
				: put(rows)) as typeof put;
		await expect(mergeLog(db, entries)).rejects.toThrow('The disk is full');
		expect(calls).toBeGreaterThanOrEqual(3);
		expect(await derived(db)).toEqual(before);
	});

	async function twoDevices() {
		const a = await device(
			[
				{ kind: 'review', card: 0, grade: 3, minutes: 1 },
				{ kind: 'review', card: 1, grade: 1, minutes: 1 }
			],
			T0
		);
		const b = await device(
			[
				{ kind: 'review', card: 0, grade: 1, minutes: 3 },
				{ kind: 'review', card: 2, grade: 4, minutes: 1 }
			],
			T0
		);
		return { a, b };
	}

	it('plans before it writes: new entries, entries already there, cards to recompute', async () => {
		const { a, b } = await twoDevices();
		const theirs = await facts(b);
		const before = await derived(a);
		expect(await planMerge(a, [...theirs, ...(await facts(a))])).toEqual({
			added: 2,
			known: 2,
			removed: 0,
			cards: 2,
			conflicts: [],
			events: 0
		});
		expect(await derived(a)).toEqual(before);
		expect(await mergeLog(a, theirs)).toMatchObject({ added: 2, cards: 2 });
		// git/a was answered Good on a at T0+1m and Again on b at T0+3m: replayed in that order.
		const history = await cardHistory(a, 'git/a');
		expect(history.map((e) => e.rating)).toEqual([3, 1]);
		expect(history[1]!.before).toEqual(history[0]!.after);
		expect(await a.cards.get('git/a')).toEqual(history[1]!.after);
		expect(await a.deckTotals.get('git')).toMatchObject({ known: 3 });
		// The day counted git/a once as new (a's answer) and once as learning (b's, now second).
		const day = await a.days.get(dayOf(T0, HOUR));
		expect(day).toMatchObject({ newCount: 3, learnCount: 1, reviewCount: 0 });
	});

	it('plans a long log (a backup, a first sync) the same way: by the keys held, not an id at a time', async () => {
		// 6,000 entries, 20 per card: above the count at which the plan reads the stored keys at once.
		const entries: LogEntry[] = Array.from({ length: 6_000 }, (_, i) => {
			const reviewedAt = T0 + Math.floor(i / 300) * 86_400_000 + (i % 300) * 1000;
			return {
				id: logEntryId(reviewedAt, i),
				cardId: `big/c${i % 300}`,
				rating: 3,
				reviewedAt,
				durationMs: 1000,
				source: 'review',
				day: dayOf(reviewedAt, HOUR),
				retention: RETENTION
			};
		});
		const db = await freshDb();
		await mergeLog(db, entries.slice(0, 900)); // the first three days: cards c0–c299, three answers each
		await mergeLog(db, [], [entries[10]!.id]); // an undo here
		const theirUndo = entries[20]!.id; // an undo on the other side, of an entry held here
		const altered = { ...entries[30]!, rating: 1 as const };
		// Known: the 898 held alike and the one undone here; entry 30 comes twice, once altered: a conflict.
		const plan = await planMerge(db, [...entries, altered], [theirUndo]);
		expect(plan).toEqual({
			added: 5_100,
			known: 899,
			removed: 1,
			cards: 300,
			conflicts: [altered.id],
			events: 0
		});
		await expect(mergeLog(db, entries, [theirUndo])).resolves.toMatchObject({ added: 5_100, removed: 1 });
		expect(await rowCount(db)).toBe(5_998);
	});

	it('refuses an id stored with different content, and writes nothing', async () => {
		const { a, b } = await twoDevices();
		const theirs = await facts(b);
		const mine = await facts(a);
		const forged = { ...mine[0]!, rating: 4 as Grade };
		const before = await derived(a);
		expect((await planMerge(a, [...theirs, forged])).conflicts).toEqual([forged.id]);
		const refused = await mergeLog(a, [...theirs, forged]).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(LogConflictError);
		expect((refused as LogConflictError).ids).toEqual([forged.id]);
		expect(await derived(a)).toEqual(before);
		// Given twice with different content in one set: refused as well.
		const twice = await mergeLog(a, [theirs[0]!, { ...theirs[0]!, durationMs: 1 }]).catch((e: unknown) => e);
		expect(twice).toBeInstanceOf(LogConflictError);
		expect(await derived(a)).toEqual(before);
	});
});

describe('an answer from a stale screen', () => {
	it('is kept: recordAnswer refuses it, keepAnswer stores it and recomputes the card from both', async () => {
		const db = await freshDb();
		const scheduler = makeScheduler({ retention: RETENTION });
		const shown = newCardState('git/a', T0);
		const input = (grade: Grade, now: number): AnswerInput => ({
			shown,
			next: rate(scheduler, shown, now, grade),
			grade,
			now,
			durationMs: 2000,
			source: 'review',
			day: dayOf(now, HOUR),
			retention: RETENTION
		});
		await recordAnswer(db, input(3, T0 + 1000)); // the other tab
		const late = input(1, T0 + 5000); // this tab, still showing the new card
		await expect(recordAnswer(db, late)).rejects.toBeInstanceOf(StaleCardError);
		const card = await keepAnswer(db, late);
		const history = await cardHistory(db, 'git/a');
		expect(history.map((e) => e.rating)).toEqual([3, 1]);
		expect(card).toEqual(history[1]!.after);
		expect(card.rev).toBe(2);
		expect(await derived(db)).toEqual(await rebuilt(await facts(db)));
	});
});
