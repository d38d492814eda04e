import type { FSRS } from 'ts-fsrs';
import { makeScheduler, newCardState, rate, type CardState } from './fsrs';
import { byTime, type LogEntry } from './log';

/** One answer of a replay: the card's state before it (null when new) and after it. */
export interface ReplayStep<E extends LogEntry = LogEntry> {
	entry: E;
	before: CardState | null;
	after: CardState;
}

/**
 * Schedulers by retention, made once each: a replay asks for the same few values again and again. All
 * of them use `parameters`, the person's FSRS weights in force (`Settings.fsrsParameters`; ts-fsrs's
 * defaults when absent), so a card replayed later gets the state a full replay with them gives.
 */
export function schedulerCache(parameters?: readonly number[]): (retention: number) => FSRS {
	const made = new Map<number, FSRS>();
	return (retention) => {
		let s = made.get(retention);
		if (!s) made.set(retention, (s = makeScheduler({ retention, parameters })));
		return s;
	};
}

/**
 * A card's history folded from nothing: its entries in time order (`byTime`), each rated with ts-fsrs
 * from the state the ones before it left, starting from a new card. The last step's `after` is the
 * card's state; an empty list means the card was never answered. `rev` counts the answers, so the
 * same entries always give the same card, whatever order they were stored or merged in.
 *
 * @example replayCard([goodAt9, againAt10], schedulerCache()).at(-1)!.after.lapses === 0
 */
export function replayCard<E extends LogEntry>(
	entries: readonly E[],
	schedulerFor: (retention: number) => FSRS
): ReplayStep<E>[] {
	const steps: ReplayStep<E>[] = [];
	let card: CardState | null = null;
	for (const entry of [...entries].sort(byTime)) {
		const from: CardState = card ?? newCardState(entry.cardId, entry.reviewedAt);
		const after = rate(schedulerFor(entry.retention), from, entry.reviewedAt, entry.rating);
		steps.push({ entry, before: card, after });
		card = after;
	}
	return steps;
}
