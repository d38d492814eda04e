import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deck } from '$lib/decks/types';
import type { Scope } from '$lib/catalog';
import { recordAnswer, readDayTotals } from '$lib/db/reviews';
import { cardHistory } from '$lib/db/entries';
import { RehearseDB } from '$lib/db/schema';
import { readSettings, saveSettings } from '$lib/db/settings';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { formatInterval, makeScheduler, newCardState, rate, Rating, State } from '$lib/scheduling/fsrs';
import { makeDeck, makeFlashcard, makeSqlExercise, serveDecks, testClock } from '$lib/testing/decks';
import { ReviewRun } from './run.svelte';

// 09:00 UTC (the tests run in UTC); with the default day start (04:00) the review day ends at 04:00 tomorrow.
const T0 = Date.parse('2026-01-05T09:00:00Z');
const DAY_END = dayEndsAt(T0, 4);
const MIN = 60_000;

let db: RehearseDB;
let n = 0;
beforeEach(async () => {
	db = new RehearseDB(`review-session-${++n}`);
	await db.open();
});
afterEach(async () => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	db.close();
	await db.delete();
});

function deck(id: string, cards: number): Deck {
	return makeDeck(
		id,
		Array.from({ length: cards }, (_, i) => makeFlashcard(`c${i + 1}`))
	);
}

function open(decks: Deck[], options: { now?: () => number; scope?: Scope } = {}) {
	const server = serveDecks(decks);
	const clock = testClock(T0);
	const session = new ReviewRun(db, options.scope ?? { kind: 'all' }, server.index, {
		now: options.now ?? clock.now
	});
	return { server, session, clock };
}

async function grade(session: ReviewRun, g: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy) {
	await session.reveal();
	await session.answer(g);
}

/** Waits until this database's settings read as `check` wants (as another tab's liveQuery would see them). */
async function settingsSeen(check: (s: Awaited<ReturnType<typeof readSettings>>) => boolean) {
	await new Promise<void>((resolve) => {
		const sub = liveQuery(() => readSettings(db)).subscribe((s) => {
			if (!check(s)) return;
			setTimeout(() => {
				sub.unsubscribe();
				resolve();
			}, 0);
		});
	});
}

