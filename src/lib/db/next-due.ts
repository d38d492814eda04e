import type { RehearseDB } from './schema';

// When the next card falls due after today: read only once a review's queue runs out, so the review
// loads this module then, not with the first card.

/**
 * The earliest due moment at or after `end` among these decks, or null. It looks at the `near` cards
 * due first after `end` (for "everything" the very first one is in scope); a narrow scope whose next
 * card is further away reads its own decks' cards instead of walking the whole collection.
 */
export async function firstDueFrom(
	db: RehearseDB,
	end: number,
	deckIds: ReadonlySet<string>,
	near = 200
): Promise<number | null> {
	const soon = await db.cards.where('due').aboveOrEqual(end).limit(near).toArray();
	const hit = soon.find((c) => deckIds.has(c.deckId));
	if (hit) return hit.due;
	if (soon.length < near) return null;
	let first: number | null = null;
	await db.cards
		.where('deckId')
		.anyOf([...deckIds])
		.each((c) => {
			if (c.due >= end && (first === null || c.due < first)) first = c.due;
		});
	return first;
}
