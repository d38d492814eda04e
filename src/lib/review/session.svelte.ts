/* eslint-disable svelte/prefer-svelte-reactivity -- the session's maps are private working state; the UI
   reads only the $state fields, which are replaced wholesale after each change. */
import { now as clock } from '$lib/clock';
import { deckCardIds, loadFlashcard, scopeDecks, type Scope } from '$lib/decks/catalog';
import type { DeckIndex, DeckSummary, Flashcard } from '$lib/decks/types';
import { describeStorageError, StaleCardError } from '$lib/db/errors';
import {
	findUnseen,
	firstDueFrom,
	knownPerDeck,
	loadDueCards,
	readDayTotals,
	recordAnswer,
	undoLastAnswer
} from '$lib/db/reviews';
import type { RehearseDB, Settings } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import {
	formatInterval,
	GRADES,
	makeScheduler,
	newCardState,
	preview,
	rate,
	State,
	type CardState,
	type Grade
} from '$lib/scheduling/fsrs';
import {
	buildQueue,
	nextDueAfter,
	pickNext,
	pickStableUntil,
	type DayCounts,
	type Queue
} from '$lib/scheduling/queue';
import type { FSRS } from 'ts-fsrs';

/** Longest answer time recorded for one card; longer means the person walked away (Anki uses 60 s). */
export const MAX_ANSWER_MS = 60_000;

/** How many cards of each kind at the head of the queue have their deck loaded ahead of time. */
const PREFETCH = 2;

export type ReviewStatus = 'loading' | 'question' | 'answer' | 'done' | 'empty' | 'error';

export interface Shown {
	card: CardState;
	flashcard: Flashcard;
	deckTitle: string;
}

/**
 * One daily-review session over a scope. It reads the stored states once, then keeps them in memory:
 * between two cards there is one write (the answer, committed before the next card shows) and no
 * re-query. A reload simply starts a new session from what was stored, which is where it left off.
 */
