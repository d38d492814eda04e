/* eslint-disable svelte/prefer-svelte-reactivity -- a private working map; the UI reads the $state fields */
import { now as wallClock } from '$lib/clock';
import { loadDeck, loadDeckIfPresent, loadIndex } from '$lib/catalog';
import type { InterviewQuestion, Level } from '$lib/decks/types';
import { describeStorageError } from '$lib/db/errors';
import {
	discardInterview,
	finishInterview,
	saveAnswers,
	saveInterview,
	type AnswerChanges
} from '$lib/db/interviews';
import type { RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { newId } from '$lib/id';
import { sendBackRule } from '$lib/review/send-back';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler } from '$lib/scheduling/fsrs';
import { desiredRetention } from '$lib/scheduling/interview-date';
import { AutoSaver } from '$lib/session/autosave.svelte';
import { Countdown, Stopwatch } from '$lib/session/countdown.svelte';
import { Dictation, type RecognitionConstructor } from './dictation.svelte';
import { checkAnswer } from './match';
import { planSession, type Candidate } from './plan';
import { buildReport, missedCards, questionReport, type QuestionReport } from './report';
import { blankAnswer, type InterviewAnswer, type InterviewMode, type InterviewRecord } from './types';

export interface InterviewSetup {
	level: Level;
	topics: string[];
	length: { kind: 'questions' | 'minutes'; value: number };
	mode: InterviewMode;
	seed?: number;
}

/**
 * Where a run is. `submitting` and `finishing` are the steps in flight: while in them, the answer
 * cannot change and a second submit or finish does nothing.
 */
export type InterviewPhase =
	'loading' | 'answering' | 'submitting' | 'feedback' | 'finishing' | 'report' | 'error';

/** The phases each phase may move to. A finished run (report) and a failed one (error) stay put. */
const MOVES: Record<InterviewPhase, readonly InterviewPhase[]> = {
	loading: ['answering', 'finishing', 'report', 'error'],
	answering: ['submitting', 'finishing'],
	submitting: ['answering', 'feedback', 'finishing'],
	feedback: ['answering', 'finishing'],
	// Back to finishing: a finish that failed to save can be tried again.
	finishing: ['report', 'finishing', 'error'],
	report: [],
	error: []
};

export interface InterviewRunOptions {
	/** The clock (ms); tests pass their own. */
	now?: () => number;
	/** Speech recognition for dictation; defaults to the browser's (none outside a browser). */
	recognition?: RecognitionConstructor | null;
	/** How long typing may go unsaved (ms). */
	saveDelayMs?: number;
}

function mergeChanges(older: AnswerChanges, newer: AnswerChanges): AnswerChanges {
	const out: AnswerChanges = { ...older };
	for (const [at, change] of Object.entries(newer)) out[Number(at)] = { ...out[Number(at)], ...change };
	return out;
}

/**
 * One mock interview. Times are stored as moments (when each question was first shown), never as
 * ticks, so after a reload the countdowns continue where they were. Each change the person makes is
 * saved on its own (typing shortly after, every step at once), never as a copy of the whole session,
 * so a second tab with the same session open cannot overwrite it with an older copy.
 */
export class InterviewRun {
	/** The stored interview this run shows and changes. */
	record = $state.raw<InterviewRecord | null>(null);
	index = $state(0);
	phase = $state<InterviewPhase>('loading');
	note = $state<string | null>(null);
	error = $state<string | null>(null);
	readonly dictation: Dictation;
	#questions = new Map<string, InterviewQuestion>();

