/**
 * The compiled deck format: what the build makes of `decks/<topic>/<deck>.md` and what
 * `/api/decks/<id>.json` serves. All Markdown is already rendered to HTML (code highlighted).
 * The schema is documented in docs/deck-api.md; bump DECK_SCHEMA_VERSION when it changes.
 */
export const DECK_SCHEMA_VERSION = 1;

export const TOPICS = [
	{ slug: 'dsa', title: 'Data structures & algorithms' },
	{ slug: 'databases', title: 'Databases' },
	{ slug: 'apis', title: 'APIs' },
	{ slug: 'web-networking', title: 'Web & networking' },
	{ slug: 'security', title: 'Security' },
	{ slug: 'cloud-deployment', title: 'Cloud & deployment' },
	{ slug: 'system-design', title: 'System design' },
	{ slug: 'languages-frameworks', title: 'Languages & frameworks' },
	{ slug: 'software-design', title: 'Software design' },
	{ slug: 'git', title: 'Git' },
	{ slug: 'concurrency', title: 'Concurrency' },
	{ slug: 'testing', title: 'Testing' },
	{ slug: 'behavioral', title: 'Behavioral' }
] as const;

export type TopicSlug = (typeof TOPICS)[number]['slug'];

export const LEVELS = ['junior', 'mid', 'senior'] as const;
export type Level = (typeof LEVELS)[number];

interface ItemBase {
	/** Permanent id, unique within the deck. History is keyed by `deck-id/item-id`. */
	id: string;
	/** 1-based line of the item's heading in its source file. */
	line: number;
	/** The prompt rendered to inline HTML. */
	promptHtml: string;
	/** The prompt as plain text (for search, uniqueness and accessible names). */
	promptText: string;
	tags: string[];
	/** Flashcards that teach what this item tests, as `deck-id/item-id`. */
	links: string[];
}

export interface Flashcard extends ItemBase {
	kind: 'flashcard';
	/** `true` for a cloze card: the prompt hides one deletion, the answer shows it. */
	cloze: boolean;
	/** For a cloze card, the full sentence with the deletion marked; otherwise empty. */
	clozeHtml: string;
	answerHtml: string;
}

export interface QuizChoice {
	html: string;
	correct: boolean;
}

export interface QuizQuestion extends ItemBase {
	kind: 'quiz';
	/** single: one right choice; multiple: select all that apply; typed: free text against `accept`. */
	answerType: 'single' | 'multiple' | 'typed';
	stemHtml: string;
	choices: QuizChoice[];
	accept: string[];
	explanationHtml: string;
}

/** In a key point's phrase, stands for any number the answer gives ("went from #n"). */
export const ANY_NUMBER = '#n';

export interface KeyPoint {
	text: string;
	/** Words and phrases whose presence shows the point was covered (`#n` is any number). */
	match: string[];
	/** Claims that contradict the point (common misconceptions); absent when the deck lists none. */
	wrong?: string[];
	/** Flashcards behind this point (`deck-id/item-id`). */
	links: string[];
}

export interface InterviewQuestion extends ItemBase {
	kind: 'interview';
	level: Level;
	minutes: number;
	stemHtml: string;
	keyPoints: KeyPoint[];
	modelAnswerHtml: string;
	followUps: string[];
}

/**
 * An SQL exercise (`.sql dataset=… level=…`): the person writes a query against a dataset of the deck and
 * it is judged by comparing its result with the model query's, run on PostgreSQL (PGlite) in the browser.
 * In review it is a card like a flashcard.
 */
export interface SqlExercise extends ItemBase {
	kind: 'sql';
	level: Level;
	/** The id of one of the deck's `datasets`. */
	dataset: string;
	/** The task asks for an order (`.ordered`): rows are compared in order, not as a multiset. */
	ordered: boolean;
	/** The task names the result's columns (`.columns`): names are compared too (ignoring case). */
	namedColumns: boolean;
	stemHtml: string;
	/** The model query, as written (run to get the expected result). */
	modelSql: string;
	/** The model query highlighted, shown after an attempt. */
	modelHtml: string;
	hintsHtml: string[];
	explanationHtml: string;
}

/** A dataset of a deck (`## Dataset: … {#id .dataset}`): SQL that creates and fills its tables. */
export interface SqlDataset {
	id: string;
	/** 1-based line of the dataset's heading. */
	line: number;
	/** The heading text without "Dataset:" (plain text). */
	title: string;
	descriptionHtml: string;
	/** The schema and rows: CREATE TABLE and INSERT statements. */
	sql: string;
}

export type Item = Flashcard | QuizQuestion | InterviewQuestion | SqlExercise;

/** The items a person reviews day by day (FSRS cards): flashcards and SQL exercises. */
export type Card = Flashcard | SqlExercise;

export function isCard(item: Item): item is Card {
	return item.kind === 'flashcard' || item.kind === 'sql';
}

export interface Deck {
	schema: typeof DECK_SCHEMA_VERSION;
	id: string;
	title: string;
	topic: TopicSlug;
	description: string;
	/** Source path relative to the project root, e.g. `decks/databases/db-indexes.md`. */
	file: string;
	items: Item[];
	/** The datasets the deck's SQL exercises run on; absent when it has none. */
	datasets?: SqlDataset[];
}

/**
 * One deck in the index (`/api/decks.json`). Small on purpose: the home screen loads it on every
 * visit, so card ids live in the per-deck files, read only when a deck has cards still to introduce.
 */
export interface DeckSummary {
	id: string;
	title: string;
	topic: TopicSlug;
	description: string;
	/** `sql`: SQL exercises, absent from indexes made before they existed. Review cards are flashcards and SQL exercises. */
	counts: { flashcards: number; quiz: number; interview: number; sql?: number };
	/** A fingerprint of the deck's card ids (flashcards and SQL exercises, `decks/version.ts`): it changes when a card is added, removed or replaced. */
	flashcardsVersion: string;
}

export interface DeckIndex {
	schema: typeof DECK_SCHEMA_VERSION;
	topics: { slug: TopicSlug; title: string }[];
	decks: DeckSummary[];
}

/** A content error, always tied to a file and line. */
export interface DeckError {
	file: string;
	line: number;
	message: string;
}

export function formatDeckError(e: DeckError): string {
	return `${e.file}:${e.line}: ${e.message}`;
}

/** The id prefix of the person's own decks (written or imported in the app); shipped decks may not use it. */
export const OWN_DECK_PREFIX = 'my-';

/** Whether a deck is the person's own. */
export function isOwnDeckId(id: string): boolean {
	return id.startsWith(OWN_DECK_PREFIX);
}

/** How many review cards a deck has: its flashcards and its SQL exercises. */
export function cardCount(deck: { counts: Pick<DeckSummary['counts'], 'flashcards' | 'sql'> }): number {
	return deck.counts.flashcards + (deck.counts.sql ?? 0);
}

export function isTopic(value: string): value is TopicSlug {
	return TOPICS.some((t) => t.slug === value);
}

export function topicTitle(slug: string): string {
	return TOPICS.find((t) => t.slug === slug)?.title ?? slug;
}
