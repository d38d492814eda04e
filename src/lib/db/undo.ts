import type { CardState } from '$lib/scheduling/card';
import { changeLog, logTables } from './recompute';
import { lastReviewOfDay } from './entries';
import type { RehearseDB, ReviewLogEntry } from './schema';

// Undo, in a module of its own: the review loads it when U is first pressed, not with the first card.

export interface Undone {
	entry: ReviewLogEntry;
	/** The card's state without the answer, or null when it is new again. */
	restored: CardState | null;
}

/**
 * Undoes the last daily-review answer of review day `day`: its log entry is removed (and its id kept as
 * removed, so no merge brings it back) and the card recomputed from the entries left, in one transaction. Answers that came after it (a quiz or an
 * interview sending the card back) stay and are replayed on the earlier state. Returns null when there
 * is nothing to undo today.
 */
export async function undoLastAnswer(db: RehearseDB, day: number): Promise<Undone | null> {
	return db.transaction('rw', logTables(db), async () => {
		const entry = await lastReviewOfDay(db, day);
		if (!entry) return null;
		const states = await changeLog(db, { remove: new Map([[entry.id, entry.cardId]]) });
		return { entry, restored: states.get(entry.cardId) ?? null };
	});
}
