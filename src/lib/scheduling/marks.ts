import { deckOf, type CardState } from './card';

/**
 * What a person did to a card besides answering it, as Anki's browser offers: suspend it, bury it until
 * tomorrow, flag it with a colour, forget it (back to new, history kept) or set its due date. Each is an
 * event with a UUIDv7 id, like a log entry, so two devices' events merge by id (db/card-events.ts); the
 * card's marks and, for a forget or a new due date, its state are the fold of its events with its log.
 */
export const CARD_ACTIONS = [
	'suspend',
	'unsuspend',
	'bury',
	'unbury',
	'flag',
	'forget',
	'reschedule'
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** Anki's flag colours, by their number (Ctrl+1…4); 0 is no flag. */
export const FLAGS = ['none', 'red', 'orange', 'green', 'blue'] as const;
export type FlagColour = 0 | 1 | 2 | 3 | 4;
export type FlagName = (typeof FLAGS)[number];

export interface CardEvent {
	/** A UUIDv7 (see `logEntryId`): unique across devices, ordered by time. */
	id: string;
	/** `deck-id/item-id` */
	cardId: string;
	action: CardAction;
	/** When the person did it (ms). */
	at: number;
	/**
	 * `bury`: the moment the card comes back (the next day's start); `flag`: the colour (0 clears it);
	 * `reschedule`: the new due moment (ms). Absent for the others.
	 */
	value?: number;
	/** `suspend` only: the card was suspended by the app because it became a leech. */
	leech?: boolean;
}

/**
 * A card's marks, the fold of its events (`foldMarks`): stored only for a card that has one set.
 * `buriedUntil` stays after the moment passes; `isHeld` compares it with now.
 */
export interface CardMarks {
	/** `deck-id/item-id` */
	id: string;
	deckId: string;
	suspended: boolean;
	/** The card is buried until this moment (ms); 0 when not buried. */
	buriedUntil: number;
	flag: FlagColour;
}

/** Whether a card is kept out of review now: suspended, or buried until a moment still to come. */
export function isHeld(marks: CardMarks | undefined, now: number): boolean {
	return marks !== undefined && (marks.suspended || marks.buriedUntil > now);
}

/** The default number of lapses that makes a card a leech (Anki's default too). */
export const LEECH_LAPSES = 8;

/** A leech: a card forgotten again and again (`lapses` counts since its last forget). */
export function isLeech(card: Pick<CardState, 'lapses'> | undefined, threshold: number): boolean {
	return card !== undefined && card.lapses >= threshold;
}

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
