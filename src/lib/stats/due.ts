import type { DeckIndex } from '$lib/decks/types';
import { deckOf } from '$lib/scheduling/card';

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
	const due = countByDeck(dueIds);
	return new Map(
		index.decks.map((d) => [
			d.id,
			{ due: due.get(d.id) ?? 0, unseen: Math.max(0, d.counts.flashcards - (known.get(d.id) ?? 0)) }
		])
	);
}

/** How many of these card ids belong to each deck. */
export function countByDeck(cardIds: Iterable<string>): Map<string, number> {
	const out = new Map<string, number>();
	for (const id of cardIds) out.set(deckOf(id), (out.get(deckOf(id)) ?? 0) + 1);
	return out;
}
