import type { Item } from '../types.ts';
import type { Line } from './lines.ts';
import type { Reporter } from './report.ts';
import type { Section } from './sections.ts';

/** Turns Markdown into HTML. The build passes one that highlights code; tests pass a plain one. */
export interface Renderer {
	block(markdown: string): string;
	inline(markdown: string): string;
}

export interface ParseOptions {
	/** Path shown in errors, e.g. `decks/databases/db-indexes.md`. */
	file: string;
	renderer: Renderer;
	/** Code-block languages the highlighter knows; a block with another language is an error. */
	languages?: ReadonlySet<string>;
	/**
	 * The person's own deck (imported or written in the app), not a shipped one. Its id must start with
	 * `my-`, it has no file or folder to match, and the shipped decks' authoring limits (answer length,
	 * number of choices and key points) are not applied: they are house style for curated content, and a
	 * person's imported cards must not be refused for being long. The grammar and its errors are the same.
	 */
	own?: boolean;
	/**
	 * With `own`: the file holds the person's copies of items of this shipped deck (an item edited from
	 * a deck page, db/item-copies.ts). The frontmatter's id must be this one, not a `my-` id, so that
	 * bare links and card ids stay the shipped deck's. The deck's datasets stay in the shipped file, so
	 * an SQL exercise's `dataset=` is not looked for here (the copy's user checks it against that deck).
	 */
	copyOf?: string;
}

export { OWN_DECK_PREFIX } from '../types.ts';

/** A link from an item to a flashcard, kept with its line so the collection can report it. */
export interface LinkRef {
	file: string;
	line: number;
	/** `deck-id/item-id` */
	target: string;
}

/** What every item parser needs besides the item itself. */
export interface ItemContext {
	deckId: string;
	options: ParseOptions;
	report: Reporter;
	/** Every link found so far in the file, in order; the collection checks their targets. */
	links: LinkRef[];
}

/** What the `{…}` at the end of an item heading says. */
export interface Attributes {
	id: string;
	kind: 'flashcard' | 'cloze' | 'quiz' | 'interview' | 'sql' | 'dataset';
	multi: boolean;
	level?: string;
	minutes?: string;
	/** An SQL exercise's `dataset=` */
	dataset?: string;
	/** An SQL exercise's `.ordered` (rows compared in order) and `.columns` (column names compared). */
	ordered?: boolean;
	columns?: boolean;
}

/** The fields every item has, as read from its heading and metadata. */
export type ItemBase = Pick<Item, 'id' | 'line' | 'tags' | 'links' | 'promptText' | 'promptHtml'>;

/** An item whose heading and metadata are read, handed to the parser for its kind. */
export interface ItemDraft {
	base: ItemBase;
	attrs: Attributes;
	/** The heading text without its attributes, as Markdown. */
	prompt: string;
	preamble: Line[];
	sections: Section[];
}
