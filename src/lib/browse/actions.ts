import type { CardChange } from '$lib/db/card-events';
import { dayEndsAt } from '$lib/scheduling/day';
import type { FlagColour } from '$lib/scheduling/marks';

/** The actions the browser offers on one card or a selection, as the person names them. */
export type BrowserAction =
	| { kind: 'suspend' }
	| { kind: 'unsuspend' }
	| { kind: 'bury' }
	| { kind: 'unbury' }
	| { kind: 'flag'; colour: FlagColour }
	| { kind: 'forget' }
	| { kind: 'reschedule'; date: string };

/** A date typed as YYYY-MM-DD, as the moment its review day starts (local time); null if not a date. */
export function dueFromDate(date: string, dayStartHour: number): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return null;
	const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), dayStartHour);
	// A day that does not exist (2026-02-30) rolls over into another month: refused.
	return d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? d.getTime() : null;
}

/**
 * The stored change an action makes at `now`: a bury lasts until the review day ends (Anki's "until
 * tomorrow"); a new due date is the start of that day's review day. Null for a date that is not one.
 */
export function changeFor(action: BrowserAction, now: number, dayStartHour: number): CardChange | null {
	switch (action.kind) {
		case 'bury':
			return { action: 'bury', value: dayEndsAt(now, dayStartHour) };
		case 'flag':
			return { action: 'flag', value: action.colour };
		case 'reschedule': {
			const due = dueFromDate(action.date, dayStartHour);
			return due === null ? null : { action: 'reschedule', value: due };
		}
		default:
			return { action: action.kind };
	}
}

/** What the person is told once an action is done, for `n` cards. */
export function actionDone(action: BrowserAction, n: number): string {
	const cards = n === 1 ? 'The card' : `${n.toLocaleString('en')} cards`;
	switch (action.kind) {
		case 'suspend':
			return `${cards} suspended: kept out of review until unsuspended.`;
		case 'unsuspend':
			return `${cards} unsuspended.`;
		case 'bury':
			return `${cards} buried until tomorrow.`;
		case 'unbury':
			return `${cards} back in today's review.`;
		case 'flag':
			return action.colour ? `${cards} flagged.` : `Flag removed from ${cards.toLowerCase()}.`;
		case 'forget':
			return `${cards} forgotten: new again, history kept.`;
		case 'reschedule':
			return `${cards} due on ${action.date}.`;
	}
}
