import type { Deck, Item } from './types.ts';

/**
 * Whether the person's copy of an item takes the place of the shipped one: the deck still has an item
 * with that id and of that kind (and, for an SQL exercise, the dataset it names). A copy the deck no
 * longer fits, after a newer build removed or changed the item, is left aside, not an error.
 */
export function copyFits(deck: Deck, copy: Item): boolean {
	const shipped = deck.items.find((i) => i.id === copy.id);
	if (!shipped || shipped.kind !== copy.kind) return false;
	return copy.kind !== 'sql' || (deck.datasets ?? []).some((d) => d.id === copy.dataset);
}

/**
 * A shipped deck with the person's copies of some of its items in their place. Ids and kinds stay the
 * same, so the deck's card ids, counts and review history are unchanged; each copy keeps the shipped
 * item's `line`, which points into the shipped file. Copies that do not fit (`copyFits`) are ignored.
 *
 * @example
 * withCopies(deck, [editedItem]).items // the deck's items, `editedItem` where its id was
 */
export function withCopies(deck: Deck, copies: readonly Item[]): Deck {
	const fitting = new Map(copies.filter((c) => copyFits(deck, c)).map((c) => [c.id, c]));
	if (fitting.size === 0) return deck;
	const items = deck.items.map((item) => {
		const copy = fitting.get(item.id);
		return copy ? { ...copy, line: item.line } : item;
	});
	return { ...deck, items };
}
