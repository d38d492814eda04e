/* eslint-disable svelte/prefer-svelte-reactivity -- private working maps; the UI reads the $state fields */
import { untrack } from 'svelte';
import { now as clock } from '$lib/clock';
import { loadDeckIfPresent, loadIndex } from '$lib/catalog';
import type { Deck } from '$lib/decks/types';
import { describeStorageError } from '$lib/db/errors';
import {
	attemptDeadline,
	discardAttempt,
	finishAttempt,
	listAttempts,
	markRemoved,
	recordQuizAnswer,
	saveAttempt
} from '$lib/db/quizzes';
import type { RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { newId } from '$lib/id';
import { sendBackRule } from '$lib/review/send-back';
import { deckOf } from '$lib/scheduling/card';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler } from '$lib/scheduling/fsrs';
import { desiredRetention } from '$lib/scheduling/interview-date';
import type { FSRS } from 'ts-fsrs';
import { Countdown } from '$lib/session/countdown.svelte';
import { questionHistory } from '$lib/stats/quiz';
import { cardsForMiss, reviewNote } from './feedback';
import { grade, questionFingerprint, type Response } from './grade';
import { choiceOrder, selectQuestions } from './select';
import type { QuizAnswer, QuizItem, QuizRecord, QuizMode } from './types';

export interface QuizConfig {
	title: string;
	/** Decks to draw from (a topic is all of its decks). */
	deckIds: string[];
	length: number | 'all';
	mode: QuizMode;
	/** Exam mode: minutes for the whole quiz, or null for no limit. */
	timeLimitMin: number | null;
	/** Exactly these questions (retake the missed ones), instead of selecting from the decks. */
	refs?: string[];
	seed?: number;
}

export type QuizPhase = 'loading' | 'question' | 'feedback' | 'summary' | 'error';

export interface CurrentQuestion {
	question: QuizItem;
	/** Display order of its choices, as indexes into the question's own choices. */
	order: number[];
	ref: string;
}

interface Loaded {
	question: QuizItem;
	deck: Deck;
}

/** How many choices a question shows (an SQL exercise has none). */
const choiceCount = (q: QuizItem) => (q.kind === 'quiz' ? q.choices.length : 0);

const TIME_UP = "Time's up. Unanswered questions count as wrong.";

/**
 * The quiz questions and SQL exercises of some decks, keyed by `deck-id/item-id`. A deck this build no longer has is
 * left out, so its questions count as removed; any other failure to load throws.
 */
async function loadQuestions(deckIds: readonly string[]): Promise<Map<string, Loaded>> {
	const out = new Map<string, Loaded>();
	for (const loaded of await Promise.all(deckIds.map((id) => loadDeckIfPresent(id)))) {
		if (!loaded) continue;
		for (const item of loaded.deck.items)
			if (item.kind === 'quiz' || item.kind === 'sql')
				out.set(`${loaded.deck.id}/${item.id}`, { question: item, deck: loaded.deck });
	}
	return out;
}

/**
 * One quiz attempt in progress. The attempt is stored when it starts and after every answer (with any
 * flashcards a miss sends back to review, in the same transaction), so leaving and coming back resumes it.
 * A timed attempt ends at its deadline: the storage refuses later answers, and the countdown ends the
 * quiz on screen. Call `dispose` when the screen lets go of the session.
 */
export class QuizRun {
	attempt = $state.raw<QuizRecord | null>(null);
	index = $state(0);
	phase = $state<QuizPhase>('loading');
	picked = $state<number[]>([]);
	typed = $state('');
	notice = $state<string | null>(null);
	error = $state<string | null>(null);

