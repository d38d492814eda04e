import { deckOf } from '$lib/scheduling/card';

/** How many of these card ids belong to each deck. */
export function countByDeck(cardIds: Iterable<string>): Map<string, number> {
	const out = new Map<string, number>();
	for (const id of cardIds) {
		const deck = deckOf(id);
		out.set(deck, (out.get(deck) ?? 0) + 1);
	}
	return out;
}
