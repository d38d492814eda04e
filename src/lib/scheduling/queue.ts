import { State, type CardState } from './fsrs';
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
	/** Flashcard ids in scope (one deck, a topic, or every active deck), in deck order. */
	scope: readonly string[];
	/** Known states; a card in scope without one is new. Cards outside the scope are ignored. */
	cards: ReadonlyMap<string, CardState>;
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
 * (anything due before the day rolls over); limits count what was already answered today.
 */
export function buildQueue(input: QueueInput): Queue {
	const { now, dayStartHour, limits, today, scope, cards } = input;
	const dayEnd = dayEndsAt(now, dayStartHour);
	const learning: CardState[] = [];
	const reviews: CardState[] = [];
	const newIds: string[] = [];
	const newRoom = Math.max(0, limits.newPerDay - today.newCount);
	let later = Infinity;
	let unseen = 0;

	for (const id of scope) {
		const card = cards.get(id);
		if (!card || card.state === State.New) {
			unseen++;
			if (newIds.length < newRoom) newIds.push(id);
			continue;
		}
		if (card.state === State.Review) {
			if (card.due < dayEnd) reviews.push(card);
			else later = Math.min(later, card.due);
		} else if (card.due < dayEnd) learning.push(card);
		else later = Math.min(later, card.due);
	}

	learning.sort((a, b) => a.due - b.due);
	reviews.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
	const reviewRoom = Math.max(0, limits.reviewsPerDay - today.reviewCount);
	const capped = reviews.length > reviewRoom || unseen > newIds.length;
	const shownReviews = reviews.slice(0, reviewRoom);

	let nextDue: number | null = Number.isFinite(later) ? later : null;
	if (capped && unseen + reviews.length > 0) nextDue = nextDue === null ? dayEnd : Math.min(nextDue, dayEnd);
	return { learning, reviews: shownReviews, newIds, nextDue, today };
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
	const fresh = queue.newIds[0];
	if (review && fresh !== undefined) {
		const newShare = queue.newIds.length / (queue.today.newCount + queue.newIds.length);
		const reviewShare = queue.reviews.length / (queue.today.reviewCount + queue.reviews.length);
		return newShare > reviewShare ? { kind: 'new', id: fresh } : { kind: 'review', card: review };
	}
	if (review) return { kind: 'review', card: review };
	if (fresh !== undefined) return { kind: 'new', id: fresh };
	if (learning && learning.due <= now + LEARN_AHEAD_MS) return { kind: 'learning', card: learning };
	return null;
}

/** When the session has nothing to show: the earliest moment something will be due. */
export function nextDueAfter(queue: Queue): number | null {
	const learning = queue.learning[0]?.due ?? null;
	if (learning === null) return queue.nextDue;
	return queue.nextDue === null ? learning : Math.min(learning, queue.nextDue);
}
