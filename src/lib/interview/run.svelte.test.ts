import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import type { RecognitionConstructor, RecognitionEvent } from './dictation.svelte';
import { makeDeck, makeFlashcard, makeInterview, serveDecks, testClock } from '$lib/testing/decks';
import { InterviewRun, type InterviewRunOptions, type InterviewSetup } from './run.svelte';
import type { InterviewRecord } from './types';

const START = Date.parse('2026-03-10T12:00:00Z');

// Two questions, each with two key points; every point links one flashcard.
const DECK = makeDeck('db-a', [
	makeInterview('q1', {
		minutes: 2,
		keyPoints: [
			{ text: 'Names the index', match: ['index'], links: ['db-a/c1'] },
			{ text: 'Mentions the write cost', match: ['write cost'], links: ['db-a/c2'] }
		]
	}),
	makeInterview('q2', {
		minutes: 3,
		keyPoints: [
			{ text: 'Names a lock', match: ['lock'], links: ['db-a/c3'] },
			{ text: 'Mentions isolation', match: ['isolation'], links: ['db-a/c4'] }
		]
	}),
	...['c1', 'c2', 'c3', 'c4'].map((id) => makeFlashcard(id))
]);

function setup(overrides: Partial<InterviewSetup> = {}): InterviewSetup {
	return {
		level: 'mid',
		topics: [],
		length: { kind: 'questions', value: 2 },
		mode: 'practice',
		seed: 7,
		...overrides
	};
}

let db: RehearseDB;
let clock: ReturnType<typeof testClock>;
let n = 0;
/** Every write to the interviews table, in order (what each put stored). */
let writes: InterviewRecord[];

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
	serveDecks([DECK]);
	clock = testClock(START);
	db = new RehearseDB(`interview-run-${++n}`);
	writes = [];
	db.interviews.hook('creating', (_key, row) => void writes.push(structuredClone(row)));
	db.interviews.hook('updating', (changes, _key, row) => {
		writes.push({ ...structuredClone(row), ...structuredClone(changes) } as InterviewRecord);
	});
	await db.open();
});
afterEach(async () => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	await db.delete();
});

function newRun(options: InterviewRunOptions = {}): InterviewRun {
	return new InterviewRun(db, { now: clock.now, recognition: null, ...options });
}

async function started(overrides: Partial<InterviewSetup> = {}, options: InterviewRunOptions = {}) {
	const run = newRun(options);
	await run.start(setup(overrides));
	expect(run.phase).toBe('answering');
	return run;
}

const stored = async (run: InterviewRun) => (await db.interviews.get(run.record!.id))!;

/** An answer that covers every key point of the question on screen. */
const fullAnswer = (run: InterviewRun) => run.question!.keyPoints.map((k) => k.match.join(' ')).join('. ');

