import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { activeDays, dueCardIds, metPerDeck, readDayTotals } from './reviews';
import type { Overview } from '$lib/stats/home';
import type { RehearseDB } from './schema';
import { readSettings } from './settings';

/**
 * What the home screen needs, read in one transaction: the cards due today from one range over the
 * `due` index (their states tell reviews from learning cards), unseen counts from the kept deck totals.
 */
export async function readOverview(db: RehearseDB, now: number): Promise<Overview> {
	return db.transaction('r', [db.cards, db.days, db.settings, db.deckTotals], async () => {
		const settings = await readSettings(db);
		const day = dayOf(now, settings.dayStartHour);
		const [due, met, today, days] = await Promise.all([
			dueCardIds(db, dayEndsAt(now, settings.dayStartHour)),
			metPerDeck(db),
			readDayTotals(db, day),
			activeDays(db)
		]);
		return { settings, dueIds: due.all, reviewIds: due.reviews, met, today, activeDays: days, day };
	});
}
