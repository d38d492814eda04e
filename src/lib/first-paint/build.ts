import { activeDays, readDayTotals, reviewIds } from '$lib/db/reviews';
import type { RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { withSuspendedNew } from '$lib/db/overview';
import type { CardMarks } from '$lib/scheduling/marks';
import type { CardState } from '$lib/scheduling/card';
import { dayOf, dayStartsAt } from '$lib/scheduling/day';
import { countByDeck } from '$lib/stats/due';
import type { Overview } from '$lib/stats/home';
import { HORIZON_DAYS, SNAPSHOT_VERSION, timeZone, type Buckets, type Snapshot } from './format';
import { generation, readSnapshot, writeSnapshot } from './store';

/**
 * The due cards by day with the marks applied: a suspended card is left out; a buried one moves to the
 * day it comes back (`dayIndex` of its moment), if that is within the horizon, as it is then due.
 */
function heldBack(
	byDay: CardState[][],
	marks: readonly CardMarks[],
	dayIndex: (at: number) => number
): CardState[][] {
	if (marks.length === 0) return byDay;
	const byId = new Map(marks.map((m) => [m.id, m]));
	const out: CardState[][] = byDay.map(() => []);
	byDay.forEach((cards, i) => {
		for (const c of cards) {
			const m = byId.get(c.id);
			if (m?.suspended) continue;
			const back = m && m.buriedUntil > 0 ? Math.max(i, dayIndex(m.buriedUntil)) : i;
			out[back]?.push(c);
		}
	});
	return out;
}

/**
 * Reads a fresh snapshot from IndexedDB in one transaction. The due buckets come from ranges of the
 * `due` index, one per review day (a card id starts with its deck id; its state tells a review).
 */
export async function buildSnapshot(db: RehearseDB, now: number, zone = timeZone()): Promise<Snapshot> {
	return db.transaction('r', [db.cards, db.days, db.settings, db.deckTotals, db.cardMarks], async () => {
		const [settings, marks] = await Promise.all([readSettings(db), db.cardMarks.toArray()]);
		const h = settings.dayStartHour;
		const built = dayOf(now, h);
		const horizon = built + HORIZON_DAYS;
		const ranges = [
			db.cards
				.where('due')
				.below(dayStartsAt(built + 1, h))
				.toArray()
		];
		for (let day = built + 1; day <= horizon; day++) {
			const range = db.cards.where('due').between(dayStartsAt(day, h), dayStartsAt(day + 1, h), true, false);
			ranges.push(range.toArray());
		}
		const [found, totals, today, days] = await Promise.all([
			Promise.all(ranges),
			db.deckTotals.toArray(),
			readDayTotals(db, built),
			activeDays(db)
		]);
		const met = await withSuspendedNew(db, new Map(totals.map((t) => [t.deckId, t.known])), marks);
		const cardsByDay = heldBack(found, marks, (at) => Math.max(0, dayOf(at, h) - built));
		const due: Buckets = {};
		const reviews: Buckets = {};
		cardsByDay.forEach((cards, i) => {
			for (const [deck, n] of countByDeck(cards.map((c) => c.id))) (due[deck] ??= {})[built + i] = n;
			for (const [deck, n] of countByDeck(reviewIds(cards))) (reviews[deck] ??= {})[built + i] = n;
		});
		return {
			v: SNAPSHOT_VERSION,
			zone,
			dayStartHour: h,
			built,
			horizon,
			newPerDay: settings.newPerDay,
			reviewsPerDay: settings.reviewsPerDay,
			disabledDecks: settings.disabledDecks,
			met: Object.fromEntries(met),
			due,
			reviews,
			today,
			activeDays: days
		};
	});
}

/**
 * Whether the snapshot says what the home screen's live read says today (the buckets of later days
 * are left to the next day's rebuild).
 */
export function agrees(s: Snapshot, o: Overview, zone = timeZone()): boolean {
	if (s.zone !== zone || s.built !== o.day || s.dayStartHour !== o.settings.dayStartHour) return false;
	if (s.newPerDay !== o.settings.newPerDay || s.reviewsPerDay !== o.settings.reviewsPerDay) return false;
	if (!sameList(s.disabledDecks, o.settings.disabledDecks)) return false;
	const t = s.today.day === o.day ? s.today : null;
	if ((t?.newCount ?? 0) !== o.today.newCount || (t?.reviewCount ?? 0) !== o.today.reviewCount) return false;
	if ((t?.learnCount ?? 0) !== o.today.learnCount || !sameList(s.activeDays, o.activeDays)) return false;
	const met = Object.entries(s.met).filter(([, n]) => n > 0);
	if (met.length !== [...o.met.values()].filter((n) => n > 0).length) return false;
	if (met.some(([deck, n]) => o.met.get(deck) !== n)) return false;
	return (
		sameCounts(countByDeck(o.dueIds), s.due, s.built) &&
		sameCounts(countByDeck(o.reviewIds), s.reviews, s.built)
	);
}

function sameCounts(live: Map<string, number>, buckets: Buckets, built: number): boolean {
	const decks = new Set([...live.keys(), ...Object.keys(buckets)]);
	return [...decks].every((deck) => (live.get(deck) ?? 0) === (buckets[deck]?.[built] ?? 0));
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Called by the home screen with each live read: when the stored snapshot is missing, from an earlier
 * day or disagrees, builds a new one and stores it, unless a write committed meanwhile (in any tab:
 * the generation changed). The live read that write triggers tries again.
 */
export async function refreshSnapshot(db: RehearseDB, live: Overview, now: number): Promise<void> {
	const s = readSnapshot();
	if (s && agrees(s, live)) return;
	const before = generation();
	const fresh = await buildSnapshot(db, now);
	if (generation() === before) writeSnapshot(fresh);
}
