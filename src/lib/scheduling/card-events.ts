import { deckOf } from './card';
import type { CardEvent, CardMarks, FlagColour } from './marks';

/** Every card action, for the checks of backups and of documents from a server (one list, in marks.ts). */
export { CARD_ACTIONS } from './marks';

// Folding card events into marks, and comparing events: what merges, backups and sync need, apart from
// marks.ts so that none of it rides on the review's first card.

/**
 * A card's marks from its events: for each mark, the last event that sets it wins (by time, then id, as
 * every device orders them). Null when no mark is set, so nothing need be stored for the card.
 */
export function foldMarks(cardId: string, events: readonly CardEvent[]): CardMarks | null {
	const marks: CardMarks = { id: cardId, deckId: deckOf(cardId), suspended: false, buriedUntil: 0, flag: 0 };
	const ordered = [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	for (const e of ordered) {
		if (e.action === 'suspend') marks.suspended = true;
		else if (e.action === 'unsuspend') marks.suspended = false;
		else if (e.action === 'bury') marks.buriedUntil = e.value ?? 0;
		else if (e.action === 'unbury') marks.buriedUntil = 0;
		else if (e.action === 'flag') marks.flag = toFlag(e.value);
	}
	return hasMarks(marks) ? marks : null;
}

/** Whether any mark is set (a buried card counts until its row is folded again). */
export function hasMarks(m: CardMarks): boolean {
	return m.suspended || m.buriedUntil > 0 || m.flag !== 0;
}

/** A flag colour from a stored number; anything else clears the flag. */
export function toFlag(value: number | undefined): FlagColour {
	return value === 1 || value === 2 || value === 3 || value === 4 ? value : 0;
}

/** Two copies of one card event say the same thing. */
export function sameEvent(a: CardEvent, b: CardEvent): boolean {
	return (
		a.id === b.id &&
		a.cardId === b.cardId &&
		a.action === b.action &&
		a.at === b.at &&
		a.value === b.value &&
		(a.leech ?? false) === (b.leech ?? false)
	);
}

/** The card event alone, with no field beyond the event's. */
export function eventFacts(e: CardEvent): CardEvent {
	return {
		id: e.id,
		cardId: e.cardId,
		action: e.action,
		at: e.at,
		...(e.value === undefined ? {} : { value: e.value }),
		...(e.leech ? { leech: true } : {})
	};
}
