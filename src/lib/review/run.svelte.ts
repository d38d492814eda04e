/* eslint-disable svelte/prefer-svelte-reactivity -- the session's maps are private working state; the UI
   reads only the $state fields, which are replaced wholesale after each change. */
import { now as clock } from '$lib/clock';
import { deckCardIds, loadCard, scopeDecks, type Scope } from '$lib/catalog';
import { cardCount, type Card, type DeckIndex, type DeckSummary } from '$lib/decks/types';
import { describeStorageError, errorDetail, StaleCardError } from '$lib/db/errors';
import {
	answerTables,
	findUnseen,
	metPerDeck,
	loadDueCards,
	readDayTotals,
	recordAnswer,
	type AnswerInput
} from '$lib/db/reviews';
import type { RehearseDB, Settings } from '$lib/db/schema';
import { heldIds } from '$lib/db/marks';
import { isLeech, LEECH_LAPSES, type FlagColour } from '$lib/scheduling/marks';
import { readSettings } from '$lib/db/settings';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { desiredRetention } from '$lib/scheduling/interview-date';
import { CARD, deckOf, GRADES, newCardState, type CardState } from '$lib/scheduling/card';
import {
	buildQueue,
	LEARN_AHEAD_MS,
	nextDueAfter,
	pickNext,
	pickStableUntil,
	type DayCounts,
	type Queue
} from '$lib/scheduling/queue';
import { liveQuery } from 'dexie';
import type { FSRS, Grade } from 'ts-fsrs';
import type * as Fsrs from '$lib/scheduling/fsrs';

/** The scheduler's module (ts-fsrs with Rehearse's steps), loaded when the first answer is revealed. */
type Scheduling = typeof Fsrs;

/** Longest answer time recorded for one card; longer means the person walked away (Anki uses 60 s). */
export const MAX_ANSWER_MS = 60_000;

/** How many cards of each kind at the head of the queue have their deck loaded ahead of time. */
const PREFETCH = 2;

/**
 * `stalled`: the last step was done (an answer saved, an undo made) but the next card could not be
 * loaded; `error` says so and `retry()` tries again.
 */
export type ReviewStatus = 'loading' | 'question' | 'answer' | 'stalled' | 'done' | 'empty' | 'error';

export interface ReviewRunOptions {
	/** The clock (default: `now` from `$lib/clock`). */
	now?: () => number;
}

export interface Shown {
	card: CardState;
	/** A flashcard, or an SQL exercise (its screen loads the SQL engine). */
	item: Card;
	deckTitle: string;
}

/**
 * An SQL exercise coming up next: PostgreSQL starts now, in its worker, with the exercise's dataset, so
 * the exercise is ready when it shows (starting takes seconds; see docs/sql.md). Its code loads only then.
 */
function warmIfSql(cardId: string, item: Card | null): void {
	const deckId = deckOf(cardId);
	if (item?.kind !== 'sql' || !deckId) return;
	void import('$lib/sql/runner').then((m) => m.warmExercise(deckId, item)).catch(() => undefined);
}

/**
 * One daily-review session over a scope. It reads the stored states once, then keeps them in memory:
 * between two cards there is one write (the answer, committed before the next card shows) and no
 * re-query. A reload simply starts a new session from what was stored, which is where it left off.
 */
