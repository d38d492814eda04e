import { now as clock } from '$lib/clock';
import type { DeckIndex } from '$lib/decks/types';
import { LiveQuery } from '$lib/db/live.svelte';
import type { RehearseDB } from '$lib/db/schema';
import { packDecks, readStats } from '$lib/db/stats';
import { dayOf } from '$lib/scheduling/day';
import { curveDecay, makeScheduler, recallAt } from '$lib/scheduling/fsrs';
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
	const deckIds = scopeDecks(index, scope).map((d) => d.id);
	const data = await readStats(db, (s) => firstDayToRead(period, dayOf(now, s.dayStartHour)), deckIds);
	// Decks changed since their states were packed were read card by card: pack them for the next read
	// (after this one, outside the live query; the write runs it again, and it then finds them packed).
	if (data.unpacked.length > 0) setTimeout(() => void packDecks(db, data.unpacked).catch(() => undefined), 0);
	const scheduler = makeScheduler({
		retention: data.settings.retention,
		parameters: data.settings.fsrsParameters
	});
	const recall = recallAt(scheduler);
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
		recall: (card) => recall(card, now),
		interview: data.settings.interview
			? {
					plan: data.settings.interview,
					decay: curveDecay(scheduler),
					recallAt: recall
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
