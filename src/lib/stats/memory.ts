import { CARD, type CardState } from '../scheduling/card';
import { dayOf } from '../scheduling/day';

// What the statistics page shows about the cards' memory states: how many are in each state, the
// spread of FSRS difficulty, stability and retrievability, and how many fall due on each coming day.
// `recall` (the probability of recalling a card now) is passed in, so this module needs no scheduler.

/** Cards by state; `unseen` are the scope's cards never answered (no stored state). */
export interface StateCounts {
	unseen: number;
	learning: number;
	review: number;
	relearning: number;
}

export function stateCounts(cards: readonly CardState[], total: number): StateCounts {
	const out = { unseen: 0, learning: 0, review: 0, relearning: 0 };
	for (const c of cards) {
		if (c.state === CARD.Learning) out.learning++;
		else if (c.state === CARD.Review) out.review++;
		else if (c.state === CARD.Relearning) out.relearning++;
	}
	out.unseen = Math.max(0, total - out.learning - out.review - out.relearning);
	return out;
}

/** A bar of a distribution: values in [from, to), and how many cards have one. */
export interface Bin {
	label: string;
	count: number;
}

function binned(values: Iterable<number>, edges: readonly number[], labels: readonly string[]): Bin[] {
	const counts = labels.map(() => 0);
	for (const v of values) {
		let i = edges.findIndex((edge) => v < edge);
		if (i === -1) i = labels.length - 1;
		counts[Math.max(0, i - 1)]!++;
	}
	return labels.map((label, i) => ({ label, count: counts[i]! }));
}

/** Cards that have been answered at least once past the New state: the ones FSRS has a memory of. */
function remembered(cards: readonly CardState[]): CardState[] {
	return cards.filter((c) => c.state !== CARD.New && c.stability > 0);
}

/**
 * FSRS difficulty (1 easiest to 10 hardest) in nine bins of one point; 10 itself goes in the last.
 *
 * @example difficultyBins(cards)[0] // { label: '1–2', count: 3 }
 */
export function difficultyBins(cards: readonly CardState[]): Bin[] {
	const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9, Infinity];
	const labels = edges.slice(0, 9).map((e) => `${e}–${e + 1}`);
	return binned(
		remembered(cards).map((c) => c.difficulty),
		edges,
		labels
	);
}

/** FSRS stability (days until recall falls to 90 %), in bins a person reads at a glance. */
export function stabilityBins(cards: readonly CardState[]): Bin[] {
	return binned(
		remembered(cards).map((c) => c.stability),
		[0, 1, 7, 30, 90, 180, 365, Infinity],
		['< 1 day', '1–7 days', '1–4 weeks', '1–3 months', '3–6 months', '6–12 months', '> 1 year']
	);
}

/** Retrievability now (the probability of recall), in tenths. */
export function retrievabilityBins(cards: readonly CardState[], recall: (card: CardState) => number): Bin[] {
	const edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, Infinity];
	const labels = edges.slice(0, 10).map((e) => `${Math.round(e * 100)}–${Math.round(e * 100) + 10}%`);
	return binned(
		remembered(cards).map((c) => recall(c)),
		edges,
		labels
	);
}

/**
 * Cards falling due on each of the next `days` review days, today first; cards overdue count for today.
 * Cards never answered are not due on any day.
 *
 * @example forecast(cards, now, 4, 30)[0] // due today, overdue included
 */
export function forecast(
	cards: readonly CardState[],
	now: number,
	dayStartHour: number,
	days: number
): number[] {
	const today = dayOf(now, dayStartHour);
	const out = new Array<number>(days).fill(0);
	for (const c of cards) {
		if (c.state === CARD.New) continue;
		const i = Math.max(0, dayOf(c.due, dayStartHour) - today);
		if (i < days) out[i]!++;
	}
	return out;
}
