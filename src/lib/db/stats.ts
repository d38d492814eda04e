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
 * The card states and tally rows (from `fromDay` on; all when null, none when Infinity) of these decks, from their packed
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
	// One key range per deck (a getAll each): `anyOf` over many keys walks a cursor, many times slower.
	const [fresh, freshTally] = await Promise.all([
		Promise.all(unpacked.map((id) => db.cards.where('deckId').equals(id).toArray())),
		fromDay === Infinity
			? []
			: Promise.all(unpacked.map((id) => db.dayDecks.where('deckId').equals(id).toArray()))
	]);
	const cards: CardState[] = [];
	const tally: DayDeckTotals[] = [];
	for (const d of packed) {
		if (!d) continue;
		for (const c of statesOf(d)) cards.push(c);
		for (const t of tallyOf(d, fromDay)) tally.push(t);
	}
	for (const c of fresh.flat()) cards.push(c);
	for (const t of freshTally.flat()) if (fromDay === null || t.day >= fromDay) tally.push(t);
	return { cards, tally, unpacked };
}

/** Decks a `packDecks` call of this page is packing now: another reader's call skips them. */
const packing = new Set<string>();

/**
 * Packs the card states and tally of these decks into their `deckMemory` rows, reading them and writing
 * the packs in one transaction, so no answer can fall between. One transaction for them all: each commit
 * runs the live queries that read packs again, and those read the decks still unpacked row by row.
 * Readers call it after a read that found decks unpacked (a read inside a live query cannot write).
 */
export async function packDecks(db: RehearseDB, deckIds: readonly string[]): Promise<void> {
	const ids = deckIds.filter((id) => !packing.has(id));
	if (ids.length === 0) return;
	for (const id of ids) packing.add(id);
	try {
		await db.transaction('rw', [db.cards, db.dayDecks, db.deckMemory], async () => {
			const read = (id: string) =>
				Promise.all([
					db.cards.where('deckId').equals(id).toArray(),
					db.dayDecks.where('deckId').equals(id).toArray()
				]);
			const rows = await Promise.all(ids.map(read));
			await db.deckMemory.bulkPut(ids.map((id, i) => digestOf(id, rows[i]![0], rows[i]![1])));
		});
	} finally {
		for (const id of ids) packing.delete(id);
	}
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
		// The map needs no tally: ask for none.
		const { cards, unpacked } = await deckStates(db, deckIds, Infinity);
		return { settings, cards, unpacked };
	});
}
