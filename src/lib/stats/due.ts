import type { DeckIndex } from '$lib/decks/types';

export interface DeckDue {
	/** Learning and review cards due today. */
	due: number;
	/** Cards never studied. */
	unseen: number;
}

const idSets = new WeakMap<DeckIndex, Set<string>>();

function cardIdsOf(index: DeckIndex): Set<string> {
	let ids = idSets.get(index);
	if (!ids) {
		ids = new Set(index.decks.flatMap((d) => d.cardIds.map((c) => `${d.id}/${c}`)));
		idSets.set(index, ids);
	}
	return ids;
}

/**
 * Due and unseen counts per deck, for the home screen, from the ids of the cards due today and the
 * kept number of cards met per deck. A stored card whose deck no longer has it is not counted.
 */
export function dueByDeck(
	index: DeckIndex,
	dueIds: Iterable<string>,
	known: ReadonlyMap<string, number>
): Map<string, DeckDue> {
	const out = new Map<string, DeckDue>();
	for (const d of index.decks)
		out.set(d.id, { due: 0, unseen: Math.max(0, d.cardIds.length - (known.get(d.id) ?? 0)) });
	const ids = cardIdsOf(index);
	for (const id of dueIds) {
		if (!ids.has(id)) continue;
		const entry = out.get(id.slice(0, id.indexOf('/')));
		if (entry) entry.due++;
	}
	return out;
}
