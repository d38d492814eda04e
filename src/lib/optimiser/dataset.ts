import { byTime, type LogEntry } from '../scheduling/log';

// What the optimiser learns from: each card's answers in time order, as (grade, days since the card's
// previous answer). Days are review days (`LogEntry.day`, under the day start of the time), as FSRS
// counts them; answers on the same day are 0 days apart (learning steps).

/** One card's answers: grades 1–4 and the review days between each answer and the one before (0 first). */
export interface CardHistory {
	ratings: number[];
	days: number[];
}

/**
 * The minimum history to fit parameters to. fsrs-rs returns its defaults below 8 training items and fits
 * only the four initial stabilities below 64; a few hundred are needed before the other weights move
 * far from noise. A training item is an answer given on a later day than the card's previous one.
 */
export const MIN_REVIEWS = 400;
export const MIN_CARDS = 50;

/** Each card's history, in replay order (`byTime`), cards in order of id. */
export function cardHistories(entries: readonly LogEntry[]): CardHistory[] {
	const byCard = new Map<string, LogEntry[]>();
	for (const e of entries) {
		const list = byCard.get(e.cardId);
		if (list) list.push(e);
		else byCard.set(e.cardId, [e]);
	}
	return [...byCard.keys()].sort().map((id) => {
		const sorted = byCard.get(id)!.sort(byTime);
		return {
			ratings: sorted.map((e) => e.rating),
			days: sorted.map((e, i) => (i === 0 ? 0 : Math.max(0, e.day - sorted[i - 1]!.day)))
		};
	});
}

/** How much history there is to fit to, and whether it is enough. */
export interface HistorySize {
	/** Answers on a later day than the card's previous answer: what FSRS predicts and is fitted on. */
	reviews: number;
	/** Cards with at least one such answer. */
	cards: number;
	enough: boolean;
}

export function historySize(histories: readonly CardHistory[]): HistorySize {
	let reviews = 0;
	let cards = 0;
	for (const h of histories) {
		const n = h.days.filter((d, i) => i > 0 && d > 0).length;
		reviews += n;
		if (n > 0) cards++;
	}
	return { reviews, cards, enough: reviews >= MIN_REVIEWS && cards >= MIN_CARDS };
}

/** The optimiser's input (fsrs-browser's `computeParameters`): items laid end to end. */
export interface OptimiserInput {
	ratings: Uint32Array;
	deltaTs: Uint32Array;
	/** How many answers each item has; an item is a card's history up to one answer on a later day. */
	lengths: Uint32Array;
}

/**
 * One item per answer given on a later day than the card's previous one: the card's answers up to and
 * including it. The optimiser predicts the last answer of each item from the ones before it.
 *
 * @example toOptimiserInput([{ ratings: [3, 3], days: [0, 2] }]).lengths // Uint32Array [2]
 */
export function toOptimiserInput(histories: readonly CardHistory[]): OptimiserInput {
	let total = 0;
	let items = 0;
	for (const h of histories)
		for (let i = 1; i < h.days.length; i++)
			if (h.days[i]! > 0) {
				total += i + 1;
				items++;
			}
	const ratings = new Uint32Array(total);
	const deltaTs = new Uint32Array(total);
	const lengths = new Uint32Array(items);
	let at = 0;
	let item = 0;
	for (const h of histories)
		for (let i = 1; i < h.days.length; i++) {
			if (h.days[i]! === 0) continue;
			ratings.set(h.ratings.slice(0, i + 1), at);
			deltaTs.set(h.days.slice(0, i + 1), at);
			at += i + 1;
			lengths[item++] = i + 1;
		}
	return { ratings, deltaTs, lengths };
}
