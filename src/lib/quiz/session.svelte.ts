/* eslint-disable svelte/prefer-svelte-reactivity -- private working maps; the UI reads the $state fields */
import { now as clock } from '$lib/clock';
import { loadDeck, loadIndex } from '$lib/decks/catalog';
import type { Deck, QuizQuestion } from '$lib/decks/types';
import { describeStorageError } from '$lib/db/errors';
import { finishAttempt, listAttempts, markRemoved, recordQuizAnswer, saveAttempt } from '$lib/db/quizzes';
import type { RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { sendBackRule } from '$lib/review/send-back';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler } from '$lib/scheduling/fsrs';
import { questionHistory } from '$lib/stats/quiz';
import { cardsForMiss } from './feedback';
import { newId } from '$lib/id';
import { grade, questionFingerprint, type Response } from './grade';
import { choiceOrder, selectQuestions } from './select';
import type { QuizAnswer, QuizAttempt, QuizMode } from './types';

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

interface Loaded {
	question: QuizQuestion;
	deck: Deck;
}

/** Loads the quiz questions of some decks, keyed by `deck-id/item-id`. */
async function loadQuestions(deckIds: readonly string[]): Promise<Map<string, Loaded>> {
	const out = new Map<string, Loaded>();
	for (const { deck } of await Promise.all(deckIds.map((id) => loadDeck(id)))) {
		for (const item of deck.items)
			if (item.kind === 'quiz') out.set(`${deck.id}/${item.id}`, { question: item, deck });
	}
	return out;
}

/**
 * One quiz attempt in progress. The attempt is stored when it starts and after every answer (with any
 * flashcards a miss sends back to review, in the same transaction), so leaving and coming back resumes it.
 */
export class QuizSession {
	attempt = $state.raw<QuizAttempt | null>(null);
	index = $state(0);
	phase = $state<QuizPhase>('loading');
	picked = $state<number[]>([]);
	typed = $state('');
	remainingMs = $state<number | null>(null);
	notice = $state<string | null>(null);
	error = $state<string | null>(null);

	#db: RehearseDB;
	#questions = new Map<string, Loaded>();
	#dayStartHour = 4;
	#scheduler = makeScheduler({ retention: 0.9 });
	#busy = false;

	constructor(db: RehearseDB) {
		this.#db = db;
	}