describe('InterviewRun', () => {
	it('starts, saves typing after a short pause, grades on submit, and finishes once', async () => {
		const run = await started();
		const first = await stored(run);
		expect(first.questions.map((q) => q.startedAt)).toEqual([START, null]);
		expect(run.remainingMs).toBe(run.answer!.minutes * 60_000);

		const said = run.question!.keyPoints[0]!.match[0]!;
		run.setText(said);
		expect(run.saved).toBe('saving');
		await vi.advanceTimersByTimeAsync(299);
		expect((await stored(run)).questions[0]!.text).toBe('');
		await vi.advanceTimersByTimeAsync(1);
		await vi.waitFor(async () => expect((await stored(run)).questions[0]!.text).toBe(said));
		expect(run.saved).toBe('saved');

		clock.advance(30_000);
		await run.submit();
		expect(run.phase).toBe('feedback');
		expect(run.result?.covered).toBe(1);
		expect((await stored(run)).questions[0]).toMatchObject({
			submittedAt: START + 30_000,
			covered: [true, false]
		});

		await run.next();
		expect(run.phase).toBe('answering');
		expect(run.index).toBe(1);
		expect((await stored(run)).questions[1]!.startedAt).toBe(START + 30_000);
		await run.submit();
		expect(run.hasNext).toBe(false);
		await run.next();

		expect(run.phase).toBe('report');
		expect(run.report?.covered).toBe(1);
		expect(run.report?.total).toBe(4);
		const done = await stored(run);
		expect(done.finishedAt).toBe(START + 30_000);
		expect(done.sentToReview.length).toBe(3);
		expect(await db.log.count()).toBe(3);
	});

	it('stays finished after the page tears down: a flush or a second finish writes nothing (exploratory 1)', async () => {
		const run = await started({ length: { kind: 'questions', value: 1 } });
		run.setText('I do not know');
		await run.submit();
		await run.next();
		expect(run.phase).toBe('report');
		const done = await stored(run);
		expect(done.finishedAt).not.toBeNull();
		const before = writes.length;

		await run.flush();
		await run.finish();
		await vi.advanceTimersByTimeAsync(5_000);

		expect(writes.length).toBe(before);
		expect(await stored(run)).toEqual(done);
		expect(await db.log.count()).toBe(done.sentToReview.length);
	});

	it('finishes once when finish is asked twice at the same moment', async () => {
		const run = await started();
		await Promise.all([run.finish(), run.finish()]);
		expect(run.phase).toBe('report');
		expect(writes.filter((w) => w.finishedAt !== null).length).toBe(1);
	});

	it('resuming a finished session shows its report and sends nothing again', async () => {
		const run = await started({ length: { kind: 'questions', value: 1 } });
		await run.submit();
		await run.next();
		const log = await db.log.count();
		clock.advance(2 * 86_400_000);
		const again = newRun();
		await again.resume(await stored(run));
		expect(again.phase).toBe('report');
		expect(again.report?.durationMs).toBe(0);
		expect(await db.log.count()).toBe(log);
	});

	it('counts the question down and the session up, through feedback, until the report', async () => {
		const run = await started();
		clock.advance(10_000);
		vi.advanceTimersByTime(1000);
		expect(run.remainingMs).toBe(run.answer!.minutes * 60_000 - 10_000);
		expect(run.elapsedMs).toBe(10_000);
		await run.submit();
		expect(run.phase).toBe('feedback');
		clock.advance(5_000);
		vi.advanceTimersByTime(1000);
		expect(run.elapsedMs).toBe(15_000);
		await run.finish();
		expect(run.phase).toBe('report');
		expect(vi.getTimerCount()).toBe(0);
	});

	it('"End the session now" submits the answer being typed first (exploratory 12)', async () => {
		const run = await started();
		run.setText(fullAnswer(run));
		await run.finish();
		expect(run.phase).toBe('report');
		expect(run.report?.questions.length).toBe(1);
		expect(run.report?.covered).toBe(2);
		const done = await stored(run);
		expect(done.questions[0]).toMatchObject({ covered: [true, true] });
		expect(done.questions[1]!.submittedAt).toBeNull();
	});

	it('submits a question whose time ran out, once, and moves on (interview mode)', async () => {
		const run = await started({ mode: 'interview' });
		const minutes = run.answer!.minutes;
		run.setText('a lock');
		clock.advance(minutes * 60_000 + 5_000);
		vi.advanceTimersByTime(2000);
		await vi.waitFor(() => expect(run.index).toBe(1));
		expect(run.phase).toBe('answering');
		const q = (await stored(run)).questions;
		expect(q[0]).toMatchObject({ timedOut: true, submittedAt: START + minutes * 60_000, text: 'a lock' });
		expect(q[1]!.startedAt).toBe(START + minutes * 60_000 + 5_000);
		expect(
			writes.filter((w) => w.questions[0]!.submittedAt !== null && w.questions[1]!.startedAt === null)
		).toHaveLength(1);
	});

	it('refuses typing outside the answering phase', async () => {
		const run = await started();
		run.setText('an index');
		await run.submit();
		run.setText('changed after the fact');
		await run.flush();
		expect(run.answer?.text).toBe('an index');
		expect((await stored(run)).questions[0]!.text).toBe('an index');
	});

	it('resumes a stored session on the same question with its text and countdown', async () => {
		const run = await started();
		run.setText('half typed');
		await run.flush();
		clock.advance(45_000);
		const again = newRun();
		await again.resume(await stored(run));
		expect(again.phase).toBe('answering');
		expect(again.index).toBe(0);
		expect(again.answer?.text).toBe('half typed');
		expect(again.remainingMs).toBe(again.answer!.minutes * 60_000 - 45_000);
	});

	it('resumes a session whose deck was removed from the build, without its questions (B7)', async () => {
		const other = makeDeck('gone', [makeInterview('g1')]);
		serveDecks([DECK, other]);
		const run = await started({ length: { kind: 'questions', value: 3 } });
		const session = await stored(run);
		expect(session.questions.some((q) => q.ref.startsWith('gone/'))).toBe(true);
		serveDecks([DECK]);
		const again = newRun();
		await again.resume(session);
		expect(again.phase).toBe('answering');
		expect(again.note).toMatch(/1 question was removed/);
		expect(again.question).not.toBeNull();
		expect(again.answer?.ref.startsWith('db-a/')).toBe(true);
	});

	it('shows an error, not a blank page, when a deck cannot be fetched', async () => {
		serveDecks([DECK]).fail('db-a', 503);
		const run = newRun();
		await run.start(setup());
		expect(run.phase).toBe('error');
		expect(run.error).toMatch(/HTTP 503/);

		const ok = await (async () => {
			serveDecks([DECK]);
			return started();
		})();
		const session = await stored(ok);
		serveDecks([DECK]).fail('db-a', 503);
		const again = newRun();
		await again.resume(session);
		expect(again.phase).toBe('error');
		expect(again.error).toMatch(/HTTP 503/);
	});

	it('keeps the session when finishing cannot be saved, and finishes on a second try', async () => {
		const run = await started();
		await run.submit();
		db.close();
		await run.finish();
		expect(run.phase).toBe('finishing');
		expect(run.note).toMatch(/could not be finished/);
		await db.open();
		await run.finish();
		expect(run.phase).toBe('report');
		expect((await stored(run)).finishedAt).not.toBeNull();
	});

	it('discard deletes the session, and a pending save cannot bring it back', async () => {
		const run = await started();
		run.setText('half an answer');
		const id = run.record!.id;
		await run.discard();
		await vi.advanceTimersByTimeAsync(5_000);
		await run.flush();
		expect(await db.interviews.get(id)).toBeUndefined();
	});

	it('two tabs on one session: the idle tab saves nothing over the typing tab (exploratory 3)', async () => {
		const a = await started();
		const session = await stored(a);
		const b = newRun();
		await b.resume(session);
		a.setText('typed in tab A');
		await a.flush();
		const before = writes.length;
		await b.flush();
		await vi.advanceTimersByTimeAsync(5_000);
		expect(writes.length).toBe(before);
		expect((await stored(a)).questions[0]!.text).toBe('typed in tab A');

		// Tab B's own edit, on another field, leaves A's text alone.
		await b.submit();
		await b.rate(4);
		expect((await stored(a)).questions[0]).toMatchObject({ text: 'typed in tab A', selfRating: 4 });
	});
});

