import type { DeckIndex } from '$lib/decks/types';

export interface DeckDue {
	/** Learning and review cards due today. */
	due: number;
	/** Cards never studied. */
	unseen: number;
}

/**
 * Due and unseen counts per deck, for the home screen, from the ids of the cards due today and the
 * kept number of cards met per deck. (A stored card whose deck has since dropped it still counts as
 * due here; the review itself skips it.)
 */
export function dueByDeck(
	index: DeckIndex,
	dueIds: Iterable<string>,
	known: ReadonlyMap<string, number>
): Map<string, DeckDue> {
	const out = new Map<string, DeckDue>();
	for (const d of index.decks) {
		out.set(d.id, { due: 0, unseen: Math.max(0, d.counts.flashcards - (known.get(d.id) ?? 0)) });
	}
	for (const id of dueIds) {
		const entry = out.get(id.slice(0, id.indexOf('/')));
		if (entry) entry.due++;
	}
	return out;
}
