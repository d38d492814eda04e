import { CARD, type CardState } from '$lib/scheduling/card';
import type { Grade } from '$lib/scheduling/fsrs';
import { logEntryId, logEntryIdAfter } from '$lib/id';
import { lastIdOfCard } from './entry-ids';
import { answerSlot, emptyDayDeck } from '$lib/stats/tally';
import { StaleCardError } from './errors';
import type { DayBucket, DayTotals, RehearseDB, ReviewLogEntry, ReviewSource } from './schema';
import { cardCount, type DeckSummary } from '$lib/decks/types';

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
	/** The desired retention `next` was rated with (the scheduler's, after its clamp). */
	retention: number;
	/**
	 * More writes that belong to the answer, made in its transaction once its entry is known (an answer
	 * that makes a leech suspends it: review/card-actions.ts). Loaded by the caller only when needed.
	 */
	alsoWrite?: (entry: ReviewLogEntry) => Promise<unknown>;
}

export function emptyDay(day: number): DayTotals {
	return { day, newCount: 0, reviewCount: 0, learnCount: 0 };
}

/** Which of the day's totals an answer counts in, from the card's state before it. */
export function answerBucket(before: CardState | null): DayBucket {
	if (!before || before.state === CARD.New) return 'newCount';
	return before.state === CARD.Review ? 'reviewCount' : 'learnCount';
}

/**
 * The tables an answer writes. A transaction that wraps `recordAnswer` (a quiz or interview sending
 * cards to review) must cover them all: spread this list into its own.
 */
export function answerTables(db: RehearseDB) {
	return [
		db.cards,
		db.log,
		db.buckets,
		db.days,
		db.deckTotals,
		db.outbox,
		db.dayDecks,
		db.deckMemory,
		db.cardEvents,
		db.cardMarks
	];
}

/** The log entry of an answer, with the card's state before and after it. */
export function logRow(input: AnswerInput, before: CardState | null): ReviewLogEntry {
	return {
		id: logEntryId(input.now),
		cardId: input.shown.id,
		deckId: input.shown.deckId,
		rating: input.grade,
		reviewedAt: input.now,
		durationMs: Math.max(0, Math.round(input.durationMs)),
		source: input.source,
		day: input.day,
		retention: input.retention,
		before,
		after: input.next
	};
}

/**
 * Stores one answer: the card's new state, its log entry, the day's totals and the statistics' tally
 * of its day and deck, in one readwrite transaction, so either all are saved or none is. If the stored card is not the one the screen
 * showed (another tab answered it since), nothing is written and `StaleCardError` is thrown: the answer
 * still counts, and `keepAnswer` (db/recompute.ts, loaded only then) stores it and recomputes the card
 * from both.
 *
 * The entry's id also goes into the sync outbox (a row of two fields), in the same transaction, so that
 * a sync, if the person uses one, sends it later: sync itself never runs on the answer's path.
 *
 * The reads (card, day totals, deck totals) are issued together, then the writes together: two round
 * trips to storage, which is most of the time between a key press and the next card.
 */
export async function recordAnswer(db: RehearseDB, input: AnswerInput): Promise<ReviewLogEntry> {
	return db.transaction('rw', answerTables(db), async () => {
		const { id, deckId } = input.shown;
		const counted = input.source === 'review';
		const [found, dayRow, deckRow, tallyRow] = await Promise.all([
			db.cards.get(id),
			counted ? db.days.get(input.day) : undefined,
			input.shown.rev === 0 ? db.deckTotals.get(deckId) : undefined,
			db.dayDecks.get([input.day, deckId])
		]);
		const stored = found ?? null;
		if ((stored?.rev ?? 0) !== input.shown.rev) throw new StaleCardError(id);
		const bucket = counted ? answerBucket(stored) : null;
		const entry = logRow(input, stored);
		// A replay orders a card's entries by time, then id. An answer in the same millisecond as the card's
		// last one (a fixed clock; a quiz miss right after a review) must still come after it, but ids count
		// up only within one page load: take an id after the card's last.
		if (stored?.last_review === input.now) {
			const top = await lastIdOfCard(db, id);
			if (top >= entry.id) entry.id = logEntryIdAfter(top);
		}
		const totals = dayRow ?? emptyDay(input.day);
		if (bucket) totals[bucket] += 1;
		const tally = tallyRow ?? emptyDayDeck(input.day, deckId);
		tally.answers[answerSlot(stored, input.grade)]! += 1;
		tally.ms += entry.durationMs;
		await Promise.all([
			db.log.add(entry),
			db.outbox.add({ id: entry.id, cardId: entry.cardId }),
			db.cards.put(input.next),
			stored ? undefined : db.deckTotals.put({ deckId, known: (deckRow?.known ?? 0) + 1 }),
			counted ? db.days.put(totals) : undefined,
			db.dayDecks.put(tally),
			// The deck's packed card states are stale now: the next reader makes them again.
			db.deckMemory.delete(deckId),
			input.alsoWrite?.(entry)
		]);
		return entry;
	});
}