/** A stand-in for the browser's speech recognition: the test says what it hears and when it fails. */
class FakeRecognition {
	static made: FakeRecognition[] = [];
	continuous = false;
	interimResults = false;
	lang = '';
	stopped = false;
	onresult: ((event: RecognitionEvent) => void) | null = null;
	onerror: ((event: { error: string }) => void) | null = null;
	onend: (() => void) | null = null;
	constructor() {
		FakeRecognition.made.push(this);
	}
	start() {}
	stop() {
		this.stopped = true;
	}
	hear(text: string) {
		this.onresult?.({ resultIndex: 0, results: [{ isFinal: true, 0: { transcript: text } }] });
	}
	fail(error: string) {
		this.onerror?.({ error });
		this.onend?.();
	}
}
const Recognition = FakeRecognition as RecognitionConstructor;
const recognised = () => FakeRecognition.made.at(-1)!;

describe('InterviewRun dictation (B2)', () => {
	it('adds what is heard to the answer, and stops listening on submit: late results are dropped', async () => {
		const run = await started({}, { recognition: Recognition });
		run.setText('First,');
		run.dictation.start();
		expect(run.dictation.listening).toBe(true);
		const r = recognised();
		r.hear('an index');
		expect(run.answer?.text).toBe('First, an index');

		await run.submit();
		expect(r.stopped).toBe(true);
		expect(run.dictation.listening).toBe(false);
		r.hear('said after submitting');
		r.onend?.();
		await run.flush();
		expect(run.answer?.text).toBe('First, an index');
		expect((await stored(run)).questions[0]!.text).toBe('First, an index');
	});

	it('stops on timeout and on the next question, so nothing lands in the next answer', async () => {
		const run = await started({ mode: 'interview' }, { recognition: Recognition });
		run.dictation.start();
		const r = recognised();
		clock.advance(run.answer!.minutes * 60_000);
		vi.advanceTimersByTime(1000);
		await vi.waitFor(() => expect(run.index).toBe(1));
		expect(r.stopped).toBe(true);
		r.hear('late words');
		expect(run.answer?.text).toBe('');
		await run.flush();
		expect((await stored(run)).questions.map((q) => q.text)).toEqual(['', '']);
	});

	it('says why dictation stopped, and stops offering it once the browser refuses it', async () => {
		const run = await started({}, { recognition: Recognition });
		run.dictation.start();
		recognised().fail('no-speech');
		expect(run.dictation).toMatchObject({ listening: false, available: true });
		expect(run.dictation.problem).toMatch(/no-speech/);
		run.dictation.start();
		recognised().fail('not-allowed');
		expect(run.dictation).toMatchObject({ listening: false, available: false });
		run.dictation.start();
		expect(run.dictation.listening).toBe(false);
	});
});
