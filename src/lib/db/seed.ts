// Relative imports (not `$lib`) so Node scripts, such as the benchmark, can import this module with tsx.
import { flashcardsVersion } from '../decks/version';
import { logEntryId } from '../id';
import { seededRandom } from '../random';
import { deckOf } from '../scheduling/card';
import { dayOf, dayStartsAt } from '../scheduling/day';
import {
	makeScheduler,
	newCardState,
	rate,
	Rating,
	recallProbability,
	State,
	type CardState,
	type Grade
} from '../scheduling/fsrs';
import type { FSRS } from 'ts-fsrs';
import { tallyLog } from '../stats/tally';
import { answerBucket } from './reviews';
import { packDecks } from './stats';
import { KEEP_LOOSE_MS } from './compact';
import { packOf } from './log-pack';
import { bucketsOf } from './log-bucket';
import {
	DEFAULT_SETTINGS,
	type DayTotals,
	type RehearseDB,
	type ReviewLogEntry,
	type Settings
} from './schema';

/** A simulated learner: which cards exist, for how long they studied, and how. */
export interface SeedOptions {
	/** Card ids (`deck-id/item-id`) in the order the learner meets them as new cards. */
	cardIds: readonly string[];
	/** How many review days of history to produce; the last one is the day before `now`'s. */
	days: number;
	/** Seed of the pseudo-random answers: the same options always give the same history. */
	seed: number;
	/** The moment the history leads up to (ms); nothing is answered on or after its review day. */
	now: number;
	/** New cards introduced per day. Default: just enough to meet every card by the last day. */
	newPerDay?: number;
	dayStartHour?: number;
	retention?: number;
	/**
	 * Leaves the log as the app's compaction (db/compact.ts) would have by `now`: rows older than two
	 * days packed by card, the rest loose (written so directly: loose first, then compacted, took minutes
	 * longer). Default: every row loose.
	 */
	compacted?: boolean;
}

/** Everything answered on one review day, oldest first, and the day's totals (equal to the log). */
export interface SimulatedDay {
	day: number;
	log: ReviewLogEntry[];
	totals: DayTotals;
}

/** The simulation: its review days, produced lazily, then the final state of every card met. */
export interface Simulation {
	days: Generator<SimulatedDay, void, undefined>;
	/** Final card states; complete once `days` has been run to the end. */
	cards: Map<string, CardState>;
	settings: Settings;
}

/** Hour of the day (local time) at which the simulated learner sits down to review. */
const SESSION_HOUR = 18;

/**
 * Simulates a person who reviews every day with ts-fsrs: each day they answer every card due (and the
 * learning steps that follow), then meet `newPerDay` new cards. Recall is drawn from the card's real
 * recall probability, so the history has the lapses and intervals of a real collection. Pure and
 * deterministic: it never reads the clock, and the same options give the same rows.
 *
 * Why: benchmarks and statistics need a big, believable collection that every run rebuilds exactly.
 *
 * @example for (const d of simulateLearner({ cardIds, days: 730, seed: 1, now }).days) write(d.log)
 */
export function simulateLearner(options: SeedOptions): Simulation {
	const dayStartHour = options.dayStartHour ?? DEFAULT_SETTINGS.dayStartHour;
	const retention = options.retention ?? DEFAULT_SETTINGS.retention;
	const newPerDay = options.newPerDay ?? Math.max(1, Math.ceil(options.cardIds.length / options.days));
	const settings: Settings = {
		...DEFAULT_SETTINGS,
		retention,
		newPerDay,
		reviewsPerDay: 9999,
		dayStartHour
	};
	const cards = new Map<string, CardState>();
	const scheduler = makeScheduler({ retention });
	const learner: Learner = {
		scheduler,
		retention: scheduler.parameters.request_retention,
		answered: 0,
		random: seededRandom(options.seed),
		cards,
		dayStartHour
	};
	const today = dayOf(options.now, dayStartHour);
	function* days(): Generator<SimulatedDay, void, undefined> {
		let introduced = 0;
		for (let day = today - options.days; day < today; day++) {
			const newIds = options.cardIds.slice(introduced, introduced + newPerDay);
			introduced += newIds.length;
			const simulated = studyDay(learner, day, newIds);
			if (simulated.log.length > 0) yield simulated;
		}
	}
	return { days: days(), cards, settings };
}