	answer = $derived<InterviewAnswer | null>(this.record?.questions[this.index] ?? null);
	question = $derived<InterviewQuestion | null>(this.answer ? this.questionFor(this.answer.ref) : null);
	/** The current question's result, once it is submitted (practice feedback). */
	result = $derived<QuestionReport | null>(
		this.answer && this.question && this.answer.submittedAt !== null
			? questionReport(this.answer, this.question)
			: null
	);
	/** The session report, once the session is finished. */
	report = $derived(
		this.phase === 'report' && this.record ? buildReport(this.record, this.#questions) : null
	);

	#db: RehearseDB;
	#clock: () => number;
	#saver: AutoSaver<AnswerChanges>;
	/** The current question's own countdown; at zero the answer is submitted as it stands. */
	#questionClock: Countdown;
	/** Time since the session started. */
	#sessionClock: Stopwatch;
	#finishing: Promise<void> | null = null;
	/** The stored session's id, kept outside `$state` so a teardown reads the real one. */
	#id: string | null = null;

	constructor(db: RehearseDB, options: InterviewRunOptions = {}) {
		this.#db = db;
		this.#clock = options.now ?? wallClock;
		this.#saver = new AutoSaver<AnswerChanges>({
			write: (changes) => (this.#id ? saveAnswers(db, this.#id, changes) : Promise.resolve()),
			merge: mergeChanges,
			delayMs: options.saveDelayMs,
			onerror: (e) => (this.note = describeStorageError(e))
		});
		this.dictation = new Dictation((text) => this.#dictated(text), options.recognition);
		this.#questionClock = new Countdown({
			now: this.#clock,
			onExpire: () => void this.#submit(true)
		});
		this.#sessionClock = new Stopwatch({ now: this.#clock });
	}

	/** Whether everything typed so far is in storage ('saving' while a change waits or is written). */
	get saved(): 'saved' | 'saving' {
		return this.#saver.status;
	}

	async start(setup: InterviewSetup): Promise<void> {
		try {
			const index = await loadIndex();
			const deckIds = index.decks.filter(
				(d) => d.counts.interview > 0 && (setup.topics.length === 0 || setup.topics.includes(d.topic))
			);
			const decks = await Promise.all(deckIds.map((d) => loadDeck(d.id)));
			const pool: Candidate[] = [];
			for (const { deck } of decks) {
				for (const item of deck.items) {
					if (item.kind !== 'interview') continue;
					const ref = `${deck.id}/${item.id}`;
					this.#questions.set(ref, item);
					pool.push({ ref, topic: deck.topic, level: item.level, minutes: item.minutes });
				}
			}
			const plan = planSession(pool, { ...setup, seed: setup.seed ?? Math.floor(Math.random() * 2 ** 31) });
			if (plan.questions.length === 0)
				return this.#fail(plan.note ?? 'There are no interview questions here yet.');
			const now = this.#clock();
			const session: InterviewRecord = {
				id: newId(),
				level: setup.level,
				topics: setup.topics,
				mode: setup.mode,
				length: setup.length,
				startedAt: now,
				finishedAt: null,
				sentToReview: [],
				questions: plan.questions.map((c, i) => blankAnswer(c, i === 0 ? now : null))
			};
			this.note = plan.note;
			await saveInterview(this.#db, session);
			this.#adopt(session);
			this.index = 0;
			this.#move('answering');
			this.#startClocks();
		} catch (e) {
			this.#fail(e);
		}
	}

	/**
	 * Continues a stored session where it was: same question, same text, same clocks. Questions whose
	 * deck or item is gone from this build are skipped (their answers stay stored).
	 */
	async resume(session: InterviewRecord): Promise<void> {
		try {
			const deckIds = [...new Set(session.questions.map((q) => q.ref.split('/')[0] ?? ''))];
			for (const loaded of await Promise.all(deckIds.map((id) => loadDeckIfPresent(id)))) {
				if (!loaded) continue;
				for (const item of loaded.deck.items)
					if (item.kind === 'interview') this.#questions.set(`${loaded.deck.id}/${item.id}`, item);
			}
			const missing = session.questions.filter((q) => !this.#questions.has(q.ref)).length;
			if (missing)
				this.note = `${missing} question${missing === 1 ? ' was' : 's were'} removed from Rehearse since this session started; ${missing === 1 ? 'it is' : 'they are'} skipped.`;
			this.#adopt(session);
			if (session.finishedAt !== null) return void this.#move('report');
			const next = session.questions.findIndex((q) => q.submittedAt === null && this.#questions.has(q.ref));
			if (next < 0) return await this.finish();
			this.#open(next);
		} catch (e) {
			this.#fail(e);
		}
	}

	questionFor(ref: string): InterviewQuestion | null {
		return this.#questions.get(ref) ?? null;
	}

	/** Time left on the current question's own countdown (ms), from when it was first shown. */
	get remainingMs(): number {
		return this.#questionClock.remaining ?? 0;
	}

	/** Time since the session started (ms). */
	get elapsedMs(): number {
		return this.#sessionClock.elapsed;
	}

	/** Stops both clocks (when the page showing the run goes away). */
	dispose(): void {
		this.#questionClock.dispose();
		this.#sessionClock.dispose();
	}

	/** The person typed (or dictated): keep the text and save it shortly. Only while answering. */
	setText(text: string): void {
		if (this.phase !== 'answering') return;
		this.#edit({ text }, this.index);
	}

	/** Saves what this tab changed and has not saved yet (before leaving the page, and before every step). */
	async flush(): Promise<void> {
		try {
			await this.#saver.flush();
		} catch (e) {
			this.note = describeStorageError(e);
		}
	}

	/**
	 * Deletes this session. The run lets go of it first, so neither a pending save nor the save on
	 * leaving the page can store it again.
	 */
	async discard(): Promise<void> {
		this.dictation.stop();
		this.dispose();
		this.#saver.close();
		const id = this.#id;
		this.#id = null;
		this.record = null;
		if (id) await discardInterview(this.#db, id);
	}

	/** Checks the answer against the key points and stores it. */
	submit(): Promise<void> {
		return this.#submit(false);
	}

	async #submit(timedOut: boolean): Promise<void> {
		const graded = this.#graded(timedOut);
		if (!graded || !this.#move('submitting')) return;
		this.dictation.stop();
		this.#questionClock.clear();
		this.#edit(graded, this.index);
		await this.flush();
		if (this.record?.mode === 'practice') this.#move('feedback');
		else await this.#advance();
	}

	/** The current answer's submission: its time and which key points the checker found. */
	#graded(timedOut: boolean): Partial<InterviewAnswer> | null {
		const a = this.answer;
		const q = this.question;
		if (!a || !q || a.submittedAt !== null) return null;
		const now = this.#clock();
		const checked = checkAnswer(a.text, q.keyPoints);
		return {
			submittedAt: timedOut && a.startedAt ? Math.min(now, a.startedAt + a.minutes * 60_000) : now,
			timedOut,
			covered: checked.map((r) => r.covered),
			contradicted: checked.map((r) => r.contradicted),
			overrides: q.keyPoints.map(() => false)
		};
	}

	/**
	 * "I did say that": the person overrides the checker for key point `point` of question `at`. In
	 * the report this updates the figures; review was already fed at finish.
	 */
	async toggleOverride(at: number, point: number): Promise<void> {
		const a = this.record?.questions[at];
		if (!a || a.submittedAt === null || (this.phase !== 'feedback' && this.phase !== 'report')) return;
		const overrides = [...a.overrides];
		overrides[point] = !overrides[point];
		this.#edit({ overrides }, at);
		await this.flush();
	}

	async rate(rating: number): Promise<void> {
		if (this.phase !== 'feedback') return;
		this.#edit({ selfRating: rating }, this.index);
		await this.flush();
	}

	async takeFollowUp(question: string): Promise<void> {
		const a = this.answer;
		if (this.phase !== 'feedback' || !a || a.followUps.some((f) => f.question === question)) return;
		this.#edit({ followUps: [...a.followUps, { question, text: '' }] }, this.index);
		await this.flush();
	}

	setFollowUpText(question: string, text: string): void {
		const a = this.answer;
		if (this.phase !== 'feedback' || !a) return;
		this.#edit(
			{ followUps: a.followUps.map((f) => (f.question === question ? { ...f, text } : f)) },
			this.index
		);
	}

	/** From practice feedback: the next question, or the report after the last one. */
	async next(): Promise<void> {
		if (this.phase === 'feedback') await this.#advance();
	}

	/** Whether a question is left to answer after this one (else the next step is the report). */
	get hasNext(): boolean {
		return this.#nextIndex() >= 0;
	}

	#nextIndex(): number {
		return (
			this.record?.questions.findIndex(
				(q, i) => i > this.index && q.submittedAt === null && this.#questions.has(q.ref)
			) ?? -1
		);
	}

	async #advance(): Promise<void> {
		const next = this.#nextIndex();
		if (next < 0) await this.finish();
		else this.#open(next);
	}

	/**
	 * Ends the session: an answer being typed is submitted as it stands (if it has any text), the
	 * other unanswered questions stay unanswered, and missed points go to review, once. Finishing
	 * again, or while a finish is under way, does nothing more.
	 */
	finish(): Promise<void> {
		this.#finishing ??= this.#finish().finally(() => (this.#finishing = null));
		return this.#finishing;
	}

	async #finish(): Promise<void> {
		const typing = this.phase === 'answering' && this.answer?.text.trim() ? this.#graded(false) : null;
		if (!this.#move('finishing')) return;
		this.dictation.stop();
		this.#questionClock.clear();
		if (typing) this.#edit(typing, this.index);
		const id = this.#id;
		if (!id) return;
		try {
			await this.#saver.flush();
			const settings = await readSettings(this.#db);
			const now = this.#clock();
			const done = await finishInterview(
				this.#db,
				id,
				(stored) => missedCards(this.#reports(stored)),
				now,
				dayOf(now, settings.dayStartHour),
				sendBackRule(
					makeScheduler({ retention: desiredRetention(settings, now), parameters: settings.fsrsParameters }),
					now,
					settings.dayStartHour
				)
			);
			if (!done) return this.#fail('This session was discarded in another tab.');
			this.note = null;
			this.record = done;
			this.#move('report');
		} catch (e) {
			this.note = `The session could not be finished. ${describeStorageError(e)} Try "End the session now" again.`;
		}
	}

	/** Reports of a session's answered questions that this build still has. */
	#reports(session: InterviewRecord): QuestionReport[] {
		return session.questions.flatMap((a) => {
			const q = this.#questions.get(a.ref);
			return q && a.submittedAt !== null ? [questionReport(a, q)] : [];
		});
	}

	/** Shows question `index`: its countdown starts the first time it is shown. */
	#open(index: number): void {
		this.dictation.stop();
		this.index = index;
		if (this.answer && this.answer.startedAt === null) {
			this.#edit({ startedAt: this.#clock() }, this.index);
			void this.flush();
		}
		this.#move('answering');
		this.#startClocks();
	}

	/**
	 * Counts down the current question from when it was first shown (so a resumed session continues
	 * its clock), and the session from its start. A question whose time is already up is submitted.
	 */
	#startClocks(): void {
		const a = this.answer;
		if (this.record) this.#sessionClock.start(this.record.startedAt);
		if (a?.startedAt) this.#questionClock.set(a.startedAt + a.minutes * 60_000);
	}

	#dictated(text: string): void {
		const current = this.answer?.text ?? '';
		this.setText(current ? `${current} ${text}` : text);
	}

	/** Changes answer `at` here and queues the same change, alone, for storage. */
	#edit(change: Partial<InterviewAnswer>, at: number): void {
		const s = this.record;
		const a = s?.questions[at];
		if (!s || !a) return;
		this.record = { ...s, questions: s.questions.map((q, i) => (i === at ? { ...q, ...change } : q)) };
		this.#saver.edit({ [at]: { ...change, ref: a.ref } });
	}

	#adopt(session: InterviewRecord): void {
		this.record = session;
		this.#id = session.id;
	}

	#move(to: InterviewPhase): boolean {
		if (!MOVES[this.phase].includes(to)) return false;
		this.phase = to;
		if (to === 'report') this.dispose();
		return true;
	}

	#fail(e: unknown): void {
		this.error =
			typeof e === 'string'
				? e
				: e instanceof Error && e.name === 'Error'
					? e.message
					: describeStorageError(e);
		this.phase = 'error';
		this.dictation.stop();
		this.dispose();
	}
}
