import { parseDeck, type ParseOptions, type ParseResult } from '$lib/decks/parse';
import { CODE_LANGUAGES } from '$lib/decks/render-core';
import { TOPICS, type DeckError, type Item } from '$lib/decks/types';
import { frontmatter, putItem } from '$lib/decks/write';
import { rendererFor } from './renderer';

// A copy of one of our items compiled, as the editor, a backup and sync do: the parser and renderer
// alone, with nothing of the app's pages or storage, so the sync engine can load it where it runs.

/** Where a copy's errors say they are; the editor shows them as "line N" of the card. */
export const COPY_FILE = 'your copy';

/**
 * Compiles a deck file holding copies of items of the shipped deck `deckId` (the editor's preview
 * passes a file of one item), with own rules and that deck's id.
 */
export async function compileCopyFile(deckId: string, markdown: string): Promise<ParseResult> {
	const renderer = await rendererFor(markdown);
	const options: ParseOptions = {
		file: COPY_FILE,
		renderer,
		languages: CODE_LANGUAGES,
		own: true,
		copyOf: deckId
	};
	return parseDeck(markdown, options);
}

/** What compiling one copy gives: the item, or the errors with their line in the item's Markdown. */
export interface CompiledCopy {
	item: Item | null;
	errors: DeckError[];
}

/**
 * One item's Markdown (from its `## ` heading) compiled as a copy of an item of `deckId`. The
 * frontmatter around it only names the deck: title, topic and description are not the item's.
 */
export async function compileCopy(deckId: string, markdown: string): Promise<CompiledCopy> {
	const head = frontmatter({ id: deckId, title: deckId, topic: TOPICS[0].slug, description: 'A copy.' });
	const file = putItem(head, 'copy', markdown);
	const offset = file.split('\n').length - markdown.trim().split('\n').length - 1;
	const { deck, errors } = await compileCopyFile(deckId, file);
	const lines = errors.map((e) => ({ ...e, line: Math.max(1, e.line - offset) }));
	if (lines.length) return { item: null, errors: lines };
	const items = deck?.items ?? [];
	if (items.length !== 1)
		return {
			item: null,
			errors: [{ file: COPY_FILE, line: 1, message: 'a copy holds exactly one item, from its ## heading' }]
		};
	return { item: items[0]!, errors: [] };
}