describe('ReviewRun: a day of review', () => {
	it('shows the first card, reveals it, and commits each answer before the next card shows', async () => {
		const { session } = open([deck('a', 3)]);
		await session.start();
		expect(session.status).toBe('question');
		expect(session.shown?.card.id).toBe('a/c1');
		expect(session.counts).toEqual({ new: 3, learning: 0, review: 0 });
		await session.reveal();
		expect(session.status).toBe('answer');
		expect(Object.keys(session.intervals ?? {})).toHaveLength(4);

		await session.answer(Rating.Easy);
		expect(session.shown?.card.id).toBe('a/c2');
		expect(session.status).toBe('question');
		expect(await db.log.count()).toBe(1);
		expect((await db.cards.get('a/c1'))?.state).toBe(State.Review);
		expect(session.answeredToday).toBe(1);
		expect(await readDayTotals(db, dayOf(T0, 4))).toMatchObject({ newCount: 1 });
		expect(session.counts.new).toBe(2);
	});

	it('commits an answer given before the scheduler has loaded, waiting for it rather than dropping it', async () => {
		const { session } = open([deck('a', 2)]);
		await session.start();
		expect(session.intervals).toBeNull();
		void session.reveal();
		await session.answer(Rating.Good);
		expect(await db.log.count()).toBe(1);
		expect((await db.cards.get('a/c1'))?.state).toBe(State.Learning);
		expect(session.shown?.card.id).toBe('a/c2');
	});

	it("schedules with the interview plan's higher retention until the interview day, the usual one from then", async () => {
		// The tests run in UTC: the interview is on 2026-01-07, two review days after T0.
		await saveSettings(db, { interview: { date: '2026-01-07', topics: [], target: 0.9, retention: 0.95 } });
		const { session, clock } = open([deck('a', 2)]);
		await session.start();
		await grade(session, Rating.Good);
		clock.advance(2 * 86_400_000);
		await grade(session, Rating.Good);
		const log = (await db.log.toArray()).sort((a, b) => a.reviewedAt - b.reviewedAt);
		expect(log.map((e) => e.retention)).toEqual([0.95, 0.9]);
	});

	it('keeps to the new-card limit and says when the next card comes', async () => {
		await saveSettings(db, { newPerDay: 2 });
		const { session } = open([deck('a', 3)]);
		await session.start();
		await grade(session, Rating.Easy);
		await grade(session, Rating.Easy);
		expect(session.status).toBe('done');
		expect(session.answeredToday).toBe(2);
		// The third card waits for tomorrow's allowance.
		expect(session.nextDue).toBe(DAY_END);
		expect(await db.log.count()).toBe(2);
	});

	it('takes a new card through its learning steps (1m, 10m), showing it early rather than ending', async () => {
		const { session, clock } = open([deck('a', 1)]);
		await session.start();
		await grade(session, Rating.Again);
		expect(session.shown?.card).toMatchObject({ id: 'a/c1', state: State.Learning });
		expect(session.counts.learning).toBe(1);
		clock.advance(MIN);
		await grade(session, Rating.Good);
		expect(session.shown?.card.due).toBe(T0 + 11 * MIN);
		clock.advance(10 * MIN);
		await grade(session, Rating.Good);
		expect(session.status).toBe('done');
		expect((await db.cards.get('a/c1'))?.state).toBe(State.Review);
		expect(await readDayTotals(db, dayOf(T0, 4))).toMatchObject({ newCount: 1, learnCount: 2 });
	});

	it('labels each grade with the interval the answer gives, also when it comes seconds later (exploratory 9)', async () => {
		const s = makeScheduler({ retention: 0.9, fuzz: false });
		const reviewed = rate(s, newCardState('a/c1', T0 - 40 * 86_400_000), T0 - 40 * 86_400_000, Rating.Easy);
		await db.cards.put({ ...reviewed, due: T0 - 3_600_000 });
		const { session, clock } = open([deck('a', 1)]);
		await session.start();
		await session.reveal();
		const label = session.intervals?.[Rating.Good];
		clock.advance(2_000);
		await session.answer(Rating.Good);
		const stored = await db.cards.get('a/c1');
		expect(formatInterval(stored!.due - (T0 + 2_000))).toBe(label);
		expect(stored!.last_review).toBe(T0 + 2_000);
	});

	it('skips a stored card its deck no longer has, and a card whose deck file is gone (404)', async () => {
		const gone = { ...newCardState('a/removed', T0), state: State.Review, due: T0 - MIN, rev: 1 };
		const lost = { ...newCardState('x/c1', T0), state: State.Review, due: T0 - 2 * MIN, rev: 1 };
		await db.cards.bulkPut([gone, lost]);
		await db.deckTotals.put({ deckId: 'x', known: 1 });
		const { server, session } = open([deck('a', 1), deck('x', 1)]);
		server.fail('x', 404);
		await session.start();
		expect(session.shown?.card.id).toBe('a/c1');
		await grade(session, Rating.Easy);
		expect(session.status).toBe('done');
		// Their history stays.
		expect(await db.cards.count()).toBe(3);
	});
});

/**
 * Two review cards due today, a/c1 the more overdue, in decks with nothing new to introduce today: the
 * session loads no deck before its first card but a/c1's.
 */
async function dueReviews() {
	await saveSettings(db, { newPerDay: 0 });
	const s = makeScheduler({ retention: 0.9, fuzz: false });
	const past = T0 - 30 * 86_400_000;
	for (const [id, due] of [
		['a/c1', T0 - 2 * 86_400_000],
		['b/c1', T0 - 86_400_000]
	] as const) {
		await db.cards.put({ ...rate(s, newCardState(id, past), past, Rating.Easy), due });
	}
}

