import { readStats } from '$lib/db/stats';
import type { RehearseDB } from '$lib/db/schema';
import type { DeckIndex } from '$lib/decks/types';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler, recallProbability } from '$lib/scheduling/fsrs';
import {
	firstDayToRead,
	scopeDecks,
	statsFigures,
	type Period,
	type StatsFigures,
	type StatsScope
} from '$lib/stats/figures';

/** Reads what the statistics page needs for a scope and period, and computes its figures at `now`. */
export async function loadFigures(
	db: RehearseDB,
	index: DeckIndex,
	scope: StatsScope,
	period: Period,
	now: number
): Promise<StatsFigures> {
	const deckIds = scope.kind === 'all' ? null : scopeDecks(index, scope).map((d) => d.id);
	const data = await readStats(db, (s) => firstDayToRead(period, dayOf(now, s.dayStartHour)), deckIds);
	const scheduler = makeScheduler({ retention: data.settings.retention });
	return statsFigures({
		index,
		scope,
		period,
		now,
		dayStartHour: data.settings.dayStartHour,
		retention: data.settings.retention,
		tally: data.tally,
		cards: data.cards,
		quizAttempts: data.quizAttempts,
		interviews: data.interviews,
		recall: (card) => recallProbability(scheduler, card, now)
	});
}
