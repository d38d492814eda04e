import type { CardState } from '$lib/scheduling/card';
import type { InterviewRecord } from '$lib/interview/types';
import type { QuizRecord } from '$lib/quiz/types';
import type { DayDeckTotals, RehearseDB, Settings } from './schema';
import { readSettings } from './settings';
import { digestOf, statesOf, tallyOf } from '$lib/stats/digest';

/** What the statistics page reads: never the log, only what is kept beside it. */
export interface StatsData {
	settings: Settings;
	/** The day-and-deck tally of the decks in scope from the first day asked for on (all when null). */
	tally: DayDeckTotals[];
	/** The card states of the decks in scope, as far as the statistics need them (stats/digest.ts). */
	cards: CardState[];
	/** Decks whose packed states were stale and were read from their cards: `packDecks` stores them. */
	unpacked: string[];
	quizAttempts: QuizRecord[];
	interviews: InterviewRecord[];
}

/**
 * The card states and tally rows (from `fromDay` on; all when null) of these decks, from their packed
 * rows; a deck without one (changed since) is read from its cards and tally rows. Inside a transaction
 * over `cards`, `dayDecks` and `deckMemory`.
 */
async function deckStates(
	db: RehearseDB,
	deckIds: readonly string[],
	fromDay: number | null
): Promise<{ cards: CardState[]; tally: DayDeckTotals[]; unpacked: string[] }> {
	const packed = await db.deckMemory.bulkGet([...deckIds]);
	const unpacked = deckIds.filter((_, i) => packed[i] === undefined);
	const [fresh, freshTally] =
		unpacked.length > 0
			? await Promise.all([
					db.cards.where('deckId').anyOf(unpacked).toArray(),
					db.dayDecks.where('deckId').anyOf(unpacked).toArray()
				])
			: [[], []];
	const cards: CardState[] = [];
	const tally: DayDeckTotals[] = [];
	for (const d of packed) {
		if (!d) continue;
		for (const c of statesOf(d)) cards.push(c);
		for (const t of tallyOf(d, fromDay)) tally.push(t);
	}
	for (const c of fresh) cards.push(c);
	for (const t of freshTally) if (fromDay === null || t.day >= fromDay) tally.push(t);
	return { cards, tally, unpacked };
}

/**
 * Packs the card states and tally of these decks into their `deckMemory` rows, reading them and writing
 * the rows in one transaction, so no answer can fall between. Readers call it after a read that found
 * them missing (a read inside a live query cannot write).
 */
export async function packDecks(db: RehearseDB, deckIds: readonly string[]): Promise<void> {
	if (deckIds.length === 0) return;
	await db.transaction('rw', [db.cards, db.dayDecks, db.deckMemory], async () => {
		const [cards, tally] = await Promise.all([
			db.cards
				.where('deckId')
				.anyOf([...deckIds])
				.toArray(),
			db.dayDecks
				.where('deckId')
				.anyOf([...deckIds])
				.toArray()
		]);
		const group = <T extends { deckId: string }>(rows: T[]) => {
			const by = new Map<string, T[]>(deckIds.map((id) => [id, []]));
			for (const r of rows) by.get(r.deckId)?.push(r);
			return by;
		};
		const cardsOf = group(cards);
		const tallyOf = group(tally);
		await db.deckMemory.bulkPut(deckIds.map((id) => digestOf(id, cardsOf.get(id)!, tallyOf.get(id)!)));
	});
}

/**
 * Reads the statistics page's data in one transaction: the settings, then the card states and the
 * tally rows from the day `firstDay` gives under them (packed, see `deckStates`) of the decks in scope,
 * and the quiz attempts and interviews.
 */
export async function readStats(
	db: RehearseDB,
	firstDay: (settings: Settings) => number | null,
	deckIds: readonly string[]
): Promise<StatsData> {
	return db.transaction(
		'r',
		[db.settings, db.dayDecks, db.cards, db.deckMemory, db.quizAttempts, db.interviews],
		async () => {
			const settings = await readSettings(db);
			const [states, quizAttempts, interviews] = await Promise.all([
				deckStates(db, deckIds, firstDay(settings)),
				db.quizAttempts.toArray(),
				db.interviews.toArray()
			]);
			return { settings, ...states, quizAttempts, interviews };
		}
	);
}

/** The settings and the card states of these decks, in one transaction: the home page's topic map. */
export async function readMemory(
	db: RehearseDB,
	deckIds: readonly string[]
): Promise<{ settings: Settings; cards: CardState[]; unpacked: string[] }> {
	return db.transaction('r', [db.settings, db.cards, db.dayDecks, db.deckMemory], async () => {
		const settings = await readSettings(db);
		// The map needs no tally: ask for none (a day after any there is).
		const { cards, unpacked } = await deckStates(db, deckIds, Number.MAX_SAFE_INTEGER);
		return { settings, cards, unpacked };
	});
}
