import type { FSRS } from 'ts-fsrs';
import { makeScheduler, newCardState, rate, type CardState } from './fsrs';
import { byTime, type LogEntry } from './log';
import type { CardEvent } from './marks';

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
	return foldCard(entries, [], schedulerFor).steps;
}

/** Events that change a card's memory state; the others (suspend, bury, flag) leave it alone. */
export function changesState(event: Pick<CardEvent, 'action'>): boolean {
	return event.action === 'forget' || event.action === 'reschedule';
}

/**
 * A card's entries and events folded together, in time order (then by id: both are UUIDv7s, so every
 * device folds them alike). An answer is rated from the state before it (a new card when there is
 * none); a forget leaves no state, so the next answer starts the card anew, as a new card, while the
 * entries before it stay in the log; a new due date moves a studied card's `due` (a card with no state
 * has no due date to move). `state` is what the card is after all of them: null when it was never
 * answered, or forgotten since its last answer. Events that do not change the state are skipped.
 * `from` is the state before all of them (a stored state, when only events after it are folded).
 */
export function foldCard<E extends LogEntry>(
	entries: readonly E[],
	events: readonly CardEvent[],
	schedulerFor: (retention: number) => FSRS,
	from: CardState | null = null
): { steps: ReplayStep<E>[]; state: CardState | null } {
	const steps: ReplayStep<E>[] = [];
	let card: CardState | null = from;
	const answers = [...entries].sort(byTime);
	const changes = events.filter(changesState).sort(byEventTime);
	let k = 0;
	const applyUntil = (at: number, id: string) => {
		for (; k < changes.length; k++) {
			const e = changes[k]!;
			if (e.at > at || (e.at === at && e.id > id)) return;
			if (e.action === 'forget') card = null;
			else if (card && e.value !== undefined) card = { ...card, due: e.value, rev: card.rev + 1 };
		}
	};
	for (const entry of answers) {
		applyUntil(entry.reviewedAt, entry.id);
		const from: CardState = card ?? newCardState(entry.cardId, entry.reviewedAt);
		const after = rate(schedulerFor(entry.retention), from, entry.reviewedAt, entry.rating);
		steps.push({ entry, before: card, after });
		card = after;
	}
	applyUntil(Infinity, '');
	return { steps, state: card };
}

/** The order events are folded in: by time, then by id. */
export function byEventTime(a: CardEvent, b: CardEvent): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