interface Learner {
	scheduler: FSRS;
	retention: number;
	/** Answers given so far: the tail of each entry's id, so the same options give the same ids. */
	answered: number;
	random: () => number;
	cards: Map<string, CardState>;
	dayStartHour: number;
}

/** One day's session: due cards (most overdue first), then new ones, with learning steps as they fall due. */
function studyDay(learner: Learner, day: number, newIds: readonly string[]): SimulatedDay {
	const start = dayStartsAt(day, learner.dayStartHour);
	const end = dayStartsAt(day + 1, learner.dayStartHour);
	const due = [...learner.cards.values()].filter((c) => c.due < end).sort((a, b) => a.due - b.due);
	const queue: CardState[] = [...due, ...newIds.map((id) => newCardState(id, start))];
	const learning: CardState[] = [];
	const totals: DayTotals = { day, newCount: 0, reviewCount: 0, learnCount: 0 };
	const log: ReviewLogEntry[] = [];
	let clock =
		start + (SESSION_HOUR - learner.dayStartHour) * 3_600_000 + Math.floor(learner.random() * 3_600_000);
	let next = 0;
	for (;;) {
		const step = learning[0];
		const takeLearning = step !== undefined && (step.due <= clock || next >= queue.length);
		const card = takeLearning ? learning.shift() : queue[next++];
		if (!card) break;
		if (takeLearning) clock = Math.max(clock, card.due);
		if (clock >= end) break;
		const durationMs = 2_000 + Math.floor(learner.random() * 13_000);
		const entry = answer(learner, card, clock, day, durationMs);
		log.push(entry);
		totals[answerBucket(entry.before)] += 1;
		if (entry.after.state !== State.Review && entry.after.due < end) insertByDue(learning, entry.after);
		clock += durationMs;
	}
	return { day, log, totals };
}

function answer(
	learner: Learner,
	card: CardState,
	now: number,
	day: number,
	durationMs: number
): ReviewLogEntry {
	const before = learner.cards.get(card.id) ?? null;
	const grade = pickGrade(learner, card, now);
	const after = rate(learner.scheduler, card, now, grade);
	learner.cards.set(after.id, after);
	return {
		id: logEntryId(now, ++learner.answered),
		cardId: card.id,
		deckId: card.deckId,
		rating: grade,
		reviewedAt: now,
		durationMs,
		source: 'review',
		day,
		retention: learner.retention,
		before,
		after
	};
}

/** Review cards are recalled with their FSRS recall probability; learning steps with a fixed mix. */
function pickGrade(learner: Learner, card: CardState, now: number): Grade {
	const roll = learner.random();
	const recall = card.state === State.Review ? recallProbability(learner.scheduler, card, now) : 0.9;
	if (roll >= recall) return Rating.Again;
	const style = learner.random();
	if (style < 0.05) return Rating.Hard;
	return style < 0.9 ? Rating.Good : Rating.Easy;
}

function insertByDue(list: CardState[], card: CardState): void {
	const at = list.findIndex((c) => c.due > card.due);
	if (at === -1) list.push(card);
	else list.splice(at, 0, card);
}

/**
 * Card ids for synthetic decks: `deckId/card-0000`, `deckId/card-0001`, … in deck order, deck after deck.
 * The bench writes deck files with the same item ids, so every seeded card has content to show.
 */
export function seedCardIds(deckIds: readonly string[], cardsPerDeck: number): string[] {
	return deckIds.flatMap((deck) =>
		Array.from({ length: cardsPerDeck }, (_, i) => `${deck}/${seedItemId(i)}`)
	);
}

/** The item id of the `i`-th card of a synthetic deck. */
export function seedItemId(i: number): string {
	return `card-${String(i).padStart(4, '0')}`;
}

export interface SeedSummary {
	cards: number;
	logRows: number;
	days: number;
}

/** Buckets written per readwrite transaction (a bucket holds about fifty cards' packs here). */
const BUCKET_CHUNK = 100;

