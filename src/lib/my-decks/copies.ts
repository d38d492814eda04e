import { base } from '$app/paths';
import { forgetCopies } from '$lib/catalog';
import { now as clock } from '$lib/clock';
import { deleteItemCopy, putItemCopy } from '$lib/db/item-copies';
import type { RehearseDB } from '$lib/db/schema';
import { parseDeck, type ParseOptions, type ParseResult } from '$lib/decks/parse';
import { CODE_LANGUAGES } from '$lib/decks/render-core';
import { TOPICS, type Deck, type DeckError, type Item } from '$lib/decks/types';
import { frontmatter, putItem, splitDeck } from '$lib/decks/write';
import { rendererFor } from './renderer';

/**
 * The person's copies of shipped items: an item of one of our decks, edited from the deck's page and
 * kept under the same card id, so that its review history stays. A copy is written in the deck grammar
 * and compiled with the same parser as the deck, with own rules (no house-style limits).
 */

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

const KIND_NAMES: Record<Item['kind'], string> = {
	flashcard: 'a flashcard',
	quiz: 'a quiz question',
	interview: 'an interview question',
	sql: 'an SQL exercise'
};

/**
 * Compiles and stores the person's copy of `shipped`, an item of the shipped deck `deck`: nothing is
 * stored when the copy has an error, changes the item's id or kind, or names a dataset the deck lacks,
 * and the errors come back instead. The page's catalog forgets the deck, so every screen shows the copy.
 */
export async function saveItemCopy(
	db: RehearseDB,
	deck: Deck,
	shipped: Item,
	markdown: string,
	now = clock()
): Promise<DeckError[]> {
	const { item, errors } = await compileCopy(deck.id, markdown);
	if (!item) return errors;
	const problem =
		item.id !== shipped.id
			? `keep the id {#${shipped.id}} in the heading: this card's history is kept under it`
			: item.kind !== shipped.kind
				? `keep the kind: this is ${KIND_NAMES[shipped.kind]}, and a copy takes the place of ours`
				: item.kind === 'sql' && !(deck.datasets ?? []).some((d) => d.id === item.dataset)
					? `dataset '${item.dataset}' is not in this deck`
					: null;
	if (problem) return [{ file: COPY_FILE, line: 1, message: problem }];
	const id = `${deck.id}/${item.id}`;
	await putItemCopy(db, { id, deckId: deck.id, markdown: markdown.trim(), item, updatedAt: now });
	forgetCopies(deck.id);
	return [];
}

/** Removes the person's copy of an item (`deck-id/item-id`): ours shows again, the history stays. */
export async function revertItemCopy(db: RehearseDB, id: string): Promise<void> {
	await deleteItemCopy(db, id);
	forgetCopies(id.split('/')[0]);
}

/**
 * An item's Markdown as our deck file has it (from its `## ` heading to the next), read from the build
 * (`/api/decks/<id>.md`); null when the file no longer has it.
 */
export async function shippedItemSource(
	deckId: string,
	itemId: string,
	fetcher: typeof fetch = fetch
): Promise<string | null> {
	const response = await fetcher(`${base}/api/decks/${deckId}.md`);
	if (!response.ok)
		throw new Error(`our deck file could not be loaded (HTTP ${response.status}); check your connection`);
	return splitDeck(await response.text()).items.find((b) => b.id === itemId)?.text ?? null;
}

/**
 * Copies from a file (a backup) compiled here, by id; the first copy with an error stops it with a
 * message that names the copy and the line, so that nothing of the file is stored.
 */
export async function compileCopies(
	sources: readonly { id: string; deckId: string; markdown: string }[]
): Promise<Map<string, Item>> {
	const items = new Map<string, Item>();
	for (const source of sources) {
		const { item, errors } = await compileCopy(source.deckId, source.markdown);
		const first = errors[0];
		if (!item || first)
			throw new Error(
				`Your copy of '${source.id}' has an error on line ${first?.line ?? 1}: ${first?.message ?? 'it could not be read'}.`
			);
		if (`${source.deckId}/${item.id}` !== source.id)
			throw new Error(`Your copy of '${source.id}' says its id is '${item.id}'.`);
		items.set(source.id, item);
	}
	return items;
}
