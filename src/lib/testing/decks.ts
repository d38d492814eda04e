import { vi } from 'vitest';
import { forgetLoadedDecks } from '$lib/catalog';
import { flashcardsVersion } from '$lib/decks/version';
import {
	isCard,
	TOPICS,
	type Deck,
	type DeckIndex,
	type Flashcard,
	type InterviewQuestion,
	type QuizQuestion,
	type SqlExercise,
	type TopicSlug
} from '$lib/decks/types';

// Small decks for the session classes' unit tests, served to the catalog through a stubbed `fetch`:
// the sessions load decks exactly as in the browser, from `/api/decks.json` and `/api/decks/<id>.json`.

export function makeFlashcard(id: string, overrides: Partial<Flashcard> = {}): Flashcard {
	return {
		kind: 'flashcard',
		id,
		line: 1,
		promptHtml: `Prompt ${id}`,
		promptText: `Prompt ${id}`,
		tags: [],
		links: [],
		cloze: false,
		clozeHtml: '',
		answerHtml: `<p>Answer ${id}</p>`,
		...overrides
	};
}

export function makeQuiz(id: string, overrides: Partial<QuizQuestion> = {}): QuizQuestion {
	return {
		kind: 'quiz',
		id,
		line: 1,
		promptHtml: `Question ${id}`,
		promptText: `Question ${id}`,
		tags: [],
		links: [],
		answerType: 'single',
		stemHtml: '',
		choices: [
			{ html: 'right', correct: true },
			{ html: 'wrong', correct: false },
			{ html: 'also wrong', correct: false }
		],
		accept: [],
		explanationHtml: '<p>Why</p>',
		...overrides
	};
}

export function makeInterview(id: string, overrides: Partial<InterviewQuestion> = {}): InterviewQuestion {
	return {
		kind: 'interview',
		id,
		line: 1,
		promptHtml: `Interview ${id}`,
		promptText: `Interview ${id}`,
		tags: [],
		links: [],
		level: 'mid',
		minutes: 2,
		stemHtml: '',
		keyPoints: [{ text: 'Names the index', match: ['index'], links: [] }],
		modelAnswerHtml: '<p>Use an index.</p>',
		followUps: [],
		...overrides
	};
}

export function makeSqlExercise(id: string, overrides: Partial<SqlExercise> = {}): SqlExercise {
	return {
		kind: 'sql',
		id,
		line: 1,
		promptHtml: `Exercise ${id}`,
		promptText: `Exercise ${id}`,
		tags: [],
		links: [],
		level: 'junior',
		dataset: 'shop',
		ordered: false,
		namedColumns: false,
		stemHtml: '',
		modelSql: 'SELECT 1',
		modelHtml: '<pre><code>SELECT 1</code></pre>',
		hintsHtml: [],
		explanationHtml: '<p>Because.</p>',
		...overrides
	};
}

export function makeDeck(id: string, items: Deck['items'], topic: TopicSlug = 'databases'): Deck {
	return {
		schema: 1,
		id,
		title: `Deck ${id}`,
		topic,
		description: '',
		file: `decks/${topic}/${id}.md`,
		items
	};
}

export function makeIndex(decks: readonly Deck[]): DeckIndex {
	const count = (d: Deck, kind: Deck['items'][number]['kind']) =>
		d.items.filter((i) => i.kind === kind).length;
	return {
		schema: 1,
		topics: TOPICS.filter((t) => decks.some((d) => d.topic === t.slug)).map((t) => ({ ...t })),
		decks: decks.map((d) => ({
			id: d.id,
			title: d.title,
			topic: d.topic,
			description: d.description,
			counts: {
				flashcards: count(d, 'flashcard'),
				quiz: count(d, 'quiz'),
				interview: count(d, 'interview'),
				sql: count(d, 'sql')
			},
			flashcardsVersion: flashcardsVersion(d.items.filter(isCard).map((i) => `${d.id}/${i.id}`))
		}))
	};
}

export interface DeckServer {
	index: DeckIndex;
	/** Paths requested so far, in order. */
	requests: string[];
	/** Makes requests for this deck fail with this HTTP status (503: offline; 404: removed from the build). */
	fail(deckId: string, status: number): void;
	/** Lets this deck's requests through again. */
	heal(deckId: string): void;
}

/**
 * Serves these decks to the catalog through a stubbed global `fetch`, with the catalog's memory of
 * earlier loads cleared (as on a new page). Undo with `vi.unstubAllGlobals()` (e.g. in `afterEach`).
 */
export function serveDecks(decks: readonly Deck[]): DeckServer {
	forgetLoadedDecks();
	const failing = new Map<string, number>();
	const server: DeckServer = {
		index: makeIndex(decks),
		requests: [],
		fail: (id, status) => void failing.set(id, status),
		heal: (id) => void failing.delete(id)
	};
	vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
		const path = String(input);
		server.requests.push(path);
		if (path === '/api/decks.json') return Response.json(server.index);
		const id = /^\/api\/decks\/(.+)\.json$/.exec(path)?.[1];
		const deck = decks.find((d) => d.id === id);
		const status = id === undefined ? 404 : (failing.get(id) ?? (deck ? 200 : 404));
		if (status !== 200 || !deck) return new Response('', { status });
		return Response.json(deck);
	});
	return server;
}

/** A clock for a test: `now()` reads it, `advance(ms)` moves it. */
export function testClock(start: number) {
	let t = start;
	return {
		now: () => t,
		advance(ms: number) {
			t += ms;
		},
		set(ms: number) {
			t = ms;
		}
	};
}
