/* eslint-disable svelte/prefer-svelte-reactivity -- private working maps; the UI reads the $state fields */
import { now as clock } from '$lib/clock';
import { loadDeck, loadIndex } from '$lib/decks/catalog';
import type { InterviewQuestion, Level } from '$lib/decks/types';
import { describeStorageError } from '$lib/db/errors';
import { discardInterview, finishInterview, saveInterview } from '$lib/db/interviews';
import type { RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { newId } from '$lib/id';
import { sendBackRule } from '$lib/review/send-back';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler } from '$lib/scheduling/fsrs';
import { checkAnswer } from './match';
import { planSession, type Candidate } from './plan';
import { buildReport, missedCards, questionReport, type SessionReport } from './report';
import type { InterviewAnswer, InterviewMode, InterviewSession } from './types';

export interface InterviewSetup {
	level: Level;
	topics: string[];
	length: { kind: 'questions' | 'minutes'; value: number };
	mode: InterviewMode;
	seed?: number;
}

export type InterviewPhase = 'loading' | 'answering' | 'feedback' | 'report' | 'error';

/** How long typing may go unsaved. A reload loses at most this much of an answer. */
const SAVE_DELAY_MS = 300;

/**
 * One mock interview. Times are stored as moments (when each question was first shown), never as
 * ticks, so after a reload the countdowns continue where they were; the answer is saved as it is typed.
 */
export class InterviewRun {
	session = $state.raw<InterviewSession | null>(null);
	index = $state(0);
	phase = $state<InterviewPhase>('loading');
	now = $state(0);
	note = $state<string | null>(null);
	error = $state<string | null>(null);
	report = $state.raw<SessionReport | null>(null);
	/** Whether everything typed so far is in storage ('saving' while a change waits or is written). */
	saved = $state<'saved' | 'saving'>('saved');

	#db: RehearseDB;
	#questions = new Map<string, InterviewQuestion>();
	#saveTimer: ReturnType<typeof setTimeout> | null = null;
	#busy = false;
	#edits = 0;

	constructor(db: RehearseDB) {
		this.#db = db;
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
			if (plan.questions.length === 0) {
				this.error = plan.note ?? 'There are no interview questions here yet.';
				this.phase = 'error';
				return;
			}
			const now = clock();
			const session: InterviewSession = {
				id: newId(),
				level: setup.level,
				topics: setup.topics,
				mode: setup.mode,
				length: setup.length,
				startedAt: now,
				finishedAt: null,
				sentToReview: [],
				questions: plan.questions.map((c, i) => ({
					ref: c.ref,
					topic: c.topic,
					minutes: c.minutes,
					startedAt: i === 0 ? now : null,
					submittedAt: null,
					text: '',
					timedOut: false,
					covered: [],
					overrides: [],
					selfRating: null,
					followUps: []
				}))
			};
			this.note = plan.note;
			await saveInterview(this.#db, session);
			this.session = session;
			this.index = 0;
			this.phase = 'answering';
			this.tick();
		} catch (e) {
			this.#fail(e);
		}
	}

