import { base } from '$app/paths';
import { forgetCopies } from '$lib/catalog';
import { now as clock } from '$lib/clock';
import { deleteItemCopy, putItemCopy } from '$lib/db/item-copies';
import type { RehearseDB } from '$lib/db/schema';
import type { Deck, DeckError, Item } from '$lib/decks/types';
import { splitDeck } from '$lib/decks/write';
import { deckOf } from '$lib/scheduling/card';
import { COPY_FILE, compileCopy } from './copy-compile';

export { COPY_FILE, compileCopy, compileCopyFile, type CompiledCopy } from './copy-compile';

/**
 * The person's copies of shipped items: an item of one of our decks, edited from the deck's page and
 * kept under the same card id, so that its review history stays. A copy is written in the deck grammar
 * and compiled with the same parser as the deck, with own rules (no house-style limits).
 */

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
	forgetCopies(deckOf(id));
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
