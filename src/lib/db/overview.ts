import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { activeDays, dueCardIds, metPerDeck, readDayTotals } from './reviews';
import type { Overview } from '$lib/stats/home';
import type { RehearseDB } from './schema';
import { readSettings } from './settings';
import { isHeld, type CardMarks } from '$lib/scheduling/marks';

/**
 * The cards met per deck, counting also the suspended cards never studied: the home screen counts the
 * new cards a deck has left as its cards less those met, and a suspended new card is not one of them.
 */
export async function withSuspendedNew(
	db: RehearseDB,
	met: Map<string, number>,
	marks: readonly CardMarks[]
): Promise<Map<string, number>> {
	const suspended = marks.filter((m) => m.suspended);
	if (suspended.length === 0) return met;
	const stored = await db.cards.bulkGet(suspended.map((m) => m.id));
	const out = new Map(met);
	suspended.forEach((m, i) => {
		if (!stored[i]) out.set(m.deckId, (out.get(m.deckId) ?? 0) + 1);
	});
	return out;
}

/**
 * What the home screen needs, read in one transaction: the cards due today from one range over the
 * `due` index (their states tell reviews from learning cards), unseen counts from the kept deck totals.
 */
export async function readOverview(db: RehearseDB, now: number): Promise<Overview> {
	return db.transaction('r', [db.cards, db.days, db.settings, db.deckTotals, db.cardMarks], async () => {
		const [settings, marks] = await Promise.all([readSettings(db), db.cardMarks.toArray()]);
		const day = dayOf(now, settings.dayStartHour);
		const held = new Set(marks.filter((m) => isHeld(m, now)).map((m) => m.id));
		const [due, met, today, days] = await Promise.all([
			dueCardIds(db, dayEndsAt(now, settings.dayStartHour), held),
			metPerDeck(db).then((met) => withSuspendedNew(db, met, marks)),
			readDayTotals(db, day),
			activeDays(db)
		]);
		return { settings, dueIds: due.all, reviewIds: due.reviews, met, today, activeDays: days, day };
	});
}
