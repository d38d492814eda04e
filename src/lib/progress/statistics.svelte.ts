import { now as clock } from '$lib/clock';
import type { DeckIndex } from '$lib/decks/types';
import { LiveQuery } from '$lib/db/live.svelte';
import type { RehearseDB } from '$lib/db/schema';
import { readStats } from '$lib/db/stats';
import { dayOf } from '$lib/scheduling/day';
import { curveDecay, makeScheduler, recallProbability } from '$lib/scheduling/fsrs';
import {
	firstDayToRead,
	scopeDecks,
	statsFigures,
	type Period,
	type StatsFigures,
	type StatsScope
} from '$lib/stats/figures';

interface Source {
	/** Null until the database is open. */
	db: () => RehearseDB | null;
	index: () => DeckIndex;
	scope: () => StatsScope;
	period: () => Period;
	now?: () => number;
}

/** Reads what the statistics page needs for a scope and period, and computes its figures at `now`. */
async function loadFigures(
	db: RehearseDB,
	index: DeckIndex,
	scope: StatsScope,
	period: Period,
	now: number
): Promise<StatsFigures> {
	const deckIds = scope.kind === 'all' ? null : scopeDecks(index, scope).map((d) => d.id);
	const data = await readStats(db, (s) => firstDayToRead(period, dayOf(now, s.dayStartHour)), deckIds);
	const scheduler = makeScheduler({
		retention: data.settings.retention,
		parameters: data.settings.fsrsParameters
	});
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
		recall: (card) => recallProbability(scheduler, card, now),
		interview: data.settings.interview
			? {
					plan: data.settings.interview,
					decay: curveDecay(scheduler),
					recallAt: (card, at) => recallProbability(scheduler, card, at)
				}
			: undefined
	});
}

/**
 * The statistics page's figures for the scope and period it shows, read again whenever they change
 * and whenever what they were computed from changes (an answer here or in another tab, a sync). Create
 * it while a component initialises.
 */
export class Statistics {
	#query;

	constructor({ db, index, scope, period, now = clock }: Source) {
		this.#query = new LiveQuery(
			([db, index, scope, period]) => loadFigures(db, index, scope, period, now()),
			() => {
				const open = db();
				return open && ([open, index(), scope(), period()] as const);
			}
		);
	}

	/** Null while they are read. */
	get figures(): StatsFigures | null {
		return this.#query.current ?? null;
	}

	/** What went wrong reading them, in words, or null. */
	get error(): string | null {
		const e = this.#query.error;
		return e === undefined ? null : e instanceof Error ? e.message : String(e);
	}
}
