import {
	computeDecayFactor,
	forgetting_curve,
	fsrs,
	generatorParameters,
	GenSeedStrategyWithCardId,
	Rating,
	State,
	StrategyMode,
	type Card,
	type FSRS,
	type Grade
} from 'ts-fsrs';
import { GRADES, RETENTION_MAX, RETENTION_MIN, type CardState } from './card';

export { Rating, State };
export type { Grade };
export { GRADE_NAMES, GRADES, newCardState, RETENTION_MAX, RETENTION_MIN, type CardState } from './card';

export interface SchedulerOptions {
	retention: number;
	/**
	 * The person's own FSRS weights (`Settings.fsrsParameters`, fitted by the optimiser); ts-fsrs's
	 * defaults when absent.
	 */
	parameters?: readonly number[];
	/** Spread due dates a little so cards learned together do not stay together. Off in golden tests. */
	fuzz?: boolean;
}

/**
 * A ts-fsrs scheduler with Rehearse's steps: learn 1m → 10m, relearn 10m.
 *
 * The fuzz is seeded by the card (its id and review count), not by ts-fsrs's default, the review time:
 * the interval a grade button shows (`preview`, when the card shows) and the one the answer gives
 * (`rate`, seconds later) then come from the same draw, and cards answered in the same second still
 * get different draws.
 */
export function makeScheduler({ retention, parameters, fuzz = true }: SchedulerOptions): FSRS {
	const request_retention = Math.min(RETENTION_MAX, Math.max(RETENTION_MIN, retention));
	return fsrs(
		generatorParameters({
			request_retention,
			...(parameters ? { w: [...parameters] } : {}),
			enable_fuzz: fuzz,
			enable_short_term: true,
			learning_steps: ['1m', '10m'],
			relearning_steps: ['10m']
		})
	).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('card_id'));
}

function toFsrs(c: CardState): Card & { card_id: string } {
	return {
		card_id: c.id,
		due: new Date(c.due),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsed_days: c.elapsed_days,
		scheduled_days: c.scheduled_days,
		learning_steps: c.learning_steps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state,
		last_review: c.last_review === null ? undefined : new Date(c.last_review)
	};
}

function fromFsrs(prev: CardState, c: Card): CardState {
	return {
		id: prev.id,
		deckId: prev.deckId,
		due: c.due.getTime(),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsed_days: c.elapsed_days,
		scheduled_days: c.scheduled_days,
		learning_steps: c.learning_steps,
		reps: c.reps,
		lapses: c.lapses,
		state: c.state,
		last_review: c.last_review ? c.last_review.getTime() : null,
		rev: prev.rev + 1
	};
}

/**
 * The card's next state after answering `grade` at `now`.
 *
 * @example rate(scheduler, newCardState('git-basics/what-is-head', t), t, Rating.Good).state === State.Learning
 */
export function rate(scheduler: FSRS, card: CardState, now: number, grade: Grade): CardState {
	return fromFsrs(card, scheduler.next(toFsrs(card), new Date(now), grade).card);
}

/** What each grade would do, for the labels on the answer buttons ("Good · 4d"). */
export function preview(scheduler: FSRS, card: CardState, now: number): Record<Grade, CardState> {
	const out = {} as Record<Grade, CardState>;
	for (const g of GRADES) out[g] = rate(scheduler, card, now, g);
	return out;
}

/** Probability of recalling the card at `now` (0–1); 0 for a card never reviewed. */
export function recallProbability(scheduler: FSRS, card: CardState, now: number): number {
	if (card.state === State.New) return 0;
	return scheduler.get_retrievability(toFsrs(card), new Date(now), false);
}

const DAY_MS = 86_400_000;

/**
 * `recallProbability` for many cards at once: the same value (ts-fsrs's curve, whole days elapsed), with
 * no Date objects per card. The statistics compute it for every card.
 */
export function recallAt(scheduler: FSRS): (card: CardState, now: number) => number {
	const w = scheduler.parameters.w;
	return (card, now) => {
		if (card.state === State.New || card.last_review === null) return 0;
		const days = Math.max(Math.floor((now - card.last_review) / DAY_MS), 0);
		return forgetting_curve(w, days, +card.stability.toFixed(8));
	};
}

/** The decay of the scheduler's forgetting curve R(t) = (1 + f·t/S)^decay (negative). */
export function curveDecay(scheduler: FSRS): number {
	return computeDecayFactor(scheduler.parameters.w).decay;
}

/** A short interval for a button label: "<1m", "10m", "3h", "4d", "2.5mo", "1.2y". */
export function formatInterval(ms: number): string {
	const minutes = ms / 60_000;
	if (minutes < 1) return '<1m';
	if (minutes < 60) return `${Math.round(minutes)}m`;
	const hours = minutes / 60;
	if (hours < 24) return `${Math.round(hours)}h`;
	const days = hours / 24;
	if (days < 30) return `${Math.round(days)}d`;
	const months = days / 30.4375;
	if (months < 12) return `${trim(months)}mo`;
	return `${trim(days / 365.25)}y`;
}

function trim(n: number): string {
	return n < 10 ? (Math.round(n * 10) / 10).toString() : Math.round(n).toString();
}