	/** Which question is showing: changes with the attempt's id and the index, not with each answer. */
	#key = $derived(this.attempt ? `${this.attempt.id}#${this.index}` : '');
	/** The question on screen, its choices in display order. */
	current = $derived.by((): CurrentQuestion | null => (this.#key ? untrack(() => this.#currentOf()) : null));

	#db: RehearseDB;
	#now: () => number;
	#questions = new Map<string, Loaded>();
	#deckTitles = new Map<string, string>();
	#switchedOff = new Set<string>();
	#dayStartHour = 4;
	/** The person's scheduler, read with the settings before the first question shows. */
	#scheduler: FSRS | null = null;
	#busy = false;
	/** Set from the moment the attempt starts finishing: no answer may move the screen after that. */
	#ending = false;
	#finishing: Promise<void> | null = null;
	#countdown: Countdown;

	constructor(db: RehearseDB, now: () => number = clock) {
		this.#db = db;
		this.#now = now;
		this.#countdown = new Countdown({ now, onExpire: () => void this.#timeUp() });
	}

	/** Exam countdown: milliseconds left, or null when the quiz is untimed or over. */
	get remainingMs(): number | null {
		return this.#countdown.remaining;
	}

	/** Builds and stores a new attempt. Shows a readable error when the decks have no quiz questions. */
	async start(config: QuizConfig): Promise<void> {
		try {
			await this.#readSettings();
			this.#questions = await loadQuestions(config.deckIds);
			const now = this.#now();
			const seed = config.seed ?? Math.floor(Math.random() * 2 ** 31);
			let refs: string[];
			if (config.refs) refs = config.refs.filter((r) => this.#questions.has(r));
			else {
				const pool = [...this.#questions.keys()];
				const history = questionHistory(await listAttempts(this.#db));
				const length = config.length === 'all' ? pool.length : config.length;
				refs = selectQuestions(pool, history, length, seed, now);
			}
			if (refs.length === 0) {
				this.error = 'There are no quiz questions here yet. Pick another topic or deck.';
				this.phase = 'error';
				return;
			}
			const index = await this.#readIndex();
			const attempt: QuizRecord = {
				id: newId(),
				title: config.title,
				deckIds: config.deckIds,
				topics: [...new Set(index.decks.filter((d) => config.deckIds.includes(d.id)).map((d) => d.topic))],
				mode: config.mode,
				timeLimitMs: config.mode === 'exam' && config.timeLimitMin ? config.timeLimitMin * 60_000 : null,
				seed,
				startedAt: now,
				finishedAt: null,
				questions: refs.map((ref) => {
					const q = this.#questions.get(ref)!.question;
					return {
						ref,
						fingerprint: questionFingerprint(q),
						order: choiceOrder(choiceCount(q), seed, ref)
					};
				}),
				answers: refs.map(() => null)
			};
			await saveAttempt(this.#db, attempt);
			this.attempt = attempt;
			this.#goTo(0);
			this.#startCountdown();
		} catch (e) {
			this.#fail(e);
		}
	}

	/**
	 * Continues a stored attempt, or shows its summary if it is finished. Questions whose deck or item is
	 * gone from this build are marked removed (skipped, not scored); an exam whose time ran out while
	 * the person was away is finished at its deadline.
	 */
	async resume(stored: QuizRecord): Promise<void> {
		try {
			await this.#readSettings();
			await this.#readIndex();
			this.#questions = await loadQuestions([...new Set(stored.questions.map((q) => deckOf(q.ref)))]);
			const removed = stored.questions.flatMap((q, i) =>
				this.#questions.has(q.ref) || stored.answers[i] ? [] : [i]
			);
			const changed = stored.questions.filter((q) => {
				const loaded = this.#questions.get(q.ref);
				return loaded && questionFingerprint(loaded.question) !== q.fingerprint;
			}).length;
			const notes: string[] = [];
			if (removed.length) {
				await markRemoved(this.#db, stored.id, removed);
				notes.push(
					`${removed.length} question(s) were removed from their deck since this quiz started; they are skipped and not scored.`
				);
			}
			if (changed)
				notes.push(`${changed} question(s) changed since this quiz started; you see the current version.`);
			const attempt: QuizRecord = {
				...stored,
				answers: stored.answers.map((a, i) => (removed.includes(i) ? 'removed' : a))
			};
			this.attempt = attempt;
			const deadline = attemptDeadline(attempt);
			if (attempt.finishedAt === null && deadline !== null && this.#now() >= deadline) {
				notes.push("This exam's time ran out while you were away; it ended at its time limit.");
				this.notice = notes.join(' ');
				await this.finish();
				return;
			}
			this.notice = notes.join(' ') || null;
			if (attempt.finishedAt !== null) {
				this.#ending = true;
				this.phase = 'summary';
				return;
			}
			const next = attempt.answers.findIndex((a) => a === null);
			if (next < 0) await this.finish();
			else {
				this.#goTo(next);
				this.#startCountdown();
			}
		} catch (e) {
			this.#fail(e);
		}
	}

	/** The current question's stored answer, if it has one. */
	get answer(): QuizAnswer | null {
		const a = this.attempt?.answers[this.index];
		return a && a !== 'removed' ? a : null;
	}

	question(ref: string): QuizItem | null {
		return this.#questions.get(ref)?.question ?? null;
	}

	/**
	 * What the cards an answer to the question `ref` sent to review will do, in a sentence (see
	 * `reviewNote`); a missed SQL exercise sends itself first, and says so.
	 */
	reviewNote(answer: QuizAnswer, ref: string): string | null {
		const itself = answer.sentToReview.includes(ref);
		const flashcards = answer.sentToReview.filter((id) => id !== ref);
		const note = reviewNote(flashcards, this.#switchedOff, (id) => this.#deckTitles.get(id) ?? id);
		if (!itself) return note;
		return ["This exercise is due again in today's review.", note].filter(Boolean).join(' ');
	}

	/** Picks (single) or toggles (select all) the choice at display position `position` (0-based). */
	choose(position: number): void {
		const current = this.current;
		if (this.phase !== 'question' || !current) return;
		const choice = current.order[position];
		if (choice === undefined || current.question.kind !== 'quiz') return;
		if (current.question.answerType === 'single') this.picked = [choice];
		else
			this.picked = this.picked.includes(choice)
				? this.picked.filter((c) => c !== choice)
				: [...this.picked, choice];
	}

	/**
	 * Grades and stores the answer. Practice mode then shows feedback; exam mode moves on. An answer the
	 * storage refuses because the time ran out is not counted, and the summary shows.
	 */
	async submit(): Promise<void> {
		const current = this.current;
		const attempt = this.attempt;
		if (this.phase !== 'question' || !current || !attempt || this.#busy || this.#ending) return;
		if (current.question.kind === 'sql') return;
		const response: Response =
			current.question.answerType === 'typed'
				? { kind: 'typed', text: this.typed }
				: { kind: 'choices', picked: [...this.picked] };
		if (response.kind === 'choices' && response.picked.length === 0) {
			this.notice = 'Pick an answer first (keys 1–9), then press Enter.';
			return;
		}
		if (response.kind === 'typed' && !response.text.trim()) {
			this.notice = 'Type an answer first, then press Enter.';
			return;
		}
		await this.#record(response);
	}

	/**
	 * Stores the end of the SQL exercise on screen: the query submitted last and whether PostgreSQL gave
	 * the model query's result (a give-up is not solved). Then as `submit`.
	 */
	async answerSql(query: string, solved: boolean): Promise<void> {
		if (this.phase !== 'question' || this.current?.question.kind !== 'sql') return;
		await this.#record({ kind: 'sql', query, solved });
	}

	async #record(response: Response): Promise<void> {
		const current = this.current;
		const attempt = this.attempt;
		if (!current || !attempt || this.#busy || this.#ending) return;
		this.#busy = true;
		try {
			const loaded = this.#questions.get(current.ref)!;
			const now = this.#now();
			const stored = await recordQuizAnswer(this.#db, {
				attemptId: attempt.id,
				index: this.index,
				answer: { response, verdict: grade(response, current.question), answeredAt: now },
				missCards: cardsForMiss(current.question, loaded.deck),
				day: dayOf(now, this.#dayStartHour),
				sendBack: sendBackRule(this.#scheduler!, now, this.#dayStartHour)
			});
			// The quiz ended while the answer was being stored (the time ran out): the summary stays.
			if (this.#ending) return;
			this.attempt = stored;
			if (stored.finishedAt !== null) {
				this.notice = TIME_UP;
				await this.finish();
				return;
			}
			this.notice = null;
			if (attempt.mode === 'practice') this.phase = 'feedback';
			else await this.next();
		} catch (e) {
			this.notice = describeStorageError(e);
		} finally {
			this.#busy = false;
		}
	}

	/** After feedback (or in exam mode, after an answer): the next unanswered question, or the summary. */
	async next(): Promise<void> {
		const attempt = this.attempt;
		if (!attempt || this.#ending) return;
		const after = attempt.answers.findIndex((a, i) => a === null && i > this.index);
		const any = after >= 0 ? after : attempt.answers.findIndex((a) => a === null);
		if (any < 0) await this.finish();
		else this.#goTo(any);
	}

	/**
	 * Finishes the attempt and shows the summary. A call while one is under way waits for that one; after
	 * a failure (shown as a notice) a later call tries again.
	 */
	finish(): Promise<void> {
		this.#finishing ??= this.#finish().finally(() => (this.#finishing = null));
		return this.#finishing;
	}

	async #finish(): Promise<void> {
		const attempt = this.attempt;
		if (!attempt) return;
		this.#ending = true;
		try {
			this.attempt = (await finishAttempt(this.#db, attempt.id, this.#now())) ?? attempt;
			this.#countdown.clear();
			this.phase = 'summary';
		} catch (e) {
			this.#ending = this.phase === 'summary';
			this.notice = describeStorageError(e);
		}
	}

	/**
	 * Deletes the attempt, as the interview's discard does: it leaves the history and the scores. The
	 * flashcards its misses already sent to review stay there.
	 */
	async discard(): Promise<void> {
		const id = this.attempt?.id;
		this.dispose();
		this.#ending = true;
		this.attempt = null;
		if (id) await discardAttempt(this.#db, id);
	}

	/** The refs of questions answered wrong or not at all, for "Retake the missed ones". */
	missedRefs(): string[] {
		const a = this.attempt;
		if (!a) return [];
		return a.questions.flatMap((q, i) => {
			const answer = a.answers[i];
			return answer === 'removed' || answer?.verdict === 'correct' ? [] : [q.ref];
		});
	}

	/** Stops the countdown. */
	dispose(): void {
		this.#countdown.dispose();
	}

	async #timeUp(): Promise<void> {
		if (this.#ending || !this.attempt || this.attempt.finishedAt !== null) return;
		this.notice = TIME_UP;
		await this.finish();
	}

	#startCountdown(): void {
		const deadline = this.attempt ? attemptDeadline(this.attempt) : null;
		if (deadline !== null) this.#countdown.set(deadline);
	}

	#currentOf(): CurrentQuestion | null {
		const slot = this.attempt?.questions[this.index];
		const loaded = slot ? this.#questions.get(slot.ref) : undefined;
		if (!slot || !loaded) return null;
		const count = choiceCount(loaded.question);
		const order = slot.order.length === count ? slot.order : Array.from({ length: count }, (_, i) => i);
		return { question: loaded.question, order, ref: slot.ref };
	}

	#goTo(index: number): void {
		this.index = index;
		this.picked = [];
		this.typed = '';
		this.phase = 'question';
	}

	async #readSettings(): Promise<void> {
		const settings = await readSettings(this.#db);
		this.#dayStartHour = settings.dayStartHour;
		this.#scheduler = makeScheduler({
			retention: desiredRetention(settings, this.#now()),
			parameters: settings.fsrsParameters
		});
		this.#switchedOff = new Set(settings.disabledDecks);
	}

	async #readIndex() {
		const index = await loadIndex();
		this.#deckTitles = new Map(index.decks.map((d) => [d.id, d.title]));
		return index;
	}

	#fail(e: unknown): void {
		this.error = e instanceof Error && e.name === 'Error' ? e.message : describeStorageError(e);
		this.phase = 'error';
	}
}
