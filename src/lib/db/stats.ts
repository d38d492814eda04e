import Dexie from 'dexie';
import type { CardState } from '$lib/scheduling/card';
import type { InterviewRecord } from '$lib/interview/types';
import type { QuizRecord } from '$lib/quiz/types';
import type { DayDeckTotals, RehearseDB, Settings } from './schema';
import { readSettings } from './settings';

/** What the statistics page reads: never the log, only what is kept beside it. */
export interface StatsData {
	settings: Settings;
	/** The day-and-deck tally from the first day asked for on (everything when null). */
	tally: DayDeckTotals[];
	/** Stored card states of the decks in scope (all decks when `deckIds` is null). */
	cards: CardState[];
	quizAttempts: QuizRecord[];
	interviews: InterviewRecord[];
}

/**
 * Reads the statistics page's data in one transaction: the settings, then the tally rows from the day
 * `firstDay` gives under them (one key range), the card states of the scope, and the quiz attempts and
 * interviews.
 */
export async function readStats(
	db: RehearseDB,
	firstDay: (settings: Settings) => number | null,
	deckIds: readonly string[] | null
): Promise<StatsData> {
	return db.transaction(
		'r',
		[db.settings, db.dayDecks, db.cards, db.quizAttempts, db.interviews],
		async () => {
			const settings = await readSettings(db);
			const fromDay = firstDay(settings);
			const [tally, cards, quizAttempts, interviews] = await Promise.all([
				fromDay === null
					? db.dayDecks.toArray()
					: db.dayDecks
							.where('[day+deckId]')
							.between([fromDay, Dexie.minKey], [Infinity, Dexie.maxKey])
							.toArray(),
				deckIds === null
					? db.cards.toArray()
					: db.cards
							.where('deckId')
							.anyOf([...deckIds])
							.toArray(),
				db.quizAttempts.toArray(),
				db.interviews.toArray()
			]);
			return { settings, tally, cards, quizAttempts, interviews };
		}
	);
}

/** The settings and every stored card state, in one transaction: what the home page's topic map needs. */
export async function readMemory(db: RehearseDB): Promise<{ settings: Settings; cards: CardState[] }> {
	return db.transaction('r', [db.settings, db.cards], async () => {
		const [settings, cards] = await Promise.all([readSettings(db), db.cards.toArray()]);
		return { settings, cards };
	});
}