/** Rows written per readwrite transaction: big enough to amortise a commit, small enough for memory. */
const CHUNK = 20_000;

/**
 * Replaces the database's review history with a simulated learner's (see `simulateLearner`): card
 * states, the review log, per-day totals, per-deck totals, the statistics' tally and settings matching the learner, written in bulk through
 * the app's own schema, one transaction per chunk. Quiz and interview data are left alone.
 *
 * Why: tests and the benchmark need a large collection that is exactly what the app itself would
 * have stored after years of use.
 */
export async function seedDatabase(
	db: RehearseDB,
	options: SeedOptions,
	onProgress?: (summary: SeedSummary) => void
): Promise<SeedSummary> {
	const simulation = simulateLearner(options);
	const summary: SeedSummary = { cards: 0, logRows: 0, days: 0 };
	await db.transaction(
		'rw',
		[db.cards, db.log, db.buckets, db.days, db.settings, db.deckTotals, db.dayDecks, db.deckMemory],
		async () => {
			await Promise.all([
				db.cards.clear(),
				db.log.clear(),
				db.buckets.clear(),
				db.days.clear(),
				db.deckTotals.clear(),
				db.dayDecks.clear(),
				db.deckMemory.clear()
			]);
			await db.settings.put(simulation.settings);
		}
	);
	let log: ReviewLogEntry[] = [];
	let totals: DayTotals[] = [];
	// Compacted: rows older than the cutoff wait here, by card, to be written as packs at the end.
	const cutoff = options.compacted ? logEntryId(options.now - KEEP_LOOSE_MS, 0) : '';
	const old = new Map<string, ReviewLogEntry[]>();
	const flush = async () => {
		const loose = log.filter((r) => r.id >= cutoff);
		for (const r of log)
			if (r.id < cutoff) {
				const rows = old.get(r.cardId);
				if (rows) rows.push(r);
				else old.set(r.cardId, [r]);
			}
		await db.transaction('rw', db.log, db.days, db.dayDecks, async () => {
			await db.log.bulkAdd(loose);
			await db.days.bulkPut(totals);
			// Whole days go into one chunk, so no day-and-deck row is split between two.
			await db.dayDecks.bulkPut(tallyLog(log));
		});
		summary.logRows += log.length;
		summary.days += totals.length;
		log = [];
		totals = [];
		onProgress?.({ ...summary });
	};
	for (const day of simulation.days) {
		log.push(...day.log);
		totals.push(day.totals);
		if (log.length >= CHUNK) await flush();
	}
	if (log.length > 0) await flush();
	const states = [...simulation.cards.values()];
	for (let i = 0; i < states.length; i += CHUNK) {
		await db.transaction('rw', db.cards, () => db.cards.bulkPut(states.slice(i, i + CHUNK)));
	}
	const met = new Map<string, number>();
	for (const c of states) met.set(c.deckId, (met.get(c.deckId) ?? 0) + 1);
	// A deck whose every card was met is marked checked, as the review would mark it (`findUnseen`).
	const idsOf = new Map<string, string[]>();
	for (const id of options.cardIds) {
		const ids = idsOf.get(deckOf(id));
		if (ids) ids.push(id);
		else idsOf.set(deckOf(id), [id]);
	}
	await db.deckTotals.bulkPut(
		[...met].map(([deckId, n]) => {
			const ids = idsOf.get(deckId) ?? [];
			return n === ids.length ? { deckId, known: n, verified: flashcardsVersion(ids) } : { deckId, known: n };
		})
	);
	const buckets = bucketsOf([...old].map(([cardId, rows]) => packOf(cardId, rows)));
	for (let i = 0; i < buckets.length; i += BUCKET_CHUNK)
		await db.transaction('rw', db.buckets, () => db.buckets.bulkPut(buckets.slice(i, i + BUCKET_CHUNK)));
	// The statistics' packed states, as the learner's last visit to the statistics page left them
	// (`packDecks`): a first visit after an upgrade or a restore reads every deck card by card instead.
	await packDecks(db, [...idsOf.keys()]);
	summary.cards = states.length;
	onProgress?.({ ...summary });
	return summary;
}
