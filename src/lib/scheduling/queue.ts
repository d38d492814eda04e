import { CARD, type CardState } from './card';
import { dayEndsAt } from './day';

export interface Limits {
	newPerDay: number;
	reviewsPerDay: number;
}

/** What was already answered today in daily review (from the day's totals). */
export interface DayCounts {
	newCount: number;
	reviewCount: number;
}

export interface QueueInput {
	now: number;
	dayStartHour: number;
	limits: Limits;
	today: DayCounts;
	/** Stored cards in scope that are due before the day ends; others are ignored. */
	due: Iterable<CardState>;
	/** Ids of cards in scope never studied, in deck order (at least as many as today's new-card room). */
	unseen: readonly string[];
	/** How many cards in scope were never studied, in all. */
	unseenTotal: number;
	/** The earliest due moment at or after the day's end in scope, or null if none. */
	later: number | null;
}

export interface Queue {
	/** Learning and relearning cards due today, earliest first. */
	learning: CardState[];
	/** Review cards due today, most overdue first, capped by what is left of the review limit. */
	reviews: CardState[];
	/** New cards to introduce today, in deck order, capped by what is left of the new-card limit. */
	newIds: string[];
	/** When the next card becomes available once this queue is empty, or null if nothing is scheduled. */
	nextDue: number | null;
	today: DayCounts;
}

/** Learning cards due within this window may be shown early when nothing else is left (as Anki does). */
export const LEARN_AHEAD_MS = 20 * 60_000;

/**
 * Today's queue for a scope. Learning cards are due by the minute; review cards are due for the day
 * (anything due before the day rolls over); limits count what was already answered today. It takes
 * only the due cards and the first unseen ids, so it stays cheap on a collection of any size.
 */
export function buildQueue(input: QueueInput): Queue {
	const { now, dayStartHour, limits, today } = input;
	const dayEnd = dayEndsAt(now, dayStartHour);
	const learning: CardState[] = [];
	const reviews: CardState[] = [];
	let later = input.later ?? Infinity;
	for (const card of input.due) {
		if (card.state === CARD.New) continue;
		if (card.due >= dayEnd) later = Math.min(later, card.due);
		else if (card.state === CARD.Review) reviews.push(card);
		else learning.push(card);
	}
	learning.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
	reviews.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
	const newRoom = Math.max(0, limits.newPerDay - today.newCount);
	const reviewRoom = Math.max(0, limits.reviewsPerDay - today.reviewCount);
	const newIds = input.unseen.slice(0, newRoom);
	const capped = reviews.length > reviewRoom || input.unseenTotal > newIds.length;

	let nextDue: number | null = Number.isFinite(later) ? later : null;
	if (capped) nextDue = nextDue === null ? dayEnd : Math.min(nextDue, dayEnd);
	return { learning, reviews: reviews.slice(0, reviewRoom), newIds, nextDue, today };
}

export type Pick =
	{ kind: 'learning'; card: CardState } | { kind: 'review'; card: CardState } | { kind: 'new'; id: string };

/**
 * The next card to show. Learning cards come first once due; then reviews and new cards are
 * interleaved so that new cards spread evenly through the day's reviews; a learning card due
 * within 20 minutes is shown early rather than ending the session. Null when nothing is left.
 */
export function pickNext(queue: Queue, now: number): Pick | null {
	const learning = queue.learning[0];
	if (learning && learning.due <= now) return { kind: 'learning', card: learning };
	const review = queue.reviews[0];
	const nextNew = queue.newIds[0];
	if (review && nextNew !== undefined) {
		const newShare = queue.newIds.length / (queue.today.newCount + queue.newIds.length);
		const reviewShare = queue.reviews.length / (queue.today.reviewCount + queue.reviews.length);
		return newShare > reviewShare ? { kind: 'new', id: nextNew } : { kind: 'review', card: review };
	}
	if (review) return { kind: 'review', card: review };
	if (nextNew !== undefined) return { kind: 'new', id: nextNew };
	if (learning && learning.due <= now + LEARN_AHEAD_MS) return { kind: 'learning', card: learning };
	return null;
}

/** When the session has nothing to show: the earliest moment something will be due. */
export function nextDueAfter(queue: Queue): number | null {
	const learning = queue.learning[0]?.due ?? null;
	if (learning === null) return queue.nextDue;
	return queue.nextDue === null ? learning : Math.min(learning, queue.nextDue);
}

/**
 * A moment before which `pickNext` gives the same answer for this queue, if nothing is written meanwhile
 * (it may be earlier than needed, never later): the moment the next learning card not yet due falls due
 * (it could then come first), or, when nothing is left to show, the moment it enters the learn-ahead
 * window; at the latest the end of the day.
 */
export function pickStableUntil(queue: Queue, now: number, dayEnd: number): number {
	const next = queue.learning.find((c) => c.due > now);
	if (!next) return dayEnd;
	const changes = pickNext(queue, now) === null ? next.due - LEARN_AHEAD_MS : next.due;
	return Math.min(changes, dayEnd);
}