describe('ReviewRun: card actions and leeches', () => {
	it('buries the card shown until the day ends and suspends another: both leave the queue and the counts', async () => {
		const { session, clock } = open([deck('a', 4)]);
		await session.start();
		expect(await session.act('bury')).toBe(true);
		expect(session.notice).toBe('Buried until tomorrow.');
		expect(session.shown?.card.id).toBe('a/c2');
		expect(session.counts.new).toBe(3);
		await session.reveal();
		await session.act('suspend');
		expect(session.shown?.card.id).toBe('a/c3');
		expect(session.counts.new).toBe(2);
		expect(await db.cardMarks.get('a/c1')).toMatchObject({ buriedUntil: DAY_END, suspended: false });
		expect(await db.cardMarks.get('a/c2')).toMatchObject({ suspended: true });

		// The next review day the buried card is back; the suspended one is not.
		clock.set(DAY_END + MIN);
		const next = open([deck('a', 4)], { now: clock.now });
		await next.session.start();
		expect(next.session.shown?.card.id).toBe('a/c1');
		expect(next.session.counts.new).toBe(3);
	});

	it('flags the card shown and keeps it on screen', async () => {
		const { session } = open([deck('a', 2)]);
		await session.start();
		await session.act('flag', 3);
		expect(session.shown?.card.id).toBe('a/c1');
		expect(session.notice).toBe('Flagged green.');
		expect(await db.cardMarks.get('a/c1')).toMatchObject({ flag: 3 });
	});

	it('suspends a card with the answer that makes it a leech, and says so once', async () => {
		await saveSettings(db, { leechLapses: 2 });
		const { session, clock } = open([deck('a', 1)]);
		const lapse = async () => {
			clock.set(clock.now() + 30 * 86_400_000);
			const s = open([deck('a', 1)], { now: clock.now }).session;
			await s.start();
			expect(s.shown?.card.id).toBe('a/c1');
			await grade(s, Rating.Again);
			return s;
		};
		await session.start();
		await grade(session, Rating.Easy);
		const first = await lapse();
		expect(first.notice).toBeNull();
		clock.set(clock.now() + 20 * MIN);
		await first.start();
		await grade(first, Rating.Good);
		const second = await lapse();
		expect(second.notice).toContain(
			'This card is a leech: you have forgotten it 2 times, so it is suspended'
		);
		expect(second.leech).toBe('a/c1');
		expect(second.status).toBe('done');
		expect(await db.cardMarks.get('a/c1')).toMatchObject({ suspended: true });
		expect((await db.cards.get('a/c1'))?.lapses).toBe(2);
	});
});

describe('ReviewRun: SQL exercises are cards', () => {
	const sqlDeck = () =>
		makeDeck('s', [
			makeFlashcard('join'),
			makeSqlExercise('q1', { links: ['s/join'] }),
			makeSqlExercise('q2')
		]);

	it('shows an exercise in turn, reveals the grades only once it is finished, and marks the suggestion', async () => {
		const { session } = open([sqlDeck()]);
		await session.start();
		expect(session.counts.new).toBe(3);
		await grade(session, Rating.Good);
		expect(session.shown?.item.kind).toBe('sql');
		session.finishExercise({ solved: true, suggested: Rating.Easy });
		expect(session.status).toBe('answer');
		expect(session.exercise).toEqual({ solved: true, suggested: Rating.Easy });
		await session.answer(Rating.Easy);
		expect(session.exercise).toBeNull();
		expect((await db.cards.get('s/q1'))?.reps).toBe(1);
		expect(await db.log.where('cardId').equals('s/join').count()).toBe(1);
	});

	it('after a missed exercise, sends its linked flashcards back with the answer, in one write', async () => {
		const { session, clock } = open([sqlDeck()]);
		await session.start();
		await grade(session, Rating.Easy);
		expect((await db.cards.get('s/join'))?.state).toBe(State.Review);
		clock.advance(MIN);
		session.finishExercise({ solved: false, suggested: Rating.Again });
		await session.answer(Rating.Again);
		const joinLog = await cardHistory(db, 's/join');
		expect(joinLog.map((e) => [e.source, e.rating])).toEqual([
			['review', Rating.Easy],
			['sql', Rating.Again]
		]);
		expect((await db.cards.get('s/join'))?.state).toBe(State.Relearning);
		expect((await cardHistory(db, 's/q1')).map((e) => e.source)).toEqual(['review']);
	});

	it('sends nothing back after a solved exercise, and ignores finishExercise on a flashcard', async () => {
		const { session } = open([sqlDeck()]);
		await session.start();
		session.finishExercise({ solved: false, suggested: Rating.Again });
		expect(session.status).toBe('question');
		await grade(session, Rating.Easy);
		session.finishExercise({ solved: true, suggested: Rating.Good });
		await session.answer(Rating.Again);
		expect((await db.log.toArray()).filter((e) => e.source === 'sql')).toEqual([]);
	});
});