export class ReviewSession {
	status = $state<ReviewStatus>('loading');
	shown = $state.raw<Shown | null>(null);
	counts = $state({ new: 0, learning: 0, review: 0 });
	intervals = $state.raw<Record<Grade, string> | null>(null);
	nextDue = $state<number | null>(null);
	/** Until when the card shown is the one a new session would show first (see first-paint/stored-card.ts). */
	shownUntil = $state(0);
	answeredToday = $state(0);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);

	#db: RehearseDB;
	#scope: Scope;
	#settings: Settings | null = null;
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
	#today: DayCounts & { day: number; learnCount: number } = {
		day: 0,
		newCount: 0,
		reviewCount: 0,
		learnCount: 0
	};
	#shownAt = 0;
	#busy = false;
	/** Called as the queue is (re)read from the database (the review page's stored card follows it). */
	onQueueRead: () => void = () => {};

	#index: DeckIndex;

	/** `index` comes with the page (prerendered into it), so starting needs no network round trip. */
	constructor(db: RehearseDB, scope: Scope, index: DeckIndex) {
		this.#db = db;
		this.#scope = scope;
		this.#index = index;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** Reads settings, the deck index and today's cards, then shows the first card. */
	async start(): Promise<void> {
		try {
			this.#settings = await readSettings(this.#db);
			this.#scheduler = makeScheduler({ retention: this.#settings.retention });
			const index = this.#index;
			const deckIds = scopeDecks(index, this.#scope, this.#settings.disabledDecks);
			this.#deckIds = new Set(deckIds);
			this.#decks = index.decks.filter((d) => this.#deckIds.has(d.id));
			this.#deckTitles = new Map(index.decks.map((d) => [d.id, d.title]));
			await this.#load(clock());
			await this.#advance();
		} catch (e) {
			this.#fail(e);
		}
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
		const [, due, known] = await Promise.all([
			this.#readToday(now),
			loadDueCards(this.#db, this.#dayEnd, this.#deckIds).then((cards) => {
				this.#loadLikelyFirst(cards);
				return cards;
			}),
			knownPerDeck(this.#db)
		]);
		const room = Math.max(0, s.newPerDay - this.#today.newCount);
		const unseen = await findUnseen(this.#db, this.#decks, known, room, deckCardIds);
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
			if (c.state === State.Review) {
				if (!review || c.due < review.due) review = c;
			} else if (c.state !== State.New && (!learning || c.due < learning.due)) learning = c;
		}
		for (const c of [learning, review]) if (c) void loadFlashcard(c.id).catch(() => undefined);
	}

	reveal(): void {
		if (this.status === 'question') this.status = 'answer';
	}

	/** Saves the answer, then shows the next card. Does nothing while a save is in flight. */
	async answer(grade: Grade): Promise<void> {
		const shown = this.shown;
		if (this.status !== 'answer' || !shown || this.#busy || !this.#scheduler || !this.#settings) return;
		this.#busy = true;
		try {
			const now = clock();
			const day = dayOf(now, this.#settings.dayStartHour);
			const next = rate(this.#scheduler, shown.card, now, grade);
			await recordAnswer(this.#db, {
				shown: shown.card,
				next,
				grade,
				now,
				durationMs: Math.min(MAX_ANSWER_MS, now - this.#shownAt),
				source: 'review',
				day
			});
			if (day !== this.#today.day) await this.#load(now);
			else this.#remember(shown.card, next);
			this.notice = null;
			await this.#advance();
		} catch (e) {
			await this.#recover(e);
		} finally {
			this.#busy = false;
		}
	}

	/** Takes back the last answer given today: the card returns to its earlier state and shows again. */
	async undo(): Promise<void> {
		if (this.#busy || !this.#settings || this.status === 'loading') return;
		this.#busy = true;
		try {
			const now = clock();
			const undone = await undoLastAnswer(this.#db, dayOf(now, this.#settings.dayStartHour));
			if (!undone) {
				this.notice = 'Nothing to undo today.';
				return;
			}
			const { entry, restored } = undone;
			// Undo is rare: read today's cards again rather than patch the in-memory queue.
			await this.#load(now);
			const card = restored ?? newCardState(entry.cardId, now);
			const flashcard = this.#deckIds.has(entry.deckId) ? await loadFlashcard(entry.cardId) : null;
			this.notice = 'Undone: the card is back as it was.';
			this.#recount(now);
			if (flashcard) this.#show(card, flashcard, now, now);
			else await this.#advance();
		} catch (e) {
			await this.#recover(e);
		} finally {
			this.#busy = false;
		}
	}

	async #readToday(now: number): Promise<void> {
		const day = dayOf(now, this.#settings?.dayStartHour ?? 4);
		const totals = await readDayTotals(this.#db, day);
		this.#today = { ...totals };
		this.answeredToday = totals.newCount + totals.reviewCount + totals.learnCount;
	}

	/** Keeps the in-memory queue in step with an answer just stored, without reading anything. */
	#remember(before: CardState, next: CardState): void {
		if (before.state === State.New) {
			this.#today.newCount++;
			this.#unseen = this.#unseen.filter((id) => id !== before.id);
			this.#unseenTotal = Math.max(0, this.#unseenTotal - 1);
		} else if (before.state === State.Review) this.#today.reviewCount++;
		else this.#today.learnCount++;
		this.answeredToday++;
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

	async #advance(): Promise<void> {
		const now = clock();
		let queue = this.#recount(now);
		const pick = pickNext(queue, now);
		if (!pick) {
			if (this.#later === undefined) {
				this.#later = await firstDueFrom(this.#db, this.#dayEnd, this.#deckIds);
				queue = this.#queue(now);
			}
			this.shown = null;
			this.intervals = null;
			this.nextDue = nextDueAfter(queue);
			this.status = this.#decks.every((d) => d.counts.flashcards === 0) ? 'empty' : 'done';
			return;
		}
		const id = pick.kind === 'new' ? pick.id : pick.card.id;
		const card = pick.kind === 'new' ? newCardState(id, now) : pick.card;
		const flashcard = await loadFlashcard(id);
		if (!flashcard) {
			// A stored card whose deck no longer has it (a newer build removed it): keep its history,
			// leave it out of this session.
			this.#due.delete(id);
			this.#unseen = this.#unseen.filter((x) => x !== id);
			return this.#advance();
		}
		this.#show(card, flashcard, now, pickStableUntil(queue, now, this.#dayEnd));
		this.#prefetch(queue, id);
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
			for (const id of next) void loadFlashcard(id).catch(() => undefined);
		}, 0);
	}

	#show(card: CardState, flashcard: Flashcard, now: number, until: number): void {
		if (!this.#scheduler) return;
		const outcomes = preview(this.#scheduler, card, now);
		const labels = {} as Record<Grade, string>;
		for (const g of GRADES) labels[g] = formatInterval(outcomes[g].due - now);
		this.intervals = labels;
		this.shown = { card, flashcard, deckTitle: this.#deckTitles.get(card.deckId) ?? card.deckId };
		this.status = 'question';
		this.shownUntil = until;
		this.#shownAt = now;
	}

	async #recover(e: unknown): Promise<void> {
		if (e instanceof StaleCardError) {
			// Another tab answered this card: take the stored truth and carry on from there.
			this.notice = 'This card was already answered in another tab, so the queue was refreshed.';
			await this.#load(clock());
			await this.#advance();
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
