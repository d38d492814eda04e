import { dayOf, dayStartsAt } from '$lib/scheduling/day';
import { countByDeck } from '$lib/stats/due';
import type { Overview } from './overview';
import { activeDays, readDayTotals, reviewIds } from './reviews';
import type { RehearseDB } from './schema';
import { readSettings } from './settings';
import {
	HORIZON_DAYS,
	readSnapshot,
	SNAPSHOT_KEY,
	SNAPSHOT_VERSION,
	snapshotStore,
	timeZone,
	WRITES_KEY,
	type Snapshot
} from './snapshot';

// Building the home snapshot (see snapshot.ts) from IndexedDB and checking it against a live read. Only
// the home screen does this, so it lives apart from the notes every write path loads.

/**
 * Reads a fresh snapshot from IndexedDB in one transaction. The due buckets come from ranges of the
 * `due` index, one per review day (a card id starts with its deck id; its state tells a review).
 */
export async function buildSnapshot(db: RehearseDB, now: number, zone = timeZone()): Promise<Snapshot> {
	return db.transaction('r', [db.cards, db.days, db.settings, db.deckTotals], async () => {
		const settings = await readSettings(db);
		const h = settings.dayStartHour;
		const built = dayOf(now, h);
		const horizon = built + HORIZON_DAYS;
		const ranges = [
			db.cards
				.where('due')
				.below(dayStartsAt(built + 1, h))
				.toArray()
		];
		for (let day = built + 1; day <= horizon; day++)
			ranges.push(
				db.cards
					.where('due')
					.between(dayStartsAt(day, h), dayStartsAt(day + 1, h), true, false)
					.toArray()
			);
		const [cardsByDay, totals, today, days] = await Promise.all([
			Promise.all(ranges),
			db.deckTotals.toArray(),
			readDayTotals(db, built),
			activeDays(db)
		]);
		const due: Snapshot['due'] = {};
		const reviews: Snapshot['reviews'] = {};
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
			known: Object.fromEntries(totals.map((t) => [t.deckId, t.known])),
			due,
			reviews,
			today,
			activeDays: days
		};
	});
}

/** Whether the snapshot says exactly what the home screen's live read says, today. */
export function agrees(s: Snapshot, o: Overview, zone = timeZone()): boolean {
	if (s.zone !== zone || s.built !== o.day || s.dayStartHour !== o.settings.dayStartHour) return false;
	if (s.newPerDay !== o.settings.newPerDay || s.reviewsPerDay !== o.settings.reviewsPerDay) return false;
	if (!sameList(s.disabledDecks, o.settings.disabledDecks)) return false;
	const t = s.today.day === o.day ? s.today : null;
	if ((t?.newCount ?? 0) !== o.today.newCount || (t?.reviewCount ?? 0) !== o.today.reviewCount) return false;
	if ((t?.learnCount ?? 0) !== o.today.learnCount || !sameList(s.activeDays, o.activeDays)) return false;
	const known = Object.entries(s.known).filter(([, n]) => n > 0);
	if (known.length !== [...o.known.values()].filter((n) => n > 0).length) return false;
	if (known.some(([deck, n]) => o.known.get(deck) !== n)) return false;
	return (
		sameCounts(countByDeck(o.dueIds), s.due, s.built) &&
		sameCounts(countByDeck(o.reviewIds), s.reviews, s.built)
	);
}

/** Whether per-deck counts read live equal the snapshot's buckets of day `built`. */
function sameCounts(live: Map<string, number>, buckets: Snapshot['due'], built: number): boolean {
	const decks = new Set([...live.keys(), ...Object.keys(buckets)]);
	return [...decks].every((deck) => (live.get(deck) ?? 0) === (buckets[deck]?.[built] ?? 0));
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Called by the home screen with each live read: when the stored snapshot is missing, from an earlier
 * day or disagrees, builds a new one and stores it, unless a write was noted meanwhile (the next live
 * read, which that write triggers, tries again).
 */
export async function refreshSnapshot(db: RehearseDB, live: Overview, now: number): Promise<void> {
	const store = snapshotStore();
	if (!store) return;
	const s = readSnapshot(store);
	if (s && agrees(s, live)) return;
	const writes = store.getItem(WRITES_KEY);
	const fresh = await buildSnapshot(db, now);
	if (store.getItem(WRITES_KEY) !== writes) return;
	try {
		store.setItem(SNAPSHOT_KEY, JSON.stringify(fresh));
	} catch {
		store.removeItem(SNAPSHOT_KEY);
	}
}