	/** Continues a stored session where it was: same question, same text, same clocks. */
	async resume(session: InterviewSession): Promise<void> {
		try {
			const deckIds = [...new Set(session.questions.map((q) => q.ref.split('/')[0] ?? ''))];
			for (const { deck } of await Promise.all(deckIds.map((id) => loadDeck(id)))) {
				for (const item of deck.items)
					if (item.kind === 'interview') this.#questions.set(`${deck.id}/${item.id}`, item);
			}
			const missing = session.questions.filter((q) => !this.#questions.has(q.ref)).length;
			if (missing)
				this.note = `${missing} question(s) were removed from their deck since this session started; they are skipped.`;
			this.session = session;
			if (session.finishedAt !== null) return this.#showReport();
			const next = session.questions.findIndex((q) => q.submittedAt === null && this.#questions.has(q.ref));
			if (next < 0) return this.finish();
			await this.#open(next);
		} catch (e) {
			this.#fail(e);
		}
	}

	get answer(): InterviewAnswer | null {
		return this.session?.questions[this.index] ?? null;
	}

	get question(): InterviewQuestion | null {
		const a = this.answer;
		return a ? (this.#questions.get(a.ref) ?? null) : null;
	}

	questionFor(ref: string): InterviewQuestion | null {
		return this.#questions.get(ref) ?? null;
	}

	/** Time left on the current question's own countdown (ms), from when it was first shown. */
	get remainingMs(): number {
		const a = this.answer;
		if (!a?.startedAt) return 0;
		return Math.max(0, a.startedAt + a.minutes * 60_000 - this.now);
	}

	get elapsedMs(): number {
		return this.session ? Math.max(0, this.now - this.session.startedAt) : 0;
	}

	/** Called every second: moves the clocks and submits a question whose time has run out. */
	tick(): void {
		this.now = clock();
		if (this.phase === 'answering' && this.answer?.startedAt && this.remainingMs === 0)
			void this.submit(true);
	}

	/** The person typed (or dictated): keep the text and save it shortly. */
	setText(text: string): void {
		this.#update({ text });
		this.#saveSoon();
	}

	#saveSoon(): void {
		this.#edits++;
		this.saved = 'saving';
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Saves now (before leaving the page, and before every step). */
	async flush(): Promise<void> {
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = null;
		if (!this.session) return;
		const edits = this.#edits;
		try {
			await saveInterview(this.#db, this.session);
			if (edits === this.#edits) this.saved = 'saved';
		} catch (e) {
			this.note = describeStorageError(e);
		}
	}

	/**
	 * Deletes this session. The run lets go of it first, so neither a pending save nor the save on
	 * leaving the page can store it again.
	 */
	async discard(): Promise<void> {
		if (this.#saveTimer) clearTimeout(this.#saveTimer);
		this.#saveTimer = null;
		const id = this.session?.id;
		this.session = null;
		if (id) await discardInterview(this.#db, id);
	}

	/** Checks the answer against the key points and stores it. */
	async submit(timedOut = false): Promise<void> {
		const a = this.answer;
		const q = this.question;
		if (this.phase !== 'answering' || !a || !q || this.#busy) return;
		this.#busy = true;
		try {
			const now = clock();
			this.#update({
				submittedAt: timedOut && a.startedAt ? Math.min(now, a.startedAt + a.minutes * 60_000) : now,
				timedOut,
				covered: checkAnswer(a.text, q.keyPoints).map((r) => r.covered),
				overrides: q.keyPoints.map(() => false)
			});
			await this.flush();
			if (this.session?.mode === 'practice') this.phase = 'feedback';
			else await this.next();
		} finally {
			this.#busy = false;
		}
	}

	/**
	 * "I did say that": the person overrides the checker for one key point of question `at` (the
	 * current one by default). In the report this updates the figures; review was already fed at finish.
	 */
	async toggleOverride(point: number, at = this.index): Promise<void> {
		const a = this.session?.questions[at];
		if (!a) return;
		const overrides = [...a.overrides];
		overrides[point] = !overrides[point];
		this.#update({ overrides }, at);
		await this.flush();
		if (this.phase === 'report') this.#showReport();
	}

	async rate(rating: number): Promise<void> {
		this.#update({ selfRating: rating });
		await this.flush();
	}

	async takeFollowUp(question: string): Promise<void> {
		const a = this.answer;
		if (!a || a.followUps.some((f) => f.question === question)) return;
		this.#update({ followUps: [...a.followUps, { question, text: '' }] });
		await this.flush();
	}

	setFollowUpText(question: string, text: string): void {
		const a = this.answer;
		if (!a) return;
		this.#update({ followUps: a.followUps.map((f) => (f.question === question ? { ...f, text } : f)) });
		this.#saveSoon();
	}

	/** The next question, or the report after the last one. */
	async next(): Promise<void> {
		if (!this.session) return;
		const next = this.#nextIndex();
		if (next < 0) await this.finish();
		else await this.#open(next);
	}

	/** Whether a question is left to answer after this one (else the next step is the report). */
	get hasNext(): boolean {
		return this.#nextIndex() >= 0;
	}

	#nextIndex(): number {
		return (
			this.session?.questions.findIndex(
				(q, i) => i > this.index && q.submittedAt === null && this.#questions.has(q.ref)
			) ?? -1
		);
	}

	/** Ends the session: unanswered questions stay unanswered; missed points go to review. */
	async finish(): Promise<void> {
		const s = this.session;
		if (!s) return;
		try {
			await this.flush();
			const settings = await readSettings(this.#db);
			const reports = s.questions.flatMap((a) => {
				const q = this.#questions.get(a.ref);
				return q && a.submittedAt !== null ? [questionReport(a, q)] : [];
			});
			const now = clock();
			this.session = await finishInterview(
				this.#db,
				s,
				missedCards(reports),
				now,
				dayOf(now, settings.dayStartHour),
				sendBackRule(makeScheduler({ retention: settings.retention }), now, settings.dayStartHour)
			);
			this.#showReport();
		} catch (e) {
			this.note = describeStorageError(e);
		}
	}

	/** The current question's result (practice feedback). */
	get result() {
		const a = this.answer;
		const q = this.question;
		return a && q && a.submittedAt !== null ? questionReport(a, q) : null;
	}

	#showReport(): void {
		if (!this.session) return;
		this.report = buildReport(this.session, this.#questions);
		this.phase = 'report';
	}

	async #open(index: number): Promise<void> {
		this.index = index;
		const a = this.answer;
		if (a && a.startedAt === null) {
			this.#update({ startedAt: clock() });
			await this.flush();
		}
		this.phase = 'answering';
		this.tick();
	}

	#update(change: Partial<InterviewAnswer>, at = this.index): void {
		const s = this.session;
		if (!s) return;
		const questions = s.questions.map((q, i) => (i === at ? { ...q, ...change } : q));
		this.session = { ...s, questions };
	}

	#fail(e: unknown): void {
		this.error = e instanceof Error && e.name === 'Error' ? e.message : describeStorageError(e);
		this.phase = 'error';
	}
}