/** Cards met per deck (see DeckTotals). */
export async function metPerDeck(db: RehearseDB): Promise<Map<string, number>> {
	return new Map((await db.deckTotals.toArray()).map((d) => [d.deckId, d.known]));
}

/**
 * Ids of all cards due before `end`, and of those among them in the Review state: the daily review
 * limit counts only those, learning cards come on top (see `buildQueue`).
 */
export async function dueCardIds(
	db: RehearseDB,
	end: number,
	held: ReadonlySet<string> = new Set()
): Promise<{ all: string[]; reviews: string[] }> {
	const cards = (await db.cards.where('due').below(end).toArray()).filter((c) => !held.has(c.id));
	return { all: cards.map((c) => c.id), reviews: reviewIds(cards) };
}

/** The ids of the cards in the Review state. */
export function reviewIds(cards: readonly CardState[]): string[] {
	return cards.filter((c) => c.state === CARD.Review).map((c) => c.id);
}

/** Stored states of the cards in these decks that are due before `end`, less the `held` ones. */
export async function loadDueCards(
	db: RehearseDB,
	end: number,
	deckIds: ReadonlySet<string>,
	held: ReadonlySet<string> = new Set()
): Promise<CardState[]> {
	const rows = await db.cards.where('due').below(end).toArray();
	return rows.filter((c) => deckIds.has(c.deckId) && !held.has(c.id));
}

/** A deck as `findUnseen` needs it: its flashcard count and, when the index has it, its content version. */
export interface UnseenDeck {
	id: string;
	counts: Pick<DeckSummary['counts'], 'flashcards' | 'sql'>;
	/** Changes whenever the deck's card ids change (see `DeckSummary.flashcardsVersion`). */
	flashcardsVersion?: string;
}

/**
 * Up to `limit` card ids that have no stored state yet, in deck order, and how many there are in all
 * (`held` ids, the cards suspended or buried now, are counted but not given).
 * A deck whose kept total of cards met is below its card count has its card ids loaded (`cardIdsOf`)
 * and checked against storage in batches. A deck with as many cards met as it has cards is skipped
 * without loading it when its content version is the one last checked: if a build swapped a studied
 * card for a new one, the counts still match but the version does not, so it is checked once more
 * (after the others, and only while there is room), and its version is kept once no card is missing.
 * The answer that meets a deck's last card rewrites its totals without the version, so a deck is
 * checked once after it is first fully met.
 */
export async function findUnseen(
	db: RehearseDB,
	decks: readonly UnseenDeck[],
	known: ReadonlyMap<string, number>,
	limit: number,
	cardIdsOf: (deckId: string) => Promise<string[]>,
	held: ReadonlySet<string> = new Set()
): Promise<{ ids: string[]; total: number }> {
	const ids: string[] = [];
	let total = 0;
	const full: UnseenDeck[] = [];
	const missing = async (deckId: string, all: boolean): Promise<number> => {
		const cardIds = await cardIdsOf(deckId);
		let found = 0;
		for (let i = 0; i < cardIds.length && (all || ids.length < limit); i += 200) {
			const batch = cardIds.slice(i, i + 200);
			const stored = await db.cards.bulkGet(batch);
			batch.forEach((id, k) => {
				if (stored[k]) return;
				found++;
				if (ids.length < limit && !held.has(id)) ids.push(id);
			});
		}
		return found;
	};
	for (const deck of decks) {
		const met = known.get(deck.id) ?? 0;
		if (met >= cardCount(deck)) {
			if (deck.flashcardsVersion !== undefined && cardCount(deck) > 0) full.push(deck);
			continue;
		}
		total += cardCount(deck) - met;
		if (ids.length >= limit) continue;
		if (met === 0) {
			// Nothing of this deck was ever stored: its cards are all unseen, no need to look them up.
			for (const id of await cardIdsOf(deck.id)) {
				if (ids.length >= limit) break;
				if (!held.has(id)) ids.push(id);
			}
			continue;
		}
		await missing(deck.id, false);
	}
	if (ids.length >= limit || full.length === 0) return { ids, total };
	const rows = await db.deckTotals.bulkGet(full.map((d) => d.id));
	for (const [k, deck] of full.entries()) {
		if (ids.length >= limit) break;
		if (rows[k]?.verified === deck.flashcardsVersion) continue;
		let found: number;
		try {
			found = await missing(deck.id, true);
		} catch {
			continue; // the check can wait for a start that can load the deck; today's queue does not need it
		}
		total += found;
		if (found === 0) await db.deckTotals.update(deck.id, { verified: deck.flashcardsVersion });
	}
	return { ids, total };
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