describe('ReviewRun: when something fails', () => {
	it('says the review could not start when the first deck cannot load', async () => {
		const { server, session } = open([deck('a', 1)]);
		server.fail('a', 503);
		await session.start();
		expect(session.status).toBe('error');
		expect(session.error).toMatch(/HTTP 503/);
	});

	it('keeps the card on screen when the answer could not be saved', async () => {
		const { session } = open([deck('a', 2)]);
		await session.start();
		await session.reveal();
		db.close();
		await session.answer(Rating.Good);
		expect(session.status).toBe('answer');
		expect(session.shown?.card.id).toBe('a/c1');
		expect(session.notice).toMatch(/^Saving failed: .*Nothing already saved was changed\.$/);
		expect(session.notice).not.toContain('..');
	});

	// B1 / exploratory 18: the answer was saved; the next card's deck failed to load.
	it('says the answer was saved when the next card cannot load, and retries the load, never the answer', async () => {
		await dueReviews();
		const { server, session } = open([deck('a', 1), deck('b', 1)]);
		server.fail('b', 503);
		await session.start();
		expect(session.shown?.card.id).toBe('a/c1');
		await grade(session, Rating.Easy);
		expect(session.status).toBe('stalled');
		expect(session.error).toMatch(
			/^Your answer was saved\. The next card could not be loaded: .*HTTP 503.*Retry\.$/
		);
		expect(session.error).not.toMatch(/Saving failed|another tab/);
		expect(session.notice).toBeNull();
		expect(session.shown).toBeNull();
		expect(await db.log.count()).toBe(1);

		// A grade key while stalled retries the load: it neither answers again nor blames another tab.
		await session.answer(Rating.Good);
		expect(session.status).toBe('stalled');
		expect(session.error).not.toMatch(/another tab/);
		expect(await db.log.count()).toBe(1);

		server.heal('b');
		await session.retry();
		expect(session.status).toBe('question');
		expect(session.shown?.card.id).toBe('b/c1');
		expect(session.error).toBeNull();
		expect(await db.log.count()).toBe(1);
		await grade(session, Rating.Easy);
		expect(session.status).toBe('done');
		expect(session.answeredToday).toBe(2);
	});

	it('after another tab answered the card, refreshes the queue and never throws when that fails too', async () => {
		await dueReviews();
		const { server, session } = open([deck('a', 1), deck('b', 1)]);
		server.fail('b', 503);
		await session.start();
		// Another tab answers a/c1 first.
		const shown = (await db.cards.get('a/c1'))!;
		const s = makeScheduler({ retention: 0.9 });
		await recordAnswer(db, {
			shown,
			next: rate(s, shown, T0, Rating.Easy),
			grade: Rating.Easy,
			now: T0,
			durationMs: 1,
			source: 'review',
			day: dayOf(T0, 4),
			retention: 0.9
		});
		await grade(session, Rating.Good);
		expect(session.status).toBe('stalled');
		expect(session.error).toMatch(/^Your answer was saved\. The next card could not be loaded/);
		expect(session.notice).toMatch(/^This card was also answered in another tab\. Both answers are kept/);
		// Issue 12: both answers are in the log, and the card is their fold (Easy, then Good).
		const log = await cardHistory(db, 'a/c1');
		expect(log.map((e) => e.rating)).toEqual([Rating.Easy, Rating.Good]);
		expect(await db.cards.get('a/c1')).toEqual(log[1]!.after);
		expect(log[1]!.before).toEqual(log[0]!.after);
		server.heal('b');
		await session.retry();
		expect(session.shown?.card.id).toBe('b/c1');
		expect(session.shown?.card.state).toBe(State.Review);
	});
});

describe('ReviewRun: undo', () => {
	it('brings the last answer back, then the one before, then says there is nothing left', async () => {
		const { session } = open([deck('a', 3)]);
		await session.start();
		await grade(session, Rating.Easy);
		await grade(session, Rating.Easy);
		await session.undo();
		expect(session.notice).toBe('Undone: the card is back as it was.');
		expect(session.shown?.card.id).toBe('a/c2');
		expect(session.answeredToday).toBe(1);
		await session.undo();
		expect(session.shown?.card.id).toBe('a/c1');
		await session.undo();
		expect(session.notice).toBe('Nothing to undo today.');
		expect(await db.log.count()).toBe(0);
		expect(await db.cards.count()).toBe(0);
	});

	// Exploratory 10, then issue 12: undo takes the answer out of the card's log; a later quiz miss stays.
	it('after a quiz sent the card back, undoes the answer and keeps the miss, then the answer before', async () => {
		const { session } = open([deck('a', 3)]);
		await session.start();
		await grade(session, Rating.Easy);
		await grade(session, Rating.Easy);
		const stored = (await db.cards.get('a/c2'))!;
		await recordAnswer(db, {
			shown: stored,
			next: rate(makeScheduler({ retention: 0.9 }), stored, T0 + MIN, Rating.Again),
			grade: Rating.Again,
			now: T0 + MIN,
			durationMs: 0,
			source: 'quiz',
			day: dayOf(T0, 4),
			retention: 0.9
		});
		await session.undo();
		expect(session.notice).toBe(
			'Undone. A quiz or an interview sent this card back after that answer, so it stays scheduled from that.'
		);
		expect((await cardHistory(db, 'a/c2')).map((e) => e.source)).toEqual(['quiz']);
		// The miss, replayed on a new card: a first step of learning.
		expect(await db.cards.get('a/c2')).toMatchObject({ state: State.Learning, rev: 1 });
		expect(session.shown?.card.id).toBe('a/c2');

		await session.undo();
		expect(session.notice).toBe('Undone: the card is back as it was.');
		expect(session.shown?.card.id).toBe('a/c1');
		expect(await db.cards.get('a/c1')).toBeUndefined();
		expect(await db.log.count()).toBe(1);
	});
});

