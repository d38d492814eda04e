import { dayOf } from '$lib/scheduling/day';
import type { CardState } from '$lib/scheduling/fsrs';
import { activeDays, readDayTotals } from './reviews';
import type { DayTotals, RehearseDB, Settings } from './schema';
import { readSettings } from './settings';

export interface Overview {
	settings: Settings;
	cards: CardState[];
	today: DayTotals;
	activeDays: number[];
	day: number;
}

/** Everything the home and deck screens need from storage, read in one transaction. */
export async function readOverview(db: RehearseDB, now: number): Promise<Overview> {
	return db.transaction('r', db.cards, db.days, db.settings, async () => {
		const settings = await readSettings(db);
		const day = dayOf(now, settings.dayStartHour);
		const [cards, today, days] = await Promise.all([
			db.cards.toArray(),
			readDayTotals(db, day),
			activeDays(db)
		]);
		return { settings, cards, today, activeDays: days, day };
	});
}
