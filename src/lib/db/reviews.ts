import { State, type CardState, type Grade } from '$lib/scheduling/fsrs';
import { StaleCardError } from './errors';
import type { DayTotals, RehearseDB, ReviewLogEntry, ReviewSource } from './schema';

export interface AnswerInput {
	/** The card as the screen showed it (a new card: `newCardState`, rev 0). */
	shown: CardState;
	/** Its state after the answer (from `rate`). */
	next: CardState;
	grade: Grade;
	now: number;
	durationMs: number;
	source: ReviewSource;
	day: number;
}

function emptyDay(day: number): DayTotals {
	return { day, newCount: 0, reviewCount: 0, learnCount: 0 };
}

function bucket(before: CardState | null): 'newCount' | 'reviewCount' | 'learnCount' {
	if (!before || before.state === State.New) return 'newCount';
	return before.state === State.Review ? 'reviewCount' : 'learnCount';
}

/**
 * Stores one answer: the card's new state, its log entry and the day's totals, in one readwrite
 * transaction, so either all three are saved or none is. If the stored card is not the one the
 * screen showed (another tab answered it first), nothing is written and `StaleCardError` is thrown.
 */
export async function recordAnswer(db: RehearseDB, input: AnswerInput): Promise<ReviewLogEntry> {
	return db.transaction('rw', db.cards, db.reviewLog, db.days, async () => {
		const stored = (await db.cards.get(input.shown.id)) ?? null;
		if ((stored?.rev ?? 0) !== input.shown.rev) throw new StaleCardError(input.shown.id);
		const entry: ReviewLogEntry = {
			cardId: input.shown.id,
			deckId: input.shown.deckId,
			rating: input.grade,
			reviewedAt: input.now,
			durationMs: Math.max(0, Math.round(input.durationMs)),
			source: input.source,
			day: input.day,
			before: stored,
			after: input.next
		};
		await db.cards.put(input.next);
		entry.id = await db.reviewLog.add(entry);
		if (input.source === 'review') {
			const totals = (await db.days.get(input.day)) ?? emptyDay(input.day);
			totals[bucket(stored)] += 1;
			await db.days.put(totals);
		}
		return entry;
	});
}

export interface Undone {
	entry: ReviewLogEntry;
	/** The card's restored state, or null when it is new again. */
	restored: CardState | null;
}

/**
 * Undoes the last daily-review answer of review day `day`: the card gets its previous state back and
 * the log entry is removed, in one transaction. Returns null when there is nothing to undo today.
 */
export async function undoLastAnswer(db: RehearseDB, day: number): Promise<Undone | null> {
	return db.transaction('rw', db.cards, db.reviewLog, db.days, async () => {
		const entry = await db.reviewLog
			.toCollection()
			.reverse()
			.filter((e) => e.source === 'review')
			.first();
		if (!entry || entry.id === undefined || entry.day !== day) return null;
		const stored = await db.cards.get(entry.cardId);
		if (!stored || stored.rev !== entry.after.rev) throw new StaleCardError(entry.cardId);
		let restored: CardState | null = null;
		if (entry.before) {
			// Restored exactly, rev included: the card is again the one every screen saw before this answer,
			// so an earlier entry can be undone next and a tab still showing that state may answer it.
			restored = entry.before;
			await db.cards.put(restored);
		} else {
			await db.cards.delete(entry.cardId);
		}
		await db.reviewLog.delete(entry.id);
		const totals = await db.days.get(entry.day);
		if (totals) {
			const key = bucket(entry.before);
			totals[key] = Math.max(0, totals[key] - 1);
			await db.days.put(totals);
		}
		return { entry, restored };
	});
}

/** Stored states of every card in these decks, keyed by card id. */
export async function loadCardStates(
	db: RehearseDB,
	deckIds: readonly string[]
): Promise<Map<string, CardState>> {
	const rows = await db.cards
		.where('deckId')
		.anyOf([...deckIds])
		.toArray();
	return new Map(rows.map((c) => [c.id, c]));
}

export async function readDayTotals(db: RehearseDB, day: number): Promise<DayTotals> {
	return (await db.days.get(day)) ?? emptyDay(day);
}

/** Review days on which at least one card was answered in daily review, ascending. */
export async function activeDays(db: RehearseDB): Promise<number[]> {
	const rows = await db.days.toArray();
	return rows.filter((d) => d.newCount + d.reviewCount + d.learnCount > 0).map((d) => d.day);
}

/** The review log of one card, oldest first. */
export async function cardHistory(db: RehearseDB, cardId: string): Promise<ReviewLogEntry[]> {
	return db.reviewLog.where('cardId').equals(cardId).sortBy('id');
}
