import { isHeld, type CardMarks } from '$lib/scheduling/marks';
import type { RehearseDB } from './schema';

// Reading the marks card actions leave (db/card-events.ts writes them). Apart from the writes, so the
// review's queue reads them without loading the code that recomputes cards.

/** Every card's marks, by card id (only cards with a mark set are stored). */
export async function readMarks(db: RehearseDB): Promise<Map<string, CardMarks>> {
	return new Map((await db.cardMarks.toArray()).map((m) => [m.id, m]));
}

/** The ids of the cards kept out of review at `now`: suspended, or buried until later. */
export async function heldIds(db: RehearseDB, now: number): Promise<Set<string>> {
	const held = new Set<string>();
	await db.cardMarks.each((m) => {
		if (isHeld(m, now)) held.add(m.id);
	});
	return held;
}