export class ReviewRun {
	status = $state<ReviewStatus>('loading');
	shown = $state.raw<Shown | null>(null);
	counts = $state({ new: 0, learning: 0, review: 0 });
	intervals = $state.raw<Record<Grade, string> | null>(null);
	nextDue = $state<number | null>(null);
	/** Until when the card shown is the one a new session would show first (see first-paint/stored-card.ts). */
	shownUntil = $state(0);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);
	/** The card the last answer made a leech, if it did (the screen links to it). */
	leech = $state<string | null>(null);
	/** How the SQL exercise shown ended (set by its screen, `finishExercise`); null for a flashcard. */
	exercise = $state.raw<{ solved: boolean; suggested: Grade } | null>(null);

	#db: RehearseDB;
	#scope: Scope;
	#settings: Settings | null = null;
	/**
	 * The scheduler is needed only once an answer shows (the buttons' intervals, the rating), so its
	 * code (ts-fsrs, 7 KB gzip) is not part of the first card's: it loads on the first reveal.
	 */
	#scheduling: Scheduling | null = null;
	#schedulingLoad: Promise<Scheduling> | null = null;
	#scheduler: FSRS | null = null;
	#decks: DeckSummary[] = [];
	#deckIds = new Set<string>();
	#deckTitles = new Map<string, string>();
	/** Cards in scope due before the day ends: all the queue needs of the stored states. */
	#due = new Map<string, CardState>();
	#unseen: string[] = [];
	#unseenTotal = 0;
	/** The earliest due moment after today in scope; undefined until the queue first runs out. */
	#later: number | null | undefined = undefined;
	#dayEnd = 0;
	#today = $state<DayCounts & { day: number; learnCount: number }>({
		day: 0,
		newCount: 0,
		reviewCount: 0,
		learnCount: 0
	});
	/** Cards answered in daily review today, from the day's totals. */
	answeredToday = $derived(this.#today.newCount + this.#today.reviewCount + this.#today.learnCount);
	#shownAt = 0;
	#now: () => number;
	/** Settings another writer saved since this session applied its own; applied before the next card. */
	#newSettings: Settings | null = null;
	/** Whether `retry()` must read the queue again (the read was what failed) or only pick the next card. */
	#retryReload = false;
	/** What had been done when the session stalled, said again if the retry fails too. */
	#stalledAfter = '';
	#watching = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** When the armed timer is due: a tab in the background may run it late, so showing it checks too. */
	#wakeAt = Infinity;
	#busy = false;
	/** Called as the queue is (re)read from the database (the review page's stored card follows it). */
	onQueueRead: () => void = () => {};

	#index: DeckIndex;

	/** `index` comes with the page (prerendered into it), so starting needs no network round trip. */
	constructor(db: RehearseDB, scope: Scope, index: DeckIndex, options: ReviewRunOptions = {}) {
		this.#db = db;
		this.#scope = scope;
		this.#index = index;
		this.#now = options.now ?? clock;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** Reads settings, the deck index and today's cards, then shows the first card. */
	async start(): Promise<void> {
		try {
			this.#apply(await readSettings(this.#db));
			this.#deckTitles = new Map(this.#index.decks.map((d) => [d.id, d.title]));
			await this.#load(this.#now());
			await this.#advance();
		} catch (e) {
			this.#fail(e);
		}
	}

	/**
	 * Keeps the session in step with the world while a screen shows it: settings saved elsewhere (another
	 * tab, the settings page) apply from the next card on; at the start of a new review day, or when the
	 * done screen's next card falls due, the queue is read again (also when the tab becomes visible
	 * again, since a background tab's timers run late). Returns the function that stops it.
	 */
	watch(): () => void {
		this.#watching = true;
		const settings = liveQuery(() => readSettings(this.#db)).subscribe({
			next: (s) => this.#settingsSaved(s),
			error: () => undefined
		});
		const onVisible = () => {
			if (document.visibilityState === 'visible' && this.#now() >= this.#wakeAt) this.#wake();
		};
		if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
		this.#arm();
		return () => {
			this.#watching = false;
			settings.unsubscribe();
			if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
			clearTimeout(this.#timer);
		};
	}

	/** Tries again to show the next card after `stalled`. */
	async retry(): Promise<void> {
		if (this.#busy || this.status !== 'stalled') return;
		this.#busy = true;
		try {
			await this.#showNext(this.#retryReload, this.#stalledAfter);
		} finally {
			this.#busy = false;
		}
	}

	#apply(s: Settings): void {
		this.#settings = s;
		this.#newSettings = null;
		this.#scheduler =
			this.#scheduling?.makeScheduler({
				retention: desiredRetention(s, this.#now()),
				parameters: s.fsrsParameters
			}) ?? null;
		this.#deckIds = new Set(scopeDecks(this.#index, this.#scope, s.disabledDecks));
		this.#decks = this.#index.decks.filter((d) => this.#deckIds.has(d.id));
	}

	/** The settings an answer given now counts under: the newest known, even if not applied yet. */
	get #current(): Settings | null {
		return this.#newSettings ?? this.#settings;
	}

	#settingsSaved(s: Settings): void {
		const known = this.#current;
		// The theme is the only setting the queue does not depend on.
		const same = (a: Settings, b: Settings) =>
			JSON.stringify({ ...a, theme: '' }) === JSON.stringify({ ...b, theme: '' });
		if (!known || same(s, known)) return;
		this.#newSettings = s;
		// Nothing on screen to keep (the done screen, no cards): show the queue the new settings make now.
		if (this.status === 'done' || this.status === 'empty') this.#wake();
	}

	/**
	 * Reads what today's queue needs: the due cards in scope (one index range), enough unseen cards for
	 * the new-card allowance, and the day's totals. When the next card is due after today is read only
	 * once the queue runs out (`#advance`): it is not needed before, and it is one read less at start.
	 */
	async #load(now: number): Promise<void> {
		const s = this.#settings!;
		this.#dayEnd = dayEndsAt(now, s.dayStartHour);
		this.onQueueRead();
		// Issued together: while a page loads, each round trip to IndexedDB can take tens of milliseconds.
		const held = heldIds(this.#db, now);
		const [, due, met] = await Promise.all([
			this.#readToday(now, s.dayStartHour),
			held
				.then((h) => loadDueCards(this.#db, this.#dayEnd, this.#deckIds, h))
				.then((cards) => {
					this.#loadLikelyFirst(cards);
					return cards;
				}),
			metPerDeck(this.#db)
		]);
		const room = Math.max(0, s.newPerDay - this.#today.newCount);
		const unseen = await findUnseen(this.#db, this.#decks, met, room, deckCardIds, await held);
		this.#due = new Map(due.map((c) => [c.id, c]));
		this.#later = undefined;
		this.#unseen = unseen.ids;
		this.#unseenTotal = unseen.total;
	}

	/**
	 * Starts loading the decks of the cards the first pick is most likely to be (the earliest learning
	 * card, the most overdue review), so the download overlaps the reads still running.
	 */
	#loadLikelyFirst(due: readonly CardState[]): void {
		let learning: CardState | undefined;
		let review: CardState | undefined;
		for (const c of due) {
			if (c.state === CARD.Review) {
				if (!review || c.due < review.due) review = c;
			} else if (c.state !== CARD.New && (!learning || c.due < learning.due)) learning = c;
		}
		for (const c of [learning, review]) if (c) void loadCard(c.id).catch(() => undefined);
	}

	/**
	 * Shows the answer at once; the buttons' intervals follow when the scheduler is there (on the first
	 * reveal, once its module has loaded). A failed load leaves them blank: answering tries again and
	 * says why if it fails once more.
	 */
	async reveal(): Promise<void> {
		if (this.status !== 'question') return;
		this.status = 'answer';
		if (this.intervals) return;
		try {
			await this.#loadScheduling();
			this.#label();
		} catch {
			// Said when the person answers.
		}
	}

	/**
	 * An SQL exercise was judged (or given up): its screen says how it went and which grade it suggests,
	 * and the grade buttons show. Answering Again after a miss also sends its linked flashcards back.
	 */
	finishExercise(result: { solved: boolean; suggested: Grade }): void {
		if (this.status !== 'question' || this.shown?.item.kind !== 'sql') return;
		this.exercise = result;
		void this.reveal();
	}

	/** The scheduler's module, loaded once; the scheduler for the applied settings is made with it. */
	#loadScheduling(): Promise<Scheduling> {
		this.#schedulingLoad ??= import('$lib/scheduling/fsrs').then(
			(m) => {
				this.#scheduling = m;
				if (this.#settings)
					this.#scheduler = m.makeScheduler({
						retention: desiredRetention(this.#settings, this.#now()),
						parameters: this.#settings.fsrsParameters
					});
				return m;
			},
			(e: unknown) => {
				this.#schedulingLoad = null;
				throw e;
			}
		);
		return this.#schedulingLoad;
	}

	/** The answer buttons' intervals for the card shown, once the scheduler is there. */
	#label(): void {
		const shown = this.shown;
		const m = this.#scheduling;
		if (!shown || !m || !this.#scheduler) return;
		const now = this.#now();
		const outcomes = m.preview(this.#scheduler, shown.card, now);
		const labels = {} as Record<Grade, string>;
		for (const g of GRADES) labels[g] = m.formatInterval(outcomes[g].due - now);
		this.intervals = labels;
	}

	/**
	 * Saves the answer, then shows the next card: two steps, each with its own message when it fails.
	 * Does nothing while a save is in flight; after `stalled`, a grade key tries the next card again.
	 */
	async answer(grade: Grade): Promise<void> {
		if (this.status === 'stalled') return this.retry();
		const shown = this.shown;
		const settings = this.#current;
		if (this.status !== 'answer' || !shown || this.#busy || !settings) return;
		this.#busy = true;
		try {
			const now = this.#now();
			let m: Scheduling;
			try {
				m = await this.#loadScheduling();
			} catch (e) {
				this.notice = `Your answer was not saved: the scheduler could not load (${errorDetail(e)}). Check the connection and answer again.`;
				return;
			}
			const day = dayOf(now, settings.dayStartHour);
			// Rated now, at the answer's own time: `last_review` and `elapsed_days` are the answer's, and the
			// fuzz is seeded by the card, not the time (scheduling/fsrs.ts), so the interval is the one the
			// button showed. Reusing the outcome previewed when the card showed would date the review to then.
			// The desired retention may change with the settings, or as the interview day arrives.
			const retention = desiredRetention(settings, now);
			const scheduler =
				!this.#newSettings && this.#scheduler?.parameters.request_retention === retention
					? this.#scheduler
					: m.makeScheduler({ retention, parameters: settings.fsrsParameters });
			const input: AnswerInput = {
				shown: shown.card,
				next: m.rate(scheduler, shown.card, now, grade),
				grade,
				now,
				durationMs: Math.min(MAX_ANSWER_MS, now - this.#shownAt),
				source: 'review',
				day,
				retention: scheduler.parameters.request_retention
			};
			const next = input.next;
			// The answer that makes the card a leech (forgotten `leechLapses` times) suspends it, unless the
			// settings say only to mark it; either way the person is told, this once.
			const lapses = settings.leechLapses ?? LEECH_LAPSES;
			const leech = !isLeech(shown.card, lapses) && isLeech(next, lapses);
			const actions = leech ? await import('./card-actions') : null;
			if (actions && settings.leechAction !== 'mark') input.alsoWrite = actions.suspendAsLeech(this.#db);
			const missed = shown.item.kind === 'sql' && this.exercise?.solved === false ? shown.item.links : [];
			try {
				if (missed.length) await this.#answerAndSendBack(input, missed, scheduler, settings.dayStartHour);
				else await recordAnswer(this.#db, input);
			} catch (e) {
				await this.#recover(e, input);
				return;
			}
			this.notice = actions?.leechNotice(lapses, input.alsoWrite !== undefined) ?? null;
			this.leech = leech ? shown.card.id : null;
			// Cards sent back changed in storage: read the queue again rather than patch it.
			const reload =
				missed.length > 0 ||
				day !== this.#today.day ||
				this.#newSettings !== null ||
				input.alsoWrite !== undefined;
			if (!reload) this.#remember(shown.card, next);
			await this.#showNext(reload, 'Your answer was saved.');
		} finally {
			this.#busy = false;
		}
	}

	/**
	 * A missed SQL exercise's answer and its linked flashcards sent back to today's review (as a quiz miss
	 * sends them), in one transaction. Loaded only then.
	 */
	async #answerAndSendBack(
		input: AnswerInput,
		links: string[],
		scheduler: FSRS,
		dayStartHour: number
	): Promise<void> {
		const [{ sendToReview }, { sendBackRule }] = await Promise.all([
			import('$lib/db/feedback'),
			import('./send-back')
		]);
		await this.#db.transaction('rw', answerTables(this.#db), async () => {
			await recordAnswer(this.#db, input);
			const rule = sendBackRule(scheduler, input.now, dayStartHour);
			await sendToReview(this.#db, links, 'sql', input.now, input.day, rule);
		});
	}

	/**
	 * Suspends or buries the card shown (Anki's `@` and `-`), then shows the next one; or sets its flag
	 * (0 takes it off), and it stays. Stored as card events (its code loads only now); says how it went.
	 */
	async act(action: 'suspend' | 'bury' | 'flag', flag: FlagColour = 0): Promise<boolean> {
		const shown = this.shown;
		const settings = this.#current;
		if (!shown || !settings || this.#busy || (this.status !== 'question' && this.status !== 'answer'))
			return false;
		this.#busy = true;
		try {
			const { actOnCard } = await import('./card-actions');
			const done = await actOnCard(this.#db, shown.card.id, action, flag, settings.dayStartHour, this.#now());
			if (done.saved && action !== 'flag') await this.#showNext(true, done.notice);
			this.notice = done.notice;
			return done.saved;
		} catch (e) {
			this.notice = `The card was not changed: ${errorDetail(e)}`;
			return false;
		} finally {
			this.#busy = false;
		}
	}

	/** Takes back the last answer given today: the card returns to its earlier state and shows again. */
	async undo(): Promise<void> {
		const settings = this.#current;
		if (this.#busy || !settings || this.status === 'loading') return;
		this.#busy = true;
		try {
			const now = this.#now();
			let undone;
			try {
				// Loaded when first needed: undo is rare, and its code is not part of the first card's.
				const { undoLastAnswer } = await import('$lib/db/undo');
				undone = await undoLastAnswer(this.#db, dayOf(now, settings.dayStartHour));
			} catch (e) {
				this.#undoFailed(e);
				return;
			}
			if (!undone) {
				this.notice = 'Nothing to undo today.';
				if (dayOf(now, settings.dayStartHour) !== this.#today.day) await this.#showNext(true, '');
				return;
			}
			const { entry, restored } = undone;
			try {
				// Undo is rare: read today's cards again rather than patch the in-memory queue.
				if (this.#newSettings) this.#apply(this.#newSettings);
				await this.#load(now);
				const card = restored ?? newCardState(entry.cardId, now);
				const item = this.#deckIds.has(entry.deckId) ? await loadCard(entry.cardId) : null;
				// Fewer answers left than the card had before this one: it was answered after, and that stays.
				this.notice =
					(restored?.rev ?? 0) === (entry.before?.rev ?? 0)
						? 'Undone: the card is back as it was.'
						: 'Undone. A quiz or an interview sent this card back after that answer, so it stays scheduled from that.';
				this.#recount(now);
				if (item) this.#show(card, item, now, now);
				else await this.#advance();
			} catch (e) {
				this.#stall(e, 'The answer was undone.', true);
			}
		} finally {
			this.#busy = false;
		}
	}

	#undoFailed(e: unknown): void {
		this.notice = `Undo failed: ${errorDetail(e)}. Nothing was changed.`;
	}

	async #readToday(now: number, dayStartHour: number): Promise<void> {
		this.#today = { ...(await readDayTotals(this.#db, dayOf(now, dayStartHour))) };
	}

	/** Keeps the in-memory queue in step with an answer just stored, without reading anything. */
	#remember(before: CardState, next: CardState): void {
		if (before.state === CARD.New) {
			this.#today.newCount++;
			this.#unseen = this.#unseen.filter((id) => id !== before.id);
			this.#unseenTotal = Math.max(0, this.#unseenTotal - 1);
		} else if (before.state === CARD.Review) this.#today.reviewCount++;
		else this.#today.learnCount++;
		if (next.due < this.#dayEnd) this.#due.set(next.id, next);
		else {
			this.#due.delete(next.id);
			// Not read yet: the read, once the queue runs out, will see this card's new due date anyway.
			if (this.#later !== undefined)
				this.#later = this.#later === null ? next.due : Math.min(this.#later, next.due);
		}
	}

	#queue(now: number): Queue {
		const s = this.#settings;
		if (!s) throw new Error('session not started');
		return buildQueue({
			now,
			dayStartHour: s.dayStartHour,
			limits: { newPerDay: s.newPerDay, reviewsPerDay: s.reviewsPerDay },
			today: this.#today,
			due: this.#due.values(),
			unseen: this.#unseen,
			unseenTotal: this.#unseenTotal,
			later: this.#later ?? null
		});
	}

	#recount(now: number): Queue {
		const queue = this.#queue(now);
		this.counts = { new: queue.newIds.length, learning: queue.learning.length, review: queue.reviews.length };
		return queue;
	}

	/**
	 * Shows the next card, or the done screen. Throws when the next card's deck cannot be loaded (the
	 * callers say what was done before and offer a retry).
	 */
	async #advance(): Promise<void> {
		for (;;) {
			const now = this.#now();
			let queue = this.#recount(now);
			const pick = pickNext(queue, now);
			if (!pick) {
				if (this.#later === undefined) {
					const { firstDueFrom } = await import('$lib/db/next-due');
					this.#later = await firstDueFrom(this.#db, this.#dayEnd, this.#deckIds);
					queue = this.#queue(now);
				}
				this.shown = null;
				this.intervals = null;
				this.nextDue = nextDueAfter(queue);
				this.status = this.#decks.every((d) => cardCount(d) === 0) ? 'empty' : 'done';
				this.#arm();
				return;
			}
			const id = pick.kind === 'new' ? pick.id : pick.card.id;
			const card = pick.kind === 'new' ? newCardState(id, now) : pick.card;
			const item = await loadCard(id);
			if (!item) {
				// A stored card whose deck no longer has it (a newer build removed it): keep its history,
				// leave it out of this session.
				this.#due.delete(id);
				this.#unseen = this.#unseen.filter((x) => x !== id);
				continue;
			}
			this.#show(card, item, now, pickStableUntil(queue, now, this.#dayEnd));
			this.#prefetch(queue, id);
			return;
		}
	}

	/**
	 * The step after a change was stored: reads the queue again if `reload` (a new day, new settings),
	 * then shows the next card. It never throws: a failure leaves the session `stalled`, its message
	 * starting with `done`, what did happen before it.
	 */
	async #showNext(reload: boolean, done: string): Promise<void> {
		try {
			if (reload) {
				if (this.#newSettings) this.#apply(this.#newSettings);
				await this.#load(this.#now());
			}
			await this.#advance();
			this.error = null;
		} catch (e) {
			this.#stall(e, done, reload);
		}
	}

	#stall(e: unknown, done: string, reload: boolean): void {
		// The catalog's own advice is to reload; here Retry does better.
		const reason = errorDetail(e).replace(/\. Check your connection.*$/, '');
		this.shown = null;
		this.intervals = null;
		this.error = `${done ? done + ' ' : ''}The next card could not be loaded: ${reason}. Check your connection, then press Retry.`;
		this.status = 'stalled';
		this.#retryReload = reload;
		this.#stalledAfter = done;
	}

	/** Wakes the session when its queue changes by itself: at the day's end, or when the done screen's next card comes. */
	#arm(): void {
		clearTimeout(this.#timer);
		if (!this.#watching || !this.#dayEnd) return;
		const now = this.#now();
		let at = this.#dayEnd;
		// A learning card shows once it is within the learn-ahead window of its due moment.
		const learning =
			this.status === 'done' && this.nextDue !== null ? this.nextDue - LEARN_AHEAD_MS : Infinity;
		if (learning > now) at = Math.min(at, learning);
		// Never sooner than a second from now: a moment already past must not make the session spin.
		this.#wakeAt = Math.max(at, now + 1000);
		this.#timer = setTimeout(() => this.#wake(), Math.min(this.#wakeAt - now, 2 ** 31 - 1));
	}

	/** Shows what the queue holds now; on a new day or with new settings, read it again first. */
	#wake(): void {
		if (this.#busy) {
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => this.#wake(), 1000);
			return;
		}
		// A revealed answer stays until it is graded: the answer itself notices a new day.
		if (this.status !== 'done' && this.status !== 'empty' && this.status !== 'question') return this.#arm();
		const settings = this.#current!;
		const reload =
			this.#newSettings !== null || dayOf(this.#now(), settings.dayStartHour) !== this.#today.day;
		this.#busy = true;
		void this.#showNext(reload, '').finally(() => {
			this.#busy = false;
		});
	}

	/**
	 * Loads, after this card has painted, the decks of the cards that may come next, so that the
	 * answer is followed by one write and a repaint, never by a download.
	 */
	#prefetch(queue: Queue, current: string): void {
		const next = [
			...queue.learning.slice(0, PREFETCH).map((c) => c.id),
			...queue.reviews.slice(0, PREFETCH).map((c) => c.id),
			...queue.newIds.slice(0, PREFETCH)
		].filter((id) => id !== current);
		if (next.length === 0) return;
		setTimeout(() => {
			for (const id of next)
				void loadCard(id).then(
					(item) => warmIfSql(id, item),
					() => undefined
				);
		}, 0);
	}

	#show(card: CardState, item: Card, now: number, until: number): void {
		this.intervals = null;
		this.exercise = null;
		this.shown = { card, item, deckTitle: this.#deckTitles.get(card.deckId) ?? card.deckId };
		this.#label();
		this.status = 'question';
		this.shownUntil = until;
		this.#shownAt = now;
		this.#arm();
	}

	/**
	 * After an answer `recordAnswer` did not save. Never throws. If another tab answered the card since it
	 * showed, this answer is kept too (db/recompute.ts, loaded only now): the card is recomputed from both.
	 */
	async #recover(e: unknown, input: AnswerInput): Promise<void> {
		if (e instanceof StaleCardError) {
			try {
				const { keepAnswer } = await import('$lib/db/recompute');
				await keepAnswer(this.#db, input);
			} catch (e) {
				this.notice = describeStorageError(e);
				return;
			}
			this.notice =
				'This card was also answered in another tab. Both answers are kept, and the card is scheduled from both.';
			await this.#showNext(true, 'Your answer was saved.');
			return;
		}
		// The answer was not saved; keep the card on screen so the person can try again.
		this.notice = describeStorageError(e);
	}

	#fail(e: unknown): void {
		this.error = e instanceof Error && e.name === 'Error' ? e.message : describeStorageError(e);
		this.status = 'error';
	}
}
