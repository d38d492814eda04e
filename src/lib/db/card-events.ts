import { logEntryId, logEntryIdAfter } from '$lib/id';
import type { CardAction, CardEvent } from '$lib/scheduling/marks';
import { changeLog, logTables } from './recompute';
import type { RehearseDB } from './schema';

// Card actions (suspend, bury, flag, forget, set due) are events, stored like log entries: each has a
// UUIDv7 id, none is ever changed, two devices' events merge by id. A card's marks and, for a forget or a
// new due date, its state are recomputed from its events and its log in the same transaction
// (db/recompute.ts), so due counts and statistics change at once and a backup or a sync carries them.

/** What to do to the cards: an action and, for some, its value (see `CardEvent.value`). */
export interface CardChange {
	action: CardAction;
	value?: number;
	/** A suspend made by the app because the card became a leech. */
	leech?: boolean;
}

/**
 * Does one action to each of these cards, in one transaction: an event per card, then their marks
 * and (a forget, a new due date) their states, day and deck totals recomputed. Ids made at `now` count
 * up within the millisecond, so the events of one action keep their order.
 *
 * @example await applyCardAction(db, ['db-transactions/write-skew'], { action: 'suspend' }, now());
 */
export async function applyCardAction(
	db: RehearseDB,
	cardIds: readonly string[],
	change: CardChange,
	now: number
): Promise<void> {
	const unique = [...new Set(cardIds)];
	if (unique.length === 0) return;
	await db.transaction('rw', logTables(db), async () => {
		// A card's answers and events fold in time order, then by id: a new event must come after those
		// stored, even ones made in the same millisecond (a fixed clock; ids count up only within one page
		// load) or with a later time (another device's clock ahead of this one). It is dated at the latest
		// of now, the card's last event and a millisecond after its last answer.
		const last = new Map<string, CardEvent>();
		const [, cards] = await Promise.all([
			db.cardEvents
				.where('cardId')
				.anyOf(unique)
				.each((e) => {
					const top = last.get(e.cardId);
					if (e.at >= now && (!top || e.at > top.at || (e.at === top.at && e.id > top.id)))
						last.set(e.cardId, e);
				}),
			db.cards.bulkGet(unique)
		]);
		const events: CardEvent[] = unique.map((cardId, i) => {
			const top = last.get(cardId);
			const answered = cards[i]?.last_review ?? -Infinity;
			const at = Math.max(now, top?.at ?? now, answered + 1);
			let id = logEntryId(at);
			if (top && top.at === at && top.id >= id) id = logEntryIdAfter(top.id);
			return {
				id,
				cardId,
				action: change.action,
				at,
				...(change.value === undefined ? {} : { value: change.value }),
				...(change.leech ? { leech: true } : {})
			};
		});
		await changeLog(db, { events });
	});
}

/** The events of one card, oldest first (for its page in the browser). */
export async function cardEvents(db: RehearseDB, cardId: string): Promise<CardEvent[]> {
	const rows = await db.cardEvents.where('cardId').equals(cardId).toArray();
	return rows.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}
