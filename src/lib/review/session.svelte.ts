/* eslint-disable svelte/prefer-svelte-reactivity -- the session's maps are private working state; the UI
   reads only the $state fields, which are replaced wholesale after each change. */
import { now as clock } from '$lib/clock';
import { loadFlashcard, loadIndex, scopeCardIds, scopeDecks, type Scope } from '$lib/decks/catalog';
import type { Flashcard } from '$lib/decks/types';
import { describeStorageError, StaleCardError } from '$lib/db/errors';
import { loadCardStates, readDayTotals, recordAnswer, undoLastAnswer } from '$lib/db/reviews';
import type { RehearseDB, Settings } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { dayOf } from '$lib/scheduling/day';
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
import { buildQueue, nextDueAfter, pickNext, type DayCounts, type Queue } from '$lib/scheduling/queue';
import type { FSRS } from 'ts-fsrs';

/** Longest answer time recorded for one card; longer means the person walked away (Anki uses 60 s). */
export const MAX_ANSWER_MS = 60_000;

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
	answeredToday = $state(0);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);

	#db: RehearseDB;
	#scope: Scope;
	#settings: Settings | null = null;
	#scheduler: FSRS | null = null;
	#ids: string[] = [];
	#deckTitles = new Map<string, string>();
	#cards = new Map<string, CardState>();
	#today: DayCounts & { day: number; learnCount: number } = {
		day: 0,
		newCount: 0,
		reviewCount: 0,
		learnCount: 0
	};
	#shownAt = 0;
	#busy = false;

	constructor(db: RehearseDB, scope: Scope) {
		this.#db = db;
		this.#scope = scope;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** Reads settings, the deck index and stored states, then shows the first card. */
	async start(): Promise<void> {
		try {
			this.#settings = await readSettings(this.#db);
			this.#scheduler = makeScheduler({ retention: this.#settings.retention });
			const index = await loadIndex();
			const deckIds = scopeDecks(index, this.#scope, this.#settings.disabledDecks);
			this.#deckTitles = new Map(index.decks.map((d) => [d.id, d.title]));
			this.#ids = scopeCardIds(index, deckIds);
			this.#cards = await loadCardStates(this.#db, deckIds);
			await this.#readToday(clock());
			await this.#advance();
		} catch (e) {
			this.#fail(e);
		}
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
			if (day !== this.#today.day) await this.#readToday(now);
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
			this.#cards.set(next.id, next);
			this.#count(shown.card, 1);
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
			if (restored) this.#cards.set(restored.id, restored);
			else this.#cards.delete(entry.cardId);
			await this.#readToday(now);
			const card = restored ?? newCardState(entry.cardId, now);
			const flashcard = this.#ids.includes(entry.cardId) ? await loadFlashcard(entry.cardId) : null;
			this.notice = 'Undone: the card is back as it was.';
			this.#recount(now);
			if (flashcard) this.#show(card, flashcard, now);
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

	#count(before: CardState, delta: number): void {
		if (before.state === State.New) this.#today.newCount += delta;
		else if (before.state === State.Review) this.#today.reviewCount += delta;
		else this.#today.learnCount += delta;
		this.answeredToday += delta;
	}

	#queue(now: number): Queue {
		const s = this.#settings;
		if (!s) throw new Error('session not started');
		return buildQueue({
			now,
			dayStartHour: s.dayStartHour,
			limits: { newPerDay: s.newPerDay, reviewsPerDay: s.reviewsPerDay },
			today: this.#today,
			scope: this.#ids,
			cards: this.#cards
		});
	}

	#recount(now: number): Queue {
		const queue = this.#queue(now);
		this.counts = { new: queue.newIds.length, learning: queue.learning.length, review: queue.reviews.length };
		return queue;
	}

	async #advance(): Promise<void> {
		const now = clock();
		const queue = this.#recount(now);
		const pick = pickNext(queue, now);
		if (!pick) {
			this.shown = null;
			this.intervals = null;
			this.nextDue = nextDueAfter(queue);
			this.status = this.#ids.length === 0 ? 'empty' : 'done';
			return;
		}
		const id = pick.kind === 'new' ? pick.id : pick.card.id;
		const card = pick.kind === 'new' ? newCardState(id, now) : pick.card;
		const flashcard = await loadFlashcard(id);
		if (!flashcard) {
			// The deck changed under us (a newer build removed the card): skip it for this session.
			this.#ids = this.#ids.filter((x) => x !== id);
			return this.#advance();
		}
		this.#show(card, flashcard, now);
	}

	#show(card: CardState, flashcard: Flashcard, now: number): void {
		if (!this.#scheduler) return;
		const outcomes = preview(this.#scheduler, card, now);
		const labels = {} as Record<Grade, string>;
		for (const g of GRADES) labels[g] = formatInterval(outcomes[g].due - now);
		this.intervals = labels;
		this.shown = { card, flashcard, deckTitle: this.#deckTitles.get(card.deckId) ?? card.deckId };
		this.status = 'question';
		this.#shownAt = now;
	}

	async #recover(e: unknown): Promise<void> {
		if (e instanceof StaleCardError) {
			// Another tab answered this card: take the stored truth and carry on from there.
			this.notice = 'This card was already answered in another tab, so the queue was refreshed.';
			const deckIds = [...new Set(this.#ids.map((id) => id.split('/')[0] ?? ''))];
			this.#cards = await loadCardStates(this.#db, deckIds);
			await this.#readToday(clock());
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
