import { applyCardAction } from '$lib/db/card-events';
import { describeStorageError } from '$lib/db/errors';
import { eventDocId, type CardEvent, type RehearseDB, type ReviewLogEntry } from '$lib/db/schema';
import { logEntryIdAfter } from '$lib/id';
import { dayEndsAt } from '$lib/scheduling/day';
import { FLAGS, type FlagColour } from '$lib/scheduling/marks';

// The review screen's card actions (bury, suspend, flag) and its leech message: loaded when first used,
// so none of it is part of the first card's code.

/** What an action on the card shown did: `saved` false when storage refused it (nothing changed). */
export interface Acted {
	saved: boolean;
	notice: string;
}

/**
 * Suspends the card, buries it until the review day ends, or sets its flag (0 takes it off), as a card
 * event (db/card-events.ts). Never throws: a failure is said in `notice`.
 */
export async function actOnCard(
	db: RehearseDB,
	cardId: string,
	action: 'suspend' | 'bury' | 'flag',
	flag: FlagColour,
	dayStartHour: number,
	now: number
): Promise<Acted> {
	try {
		await applyCardAction(
			db,
			[cardId],
			action === 'bury'
				? { action, value: dayEndsAt(now, dayStartHour) }
				: action === 'flag'
					? { action, value: flag }
					: { action },
			now
		);
	} catch (e) {
		return { saved: false, notice: `${describeStorageError(e)} The card was not changed.` };
	}
	if (action === 'flag') return { saved: true, notice: flag ? `Flagged ${FLAGS[flag]}.` : 'Flag removed.' };
	return {
		saved: true,
		notice:
			action === 'bury'
				? 'Buried until tomorrow.'
				: 'Suspended: it will not come back until you unsuspend it in Browse.'
	};
}

/** What the person is told, once, when an answer makes a card a leech. */
export function leechNotice(lapses: number, suspended: boolean): string {
	return suspended
		? `Your answer was saved. This card is a leech: you have forgotten it ${lapses} times, so it is suspended. Rewrite it in your own words, or unsuspend it in Browse.`
		: `Your answer was saved. This card is a leech: you have forgotten it ${lapses} times. Rewriting it in your own words often helps.`;
}

/**
 * For `recordAnswer`'s `alsoWrite`: suspends the card the answer made a leech, in the answer's own
 * transaction: its event (a moment after the answer, so a replay folds it after), into the sync outbox,
 * and its marks.
 */
export function suspendAsLeech(db: RehearseDB): (entry: ReviewLogEntry) => Promise<unknown> {
	return async (entry) => {
		const event: CardEvent = {
			id: logEntryIdAfter(entry.id),
			cardId: entry.cardId,
			action: 'suspend',
			at: entry.reviewedAt,
			leech: true
		};
		const marks = (await db.cardMarks.get(entry.cardId)) ?? {
			id: entry.cardId,
			deckId: entry.deckId,
			buriedUntil: 0,
			flag: 0 as const
		};
		await Promise.all([
			db.cardEvents.add(event),
			db.outbox.add({ id: eventDocId(event.id) }),
			db.cardMarks.put({ ...marks, suspended: true })
		]);
	};
}
