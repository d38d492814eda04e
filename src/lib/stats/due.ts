import type { DeckIndex } from '$lib/decks/types';
import { State, type CardState } from '$lib/scheduling/fsrs';
import { dayEndsAt } from '$lib/scheduling/day';

export interface DeckDue {
	/** Learning and review cards due today. */
	due: number;
	/** Cards never studied. */
	unseen: number;
}

/**
 * Due and unseen counts per deck, for the home screen. Pure: give it the index, the stored card
 * states and `now`.
 */
export function dueByDeck(
	index: DeckIndex,
	cards: Iterable<CardState>,
	now: number,
	dayStartHour: number
): Map<string, DeckDue> {
	const end = dayEndsAt(now, dayStartHour);
	const out = new Map<string, DeckDue>();
	for (const d of index.decks) out.set(d.id, { due: 0, unseen: d.cardIds.length });
	const inIndex = new Set(index.decks.flatMap((d) => d.cardIds.map((c) => `${d.id}/${c}`)));
	for (const c of cards) {
		const entry = out.get(c.deckId);
		if (!entry || !inIndex.has(c.id)) continue;
		if (c.state === State.New) continue;
		entry.unseen--;
		if (c.due < end) entry.due++;
	}
	return out;
}