describe('ReviewRun: the world changes while it is open', () => {
	// Exploratory 14: the done screen at 03:40 said "next card due today at 04:00" and stayed.
	it('reads the queue again when a new review day starts', async () => {
		await saveSettings(db, { newPerDay: 1 });
		const { session, clock } = open([deck('a', 3)]);
		await session.start();
		await grade(session, Rating.Easy);
		expect(session.status).toBe('done');
		expect(session.nextDue).toBe(DAY_END);

		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const stop = session.watch();
		clock.set(DAY_END - 1_000);
		await vi.advanceTimersByTimeAsync(DAY_END - T0 - 1_000);
		expect(session.status).toBe('done');
		clock.set(DAY_END + 1_000);
		await vi.advanceTimersByTimeAsync(2_000);
		// The reads run on fake-indexeddb's own (real) scheduling, with Dexie's zero-delay timers in between.
		for (let i = 0; i < 100 && session.status !== 'question'; i++) {
			await new Promise((resolve) => setImmediate(resolve));
			await vi.advanceTimersByTimeAsync(0);
		}
		expect(session.status).toBe('question');
		expect(session.shown?.card.id).toBe('a/c2');
		expect(session.answeredToday).toBe(0);
		stop();
	});

	it("counts an answer given across the day's end on the new day, and reads the new day's queue", async () => {
		await saveSettings(db, { newPerDay: 2 });
		const { session, clock } = open([deck('a', 4)]);
		await session.start();
		await grade(session, Rating.Easy);
		await session.reveal();
		clock.set(DAY_END + MIN);
		await session.answer(Rating.Easy);
		expect(await readDayTotals(db, dayOf(DAY_END, 4))).toMatchObject({ newCount: 1 });
		expect(session.answeredToday).toBe(1);
		expect(session.shown?.card.id).toBe('a/c3');
	});

	// Exploratory 6: settings saved in another tab.
	it("applies another tab's new-card limit and switched-off decks from the next card on", async () => {
		const { session } = open([deck('a', 5), deck('b', 2)]);
		await session.start();
		const stop = session.watch();
		await grade(session, Rating.Easy);
		expect(session.shown?.card.id).toBe('a/c2');

		const other = new RehearseDB(db.name);
		await saveSettings(other, { newPerDay: 3, disabledDecks: ['a'] });
		await settingsSeen((s) => s.newPerDay === 3);
		await grade(session, Rating.Easy);
		// Deck a is off: the next new card is b's, and the limit of 3 leaves room for one more.
		expect(session.shown?.card.id).toBe('b/c1');
		expect(session.counts.new).toBe(1);
		await grade(session, Rating.Easy);
		expect(session.status).toBe('done');
		expect(await readDayTotals(db, dayOf(T0, 4))).toMatchObject({ newCount: 3 });
		other.close();
		stop();
	});

	it("moves to a new review day when another tab moves the day start past now, and shows the done screen's new cards", async () => {
		await saveSettings(db, { newPerDay: 1 });
		const { session } = open([deck('a', 3)]);
		await session.start();
		const stop = session.watch();
		await grade(session, Rating.Easy);
		expect(session.status).toBe('done');

		// At 09:00, a day start of 10:00 makes it still the previous review day, which nobody answered on.
		const other = new RehearseDB(db.name);
		await saveSettings(other, { dayStartHour: 10 });
		await vi.waitFor(() => expect(session.status).toBe('question'));
		expect(session.answeredToday).toBe(0);
		await grade(session, Rating.Easy);
		expect(await readDayTotals(db, dayOf(T0, 10))).toMatchObject({ newCount: 1 });
		expect(dayOf(T0, 10)).toBe(dayOf(T0, 4) - 1);
		other.close();
		stop();
	});
});
