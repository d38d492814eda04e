import { browser } from '$app/environment';
import { base } from '$app/paths';
import {
	isCard,
	isOwnDeckId,
	type Card,
	type Deck,
	type DeckIndex,
	type Item,
	type SqlDataset
} from '$lib/decks/types';
import { withCopies } from '$lib/decks/copies';
import { connection } from '$lib/db/connection.svelte';
import { copiesOfDeck, listOwnDecks, readOwnDeckFile } from '$lib/db/own-reads';

/**
 * What the browser loads of the decks: the small index first, then one deck's content when a card
 * from it is about to show. Each file is fetched once per page load. In the browser the index also
 * lists the person's own decks (ids starting `my-`), read from IndexedDB, and `loadDeck` reads their
 * content from there: every screen treats them like shipped decks. A shipped deck comes with the
 * person's copies of its items in place of ours (decks/copies.ts), so every screen shows their version.
 */
let index: Promise<DeckIndex> | null = null;
const decks = new Map<string, Promise<LoadedDeck>>();

export interface LoadedDeck {
	deck: Deck;
	items: Map<string, Item>;
}

/** The server has no such file (HTTP 404): a deck removed from the build, not a network failure. */
export class MissingFileError extends Error {
	constructor(path: string, message = `${path} is not part of this version of Rehearse.`) {
		super(message);
		this.name = 'MissingFileError';
	}
}

async function getJson<T>(path: string, fetcher: typeof fetch): Promise<T> {
	const response = await fetcher(`${base}${path}`);
	if (response.status === 404) throw new MissingFileError(path);
	if (!response.ok)
		throw new Error(`Could not load ${path} (HTTP ${response.status}). Check your connection and reload.`);
	return (await response.json()) as T;
}

/**
 * The deck index, fetched once per page load. While prerendering, every page fetches it itself: SvelteKit
 * inlines what a page's `load` fetched into that page, so the browser starts without a request for it
 * (a promise shared between pages would leave every page but the first without its inlined copy).
 */
export function loadIndex(fetcher: typeof fetch = fetch): Promise<DeckIndex> {
	if (!browser) return getJson<DeckIndex>('/api/decks.json', fetcher);
	index ??= Promise.all([getJson<DeckIndex>('/api/decks.json', fetcher), ownSummaries()])
		.then(([shipped, own]): DeckIndex => ({ ...shipped, decks: [...shipped.decks, ...own] }))
		.catch((e: unknown) => {
			index = null;
			throw e;
		});
	return index;
}

async function ownSummaries() {
	const db = await connection.open();
	// Without storage there are no own decks; the page says why storage is missing.
	if (!db) return [];
	return (await listOwnDecks(db)).map(({ updatedAt: _updatedAt, ...summary }) => summary);
}

async function ownDeck(id: string): Promise<Deck> {
	const db = await connection.open();
	const file = db ? await readOwnDeckFile(db, id) : undefined;
	if (!file) throw new MissingFileError(id, `Your deck '${id}' is no longer on this device.`);
	return file.deck;
}

/**
 * A shipped deck from the build, with the person's copies of its items in their place (in the browser;
 * while prerendering, the deck as shipped).
 */
async function shippedDeck(id: string, fetcher: typeof fetch): Promise<Deck> {
	const deck = getJson<Deck>(`/api/decks/${id}.json`, fetcher);
	if (!browser) return deck;
	const [shipped, copies] = await Promise.all([
		deck,
		connection.open().then((db) => (db ? copiesOfDeck(db, id) : []))
	]);
	return withCopies(
		shipped,
		copies.map((c) => c.item)
	);
}

/** Forgets a shipped deck's content (or every shipped deck's) after the person's copies of its items changed. */
export function forgetCopies(deckId?: string): void {
	for (const id of decks.keys())
		if (!isOwnDeckId(id) && (deckId === undefined || id === deckId)) decks.delete(id);
}

/** Forgets the index and every own deck's content (after a restore or an import). */
export function forgetOwnDecks(): void {
	index = null;
	for (const id of decks.keys()) if (isOwnDeckId(id)) decks.delete(id);
}

/** Forgets the index and an own deck's content after the person changed or deleted it. */
export function forgetOwnDeck(id: string): void {
	index = null;
	decks.delete(id);
}

export function loadDeck(id: string, fetcher: typeof fetch = fetch): Promise<LoadedDeck> {
	let loaded = decks.get(id);
	if (!loaded) {
		const content = browser && isOwnDeckId(id) ? ownDeck(id) : shippedDeck(id, fetcher);
		loaded = content.then((deck) => ({
			deck,
			items: new Map(deck.items.map((i) => [i.id, i]))
		}));
		loaded.catch(() => decks.delete(id));
		decks.set(id, loaded);
	}
	return loaded;
}

/**
 * A deck, or null when this build no longer has it (removed or renamed): a stored record that names it
 * (a quiz attempt, an interview) then treats its items as removed. Any other failure still throws.
 */
export async function loadDeckIfPresent(
	id: string,
	fetcher: typeof fetch = fetch
): Promise<LoadedDeck | null> {
	try {
		return await loadDeck(id, fetcher);
	} catch (e) {
		if (e instanceof MissingFileError) return null;
		throw e;
	}
}

/** Forgets every fetched file, as a new page load would (for tests). */
export function forgetLoadedDecks(): void {
	index = null;
	decks.clear();
}

/** The card (a flashcard or an SQL exercise) behind a card id (`deck-id/item-id`), or null if the deck no longer has it. */
export async function loadCard(cardId: string): Promise<Card | null> {
	const [deckId, itemId] = cardId.split('/');
	if (!deckId || !itemId) return null;
	const item = (await loadDeckIfPresent(deckId))?.items.get(itemId);
	return item && isCard(item) ? item : null;
}

/** The dataset an SQL exercise runs on, from its deck. */
export async function loadDataset(deckId: string, datasetId: string): Promise<SqlDataset | null> {
	const deck = (await loadDeckIfPresent(deckId))?.deck;
	return deck?.datasets?.find((d) => d.id === datasetId) ?? null;
}

/** Which cards a review covers. */
export type Scope = { kind: 'all' } | { kind: 'deck'; id: string } | { kind: 'topic'; slug: string };

export function parseScope(params: URLSearchParams): Scope {
	const deck = params.get('deck');
	if (deck) return { kind: 'deck', id: deck };
	const topic = params.get('topic');
	if (topic) return { kind: 'topic', slug: topic };
	return { kind: 'all' };
}

/**
 * Deck ids a scope covers. "Everything" means every deck the person has not switched off; naming a
 * deck or a topic explicitly includes it even if switched off.
 */
export function scopeDecks(idx: DeckIndex, scope: Scope, disabled: readonly string[]): string[] {
	if (scope.kind === 'deck') return idx.decks.filter((d) => d.id === scope.id).map((d) => d.id);
	if (scope.kind === 'topic') return idx.decks.filter((d) => d.topic === scope.slug).map((d) => d.id);
	return idx.decks.filter((d) => !disabled.includes(d.id)).map((d) => d.id);
}

/** Card ids (`deck-id/item-id`: flashcards and SQL exercises) of a deck, in deck order (new cards are introduced in this order); none for a deck removed from the build. */
export async function deckCardIds(deckId: string): Promise<string[]> {
	const deck = (await loadDeckIfPresent(deckId))?.deck;
	return deck ? deck.items.filter(isCard).map((i) => `${deck.id}/${i.id}`) : [];
}
