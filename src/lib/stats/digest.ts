import { CARD, type CardState } from '../scheduling/card';
import type { DayDeckTotals } from './tally';

// A deck's card states and answer tally packed into columns: what the statistics page and the home
// page's topic map need (state, stability, difficulty, last review and due of each card; each review
// day's answers by state and button, and time), one typed array per field. Stored one row per deck (db
// `deckMemory`), it reads in a few milliseconds where the deck's card and tally rows take tens: the
// browser copies an array in one piece, and each stored object field by field. Dropped with every
// change to the deck's cards or answers and made again from them when next read.

export interface DeckMemory {
	deckId: string;
	state: Uint8Array;
	stability: Float64Array;
	difficulty: Float64Array;
	/** ms; NaN for a card never reviewed. */
	lastReview: Float64Array;
	due: Float64Array;
	/** The deck's tally (`dayDecks`): its review days in order, 16 counts per day, the time per day. */
	days: Int32Array;
	answers: Uint32Array;
	ms: Float64Array;
}

/** The columns of a deck's stored card states and tally rows (any order; days come out sorted). */
export function digestOf(
	deckId: string,
	cards: readonly CardState[],
	tally: readonly DayDeckTotals[]
): DeckMemory {
	const n = cards.length;
	const rows = tally.toSorted((a, b) => a.day - b.day);
	const d: DeckMemory = {
		deckId,
		state: new Uint8Array(n),
		stability: new Float64Array(n),
		difficulty: new Float64Array(n),
		lastReview: new Float64Array(n),
		due: new Float64Array(n),
		days: new Int32Array(rows.map((r) => r.day)),
		answers: new Uint32Array(rows.length * 16),
		ms: new Float64Array(rows.map((r) => r.ms))
	};
	rows.forEach((r, i) => d.answers.set(r.answers, i * 16));
	cards.forEach((c, i) => {
		d.state[i] = c.state;
		d.stability[i] = c.stability;
		d.difficulty[i] = c.difficulty;
		d.lastReview[i] = c.last_review ?? Number.NaN;
		d.due[i] = c.due;
	});
	return d;
}

/**
 * The card states back from the columns, with the fields the statistics read; the others (id, steps,
 * reps, lapses, elapsed and scheduled days, rev) are blank. Not for scheduling.
 */
export function statesOf(d: DeckMemory): CardState[] {
	const out: CardState[] = new Array(d.state.length);
	for (let i = 0; i < d.state.length; i++) {
		const last = d.lastReview[i]!;
		out[i] = {
			id: '',
			deckId: d.deckId,
			due: d.due[i]!,
			stability: d.stability[i]!,
			difficulty: d.difficulty[i]!,
			elapsed_days: 0,
			scheduled_days: 0,
			learning_steps: 0,
			reps: d.state[i] === CARD.New ? 0 : 1,
			lapses: 0,
			state: d.state[i] as CardState['state'],
			last_review: Number.isNaN(last) ? null : last,
			rev: 0
		};
	}
	return out;
}

/** The tally rows back from the columns, from review day `fromDay` on (all of them when null). */
export function tallyOf(d: DeckMemory, fromDay: number | null): DayDeckTotals[] {
	const out: DayDeckTotals[] = [];
	for (let i = 0; i < d.days.length; i++) {
		const day = d.days[i]!;
		if (fromDay !== null && day < fromDay) continue;
		out.push({
			day,
			deckId: d.deckId,
			answers: Array.from(d.answers.subarray(i * 16, i * 16 + 16)),
			ms: d.ms[i]!
		});
	}
	return out;
}
