import type { CardState } from './card';

/**
 * What a person did to a card besides answering it, as Anki's browser offers: suspend it, bury it until
 * tomorrow, flag it with a colour, forget it (back to new, history kept) or set its due date. Each is an
 * event with a UUIDv7 id, like a log entry, so two devices' events merge by id (db/card-events.ts); the
 * card's marks and, for a forget or a new due date, its state are the fold of its events with its log
 * (card-events.ts, replay.ts). This module holds only what the review's first card needs.
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