	/** Builds and stores a new attempt. Throws a readable Error when the decks have no quiz questions. */
	async start(config: QuizConfig): Promise<void> {
		try {
			await this.#readSettings();
			this.#questions = await loadQuestions(config.deckIds);
			const now = clock();
			const seed = config.seed ?? Math.floor(Math.random() * 2 ** 31);
			let refs: string[];
			if (config.refs) refs = config.refs.filter((r) => this.#questions.has(r));
			else {
				const pool = [...this.#questions.keys()];
				const history = questionHistory(await listAttempts(this.#db));
				refs = selectQuestions(
					pool,
					history,
					config.length === 'all' ? pool.length : config.length,
					seed,
					now
				);
			}
			if (refs.length === 0) {
				this.error = 'There are no quiz questions here yet. Pick another topic or deck.';
				this.phase = 'error';
				return;
			}
			const index = await loadIndex();
			const attempt: QuizAttempt = {
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
						order: choiceOrder(q.choices.length, seed, ref)
					};
				}),
				answers: refs.map(() => null)
			};
			await saveAttempt(this.#db, attempt);
			this.attempt = attempt;
			this.#goTo(0);
		} catch (e) {
			this.#fail(e);
		}
	}

	/** Continues a stored attempt (or shows its summary if it is finished). */
	async resume(attempt: QuizAttempt): Promise<void> {
		try {
			await this.#readSettings();
			this.#questions = await loadQuestions([
				...new Set(attempt.questions.map((q) => q.ref.split('/')[0] ?? ''))
			]);
			const removed = attempt.questions.flatMap((q, i) => (this.#questions.has(q.ref) ? [] : [i]));
			const changed = attempt.questions.filter((q) => {
				const loaded = this.#questions.get(q.ref);
				return loaded && questionFingerprint(loaded.question) !== q.fingerprint;
			}).length;
			const notes: string[] = [];
			if (removed.length) {
				await markRemoved(this.#db, attempt.id, removed);
				attempt = {
					...attempt,
					answers: attempt.answers.map((a, i) => (removed.includes(i) && !a ? 'removed' : a))
				};
				notes.push(
					`${removed.length} question(s) were removed from their deck since this quiz started; they are skipped and not scored.`
				);
			}
			if (changed)
				notes.push(`${changed} question(s) changed since this quiz started; you see the current version.`);
			this.notice = notes.join(' ') || null;
			this.attempt = attempt;
			if (attempt.finishedAt !== null) {
				this.phase = 'summary';
				return;
			}
			const next = attempt.answers.findIndex((a) => a === null);
			if (next < 0) await this.finish();
			else this.#goTo(next);
		} catch (e) {
			this.#fail(e);
		}
	}

	get current(): { question: QuizQuestion; order: number[]; ref: string } | null {
		const ref = this.attempt?.questions[this.index];
		const loaded = ref ? this.#questions.get(ref.ref) : undefined;
		if (!ref || !loaded) return null;
		const count = loaded.question.choices.length;
		const order = ref.order.length === count ? ref.order : Array.from({ length: count }, (_, i) => i);
		return { question: loaded.question, order, ref: ref.ref };
	}

	get answer(): QuizAnswer | null {
		const a = this.attempt?.answers[this.index];
		return a && a !== 'removed' ? a : null;
	}

	question(ref: string): QuizQuestion | null {
		return this.#questions.get(ref)?.question ?? null;
	}

	/** Picks (single) or toggles (select all) the choice at display position `position` (0-based). */
	choose(position: number): void {
		const current = this.current;
		if (this.phase !== 'question' || !current) return;
		const choice = current.order[position];
		if (choice === undefined) return;
		if (current.question.answerType === 'single') this.picked = [choice];
		else
			this.picked = this.picked.includes(choice)
				? this.picked.filter((c) => c !== choice)
				: [...this.picked, choice];
	}

	/** Grades and stores the answer. Practice mode then shows feedback; exam mode moves on. */
	async submit(): Promise<void> {
		const current = this.current;
		const attempt = this.attempt;
		if (this.phase !== 'question' || !current || !attempt || this.#busy) return;
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
		this.#busy = true;
		try {
			const loaded = this.#questions.get(current.ref)!;
			const now = clock();
			this.attempt = await recordQuizAnswer(this.#db, {
				attemptId: attempt.id,
				index: this.index,
				answer: { response, verdict: grade(response, current.question), answeredAt: now },
				missCards: cardsForMiss(current.question, loaded.deck),
				day: dayOf(now, this.#dayStartHour),
				sendBack: sendBackRule(this.#scheduler, now, this.#dayStartHour)
			});
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
		if (!attempt) return;
		const after = attempt.answers.findIndex((a, i) => a === null && i > this.index);
		const any = after >= 0 ? after : attempt.answers.findIndex((a) => a === null);
		if (any < 0) await this.finish();
		else this.#goTo(any);
	}

	async finish(): Promise<void> {
		if (!this.attempt) return;
		try {
			this.attempt = (await finishAttempt(this.#db, this.attempt.id, clock())) ?? this.attempt;
			this.remainingMs = null;
			this.phase = 'summary';
		} catch (e) {
			this.notice = describeStorageError(e);
		}
	}

	/** Called every second by the screen: updates the exam countdown and ends the quiz at zero. */
	tick(): void {
		const a = this.attempt;
		if (!a || a.timeLimitMs === null || a.finishedAt !== null) return;
		this.remainingMs = Math.max(0, a.startedAt + a.timeLimitMs - clock());
		if (this.remainingMs === 0 && this.phase !== 'summary') {
			this.notice = "Time's up. Unanswered questions count as wrong.";
			void this.finish();
		}
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

	#goTo(index: number): void {
		this.index = index;
		this.picked = [];
		this.typed = '';
		this.phase = 'question';
		this.tick();
	}

	async #readSettings(): Promise<void> {
		const settings = await readSettings(this.#db);
		this.#dayStartHour = settings.dayStartHour;
		this.#scheduler = makeScheduler({ retention: settings.retention });
	}

	#fail(e: unknown): void {
		this.error = e instanceof Error && e.name === 'Error' ? e.message : describeStorageError(e);
		this.phase = 'error';
	}
}
