import type { CardState } from '$lib/scheduling/card';
import { StaleCardError } from './errors';
import { answerBucket, answerTables } from './reviews';
import type { RehearseDB, ReviewLogEntry, ReviewSource } from './schema';

// Undo, in a module of its own: the review loads it when U is first pressed, not with the first card.

/**
 * The answer to undo is not the card's latest change: something wrote the card after it (a quiz miss or
 * an interview sending it back to review), so taking the answer back would throw that change away.
 * Nothing was written. `entryId` is the log entry that cannot be undone; `by` what changed the card.
 * A kind of `StaleCardError`, so code that only knows that one still treats it as a stale card.
 */
export class CardChangedError extends StaleCardError {
	constructor(
		readonly cardId: string,
		readonly entryId: number,
		readonly by: ReviewSource | null
	) {
		super(cardId);
		this.message = `The card ${cardId} changed after the answer to undo.`;
		this.name = 'CardChangedError';
	}
}

export interface Undone {
	entry: ReviewLogEntry;
	/** The card's restored state, or null when it is new again. */
	restored: CardState | null;
}

/**
 * Undoes the last daily-review answer of review day `day`: the card gets its previous state back and
 * the log entry is removed, in one transaction. Returns null when there is nothing to undo today.
 * Entries in `passOver` (ids the person was told cannot be undone) are stepped over, so the answers
 * before them can still be undone.
 *
 * If something wrote the card after that answer (a quiz miss or an interview sent it back), nothing is
 * written and `CardChangedError` says what did; `StaleCardError` when the card is gone or changed with
 * no later entry to explain it.
 */
export async function undoLastAnswer(
	db: RehearseDB,
	day: number,
	passOver: ReadonlySet<number> = new Set()
): Promise<Undone | null> {
	return db.transaction('rw', answerTables(db), async () => {
		const entry = await db.reviewLog
			.toCollection()
			.reverse()
			.filter((e) => e.source === 'review' && !passOver.has(e.id!))
			.first();
		if (!entry || entry.id === undefined || entry.day !== day) return null;
		const stored = await db.cards.get(entry.cardId);
		if (!stored || stored.rev !== entry.after.rev) {
			const later = (await db.reviewLog.where('cardId').equals(entry.cardId).toArray()).filter(
				(e) => e.id! > entry.id!
			);
			if (later.length > 0) throw new CardChangedError(entry.cardId, entry.id, later.at(-1)!.source);
			throw new StaleCardError(entry.cardId);
		}
		const key = answerBucket(entry.before);
		let restored: CardState | null = null;
		if (entry.before) {
			// Restored exactly, rev included: the card is again the one every screen saw before this answer,
			// so an earlier entry can be undone next and a tab still showing that state may answer it.
			restored = entry.before;
			await db.cards.put(restored);
		} else {
			await db.cards.delete(entry.cardId);
			const row = await db.deckTotals.get(entry.deckId);
			await db.deckTotals.put({ deckId: entry.deckId, known: Math.max(0, (row?.known ?? 0) - 1) });
		}
		await db.reviewLog.delete(entry.id);
		const totals = await db.days.get(entry.day);
		if (totals) {
			totals[key] = Math.max(0, totals[key] - 1);
			await db.days.put(totals);
		}
		return { entry, restored };
	});
}
