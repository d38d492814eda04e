import type { CardState } from '../scheduling/card';
import type { MasteryDeck } from './mastery';

export { DEFAULT_TARGET, planDay, type InterviewPlan } from '../scheduling/interview-date';

// The interview date: how much of each topic the person would recall on that day, and what it takes to
// reach a target. Pure: the scheduler's forgetting curve comes in as `recallAt`, its decay as a number.

/**
 * FSRS's forgetting curve is R(t) = (1 + f·t/S)^decay (decay < 0), and the scheduler brings a card back
 * when R falls to the desired retention r. Over one such interval the recall averages
 * (u^(1+decay) − 1) / ((1 + decay)(u − 1)) with u = r^(1/decay), whatever the stability: the recall to
 * expect on a given day of a card whose reviews are kept up. 2r / (1 + r) when decay = −0.5.
 */
export function scheduledRecall(retention: number, decay: number): number {
	const u = Math.pow(retention, 1 / decay);
	return (Math.pow(u, 1 + decay) - 1) / ((1 + decay) * (u - 1));
}

/**
 * How many times as many reviews a day scheduling at retention `to` costs against `from`: every
 * interval shrinks by the same factor, (to^(1/decay) − 1) / (from^(1/decay) − 1).
 */
export function workloadFactor(from: number, to: number, decay: number): number {
	return (Math.pow(from, 1 / decay) - 1) / (Math.pow(to, 1 / decay) - 1);
}

/** A deck's or topic's outlook for the interview day. */
export interface Projection {
	id: string;
	title: string;
	total: number;
	seen: number;
	/** Expected cards recalled on the day with no more study (each card's own curve). */
	idle: number;
	/** Expected cards recalled on the day if the reviews due before it are done. */
	kept: number;
	/** Cards due before the day: reviews at the least between now and then. */
	dueBefore: number;
}

/**
 * Each deck's outlook for the moment `at`: a card never seen counts 0; a seen card due after `at` keeps
 * its own curve's recall at `at`; a seen card due before it counts `scheduledRecall` if kept up, its
 * curve's value if not.
 */
export function projectDecks(
	decks: readonly MasteryDeck[],
	cards: readonly CardState[],
	at: number,
	onSchedule: number,
	recallAt: (card: CardState, at: number) => number
): Projection[] {
	const sums = new Map<string, { seen: number; idle: number; kept: number; dueBefore: number }>();
	for (const c of cards) {
		let s = sums.get(c.deckId);
		if (!s) sums.set(c.deckId, (s = { seen: 0, idle: 0, kept: 0, dueBefore: 0 }));
		const r = recallAt(c, at);
		s.seen++;
		s.idle += r;
		if (c.due <= at) {
			s.dueBefore++;
			s.kept += onSchedule;
		} else s.kept += r;
	}
	return decks.map((d) => {
		const s = sums.get(d.id) ?? { seen: 0, idle: 0, kept: 0, dueBefore: 0 };
		const seen = Math.min(s.seen, d.total);
		return {
			id: d.id,
			title: d.title,
			total: d.total,
			seen,
			idle: Math.min(s.idle, d.total),
			kept: Math.min(s.kept, d.total),
			dueBefore: s.dueBefore
		};
	});
}

/** Several decks' outlooks as one (a topic): the same sums. */
export function combineProjections(id: string, title: string, rows: readonly Projection[]): Projection {
	const sum = (f: (p: Projection) => number) => rows.reduce((n, p) => n + f(p), 0);
	return {
		id,
		title,
		total: sum((p) => p.total),
		seen: sum((p) => p.seen),
		idle: sum((p) => p.idle),
		kept: sum((p) => p.kept),
		dueBefore: sum((p) => p.dueBefore)
	};
}

/** What reaching the target takes, for one outlook. */
export interface Plan {
	/** New cards to learn before the day (0 when the reviews alone reach the target). */
	newCards: number;
	/** Of them, per day left. */
	newPerDay: number;
	/** Reviews due before the day, per day left (at the least: answers bring cards back too). */
	reviewsPerDay: number;
	/** False when even learning every card left falls short; `best` is then the share it would reach. */
	reachable: boolean;
	best: number;
}

/**
 * What it takes to recall `target` of the cards on the day, `daysLeft` review days away (at least 1),
 * if the person keeps up with reviews: every new card learned counts `onSchedule`, as the reviewed ones.
 *
 * @example planFor({ total: 100, seen: 50, kept: 45, … }, 0.9, 0.947, 10).newCards === 48
 */
export function planFor(p: Projection, target: number, onSchedule: number, daysLeft: number): Plan {
	const days = Math.max(1, daysLeft);
	const unseen = p.total - p.seen;
	const best = p.total === 0 ? 0 : (p.kept + unseen * onSchedule) / p.total;
	const missing = target * p.total - p.kept;
	const wanted = missing <= 1e-9 ? 0 : Math.ceil(missing / onSchedule - 1e-9);
	const newCards = Math.min(wanted, unseen);
	return {
		newCards,
		newPerDay: Math.ceil(newCards / days),
		reviewsPerDay: Math.ceil(p.dueBefore / days),
		reachable: wanted <= unseen,
		best
	};
}
