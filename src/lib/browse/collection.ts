import type { CardMarks, ItemCopy, OwnDeckFile, Settings } from '$lib/db/schema';
import type { DeckIndex } from '$lib/decks/types';
import type { CardState } from '$lib/scheduling/card';
import { makeScheduler, recallAt } from '$lib/scheduling/fsrs';
import { isLeech, LEECH_LAPSES } from '$lib/scheduling/marks';
import { docsOfDeck, isCardDoc, type SearchDoc } from '$lib/search/documents';

export { isCardDoc };
import type { FilterContext } from '$lib/search/filter';
import type { BrowseRow } from './rows';

// What the browser makes of what it read: plain functions, so the state class only wires them up.

/** What the browser reads from storage, by card. */
export interface Stored {
	states: Map<string, CardState>;
	marks: Map<string, CardMarks>;
	dayStartHour: number;
	leechLapses: number;
	parameters: number[] | undefined;
}

export function storedView(cards: CardState[], marks: CardMarks[], settings: Settings): Stored {
	return {
		states: new Map(cards.map((c) => [c.id, c])),
		marks: new Map(marks.map((m) => [m.id, m])),
		dayStartHour: settings.dayStartHour,
		leechLapses: settings.leechLapses ?? LEECH_LAPSES,
		parameters: settings.fsrsParameters
	};
}

/**
 * Every document: the shipped ones in deck order, the person's copies of our items in their place,
 * then the person's own decks'.
 */
export function allDocuments(
	shipped: readonly SearchDoc[],
	own: { files: readonly OwnDeckFile[]; copies: readonly ItemCopy[] } | undefined
): SearchDoc[] {
	if (!own) return [...shipped];
	const copies = new Map(
		own.copies.map((c) => {
			const doc = docsOfDeck({ id: c.deckId, items: [c.item] })[0]!;
			return [doc.id, doc] as const;
		})
	);
	return [...shipped.map((d) => copies.get(d.id) ?? d), ...own.files.flatMap((f) => docsOfDeck(f.deck))];
}

/** The filters' view of the collection at `now`, recall from the person's FSRS parameters. */
export function filterContext(index: DeckIndex, stored: Stored, now: number): FilterContext {
	const topics = new Map(index.decks.map((d) => [d.id, d.topic as string]));
	const recall = recallAt(makeScheduler({ retention: 0.9, parameters: stored.parameters }));
	return {
		now,
		dayStartHour: stored.dayStartHour,
		leechLapses: stored.leechLapses,
		topicOf: (d) => topics.get(d),
		states: stored.states,
		marks: stored.marks,
		recall: (card) => recall(card, now)
	};
}

/** The rows the list shows for these documents. */
export function browseRows(
	docs: readonly SearchDoc[],
	index: DeckIndex,
	ctx: FilterContext | null
): BrowseRow[] {
	const titles = new Map(index.decks.map((d) => [d.id, d.title]));
	return docs.map((doc) => {
		const state = ctx?.states.get(doc.id);
		const card = isCardDoc(doc);
		return {
			id: doc.id,
			deckTitle: titles.get(doc.d) ?? doc.d,
			kind: doc.k,
			prompt: doc.p,
			card,
			state,
			marks: ctx?.marks.get(doc.id),
			leech: card && isLeech(state, ctx?.leechLapses ?? LEECH_LAPSES)
		};
	});
}

/** The browser's address for a query and an open card (`path` is the page's resolved path). */
export function browseHref(path: string, q: string, card: string | null): string {
	const params = new URLSearchParams();
	if (q) params.set('q', q);
	if (card) params.set('card', card);
	const search = params.toString();
	return search ? `${path}?${search}` : path;
}
