import { describe, expect, it } from 'vitest';
import { dayEndsAt, dayOf } from './day';
import { newCardState, State, type CardState } from './fsrs';
import {
	buildQueue,
	LEARN_AHEAD_MS,
	nextDueAfter,
	pickNext,
	pickStableUntil,
	type QueueInput
} from './queue';
import { seededRandom } from '$lib/random';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function makeCard(overrides: Partial<CardState> & { id: string }): CardState {
	return {
		...newCardState(overrides.id, NOW),
		state: State.Review,
		reps: 3,
		rev: 3,
		stability: 5,
		...overrides
	};
}

interface TestInput extends Partial<Omit<QueueInput, 'due' | 'unseen' | 'unseenTotal' | 'later'>> {
	/** Card ids in scope, in deck order. */
	scope?: string[];
	/** Stored states (any of them; the helper passes the due ones as the app does). */
	cards?: Map<string, CardState>;
}

/** Builds a queue input the way the review session does: due cards, the unseen ids, the next due. */
function input({ scope = [], cards = new Map(), ...overrides }: TestInput): QueueInput {
	const now = overrides.now ?? NOW;
	const end = dayEndsAt(now, overrides.dayStartHour ?? 4);
	const inScope = [...cards.values()].filter((c) => scope.includes(c.id));
	const unseen = scope.filter((id) => !cards.has(id) || cards.get(id)?.state === State.New);
	const later = inScope.filter((c) => c.due >= end).map((c) => c.due);
	return {
		now,
		dayStartHour: 4,
		limits: { newPerDay: 20, reviewsPerDay: 200 },
		today: { newCount: 0, reviewCount: 0 },
		due: inScope.filter((c) => c.due < end),
		unseen,
		unseenTotal: unseen.length,
		later: later.length ? Math.min(...later) : null,
		...overrides
	};
}

const ids = (n: number, prefix = 'd/n') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const mapOf = (cards: CardState[]) => new Map(cards.map((c) => [c.id, c]));

describe('buildQueue', () => {
	it('takes new cards in deck order up to what is left of the daily limit', () => {
		const q = buildQueue(input({ scope: ids(30), today: { newCount: 15, reviewCount: 0 } }));
		expect(q.newIds).toEqual(ids(5));
	});

	it('counts reviews due any time before the 04:00 rollover as due today, most overdue first', () => {
		const cards = [
			makeCard({ id: 'd/late', due: NOW + 18 * HOUR }), // 03:00 tomorrow: still today
			makeCard({ id: 'd/old', due: NOW - 3 * DAY }),
			makeCard({ id: 'd/tomorrow', due: NOW + 20 * HOUR }) // 05:00 tomorrow: tomorrow
		];
		const q = buildQueue(input({ scope: cards.map((c) => c.id), cards: mapOf(cards) }));
		expect(q.reviews.map((c) => c.id)).toEqual(['d/old', 'd/late']);
		expect(q.nextDue).toBe(NOW + 20 * HOUR);
	});

	it('caps reviews by the daily limit minus reviews already done, and says when more come', () => {
		const cards = ids(10, 'd/r').map((id, i) => makeCard({ id, due: NOW - i * HOUR }));
		const q = buildQueue(
			input({
				scope: cards.map((c) => c.id),
				cards: mapOf(cards),
				limits: { newPerDay: 20, reviewsPerDay: 5 },
				today: { newCount: 0, reviewCount: 2 }
			})
		);
		expect(q.reviews).toHaveLength(3);
		expect(q.reviews[0]?.id).toBe('d/r9');
		expect(q.nextDue).toBe(Date.parse('2026-01-06T04:00:00Z'));
	});

	it('gives a fresh allowance after the day rolls over', () => {
		const scope = ids(30);
		const late = Date.parse('2026-01-06T03:30:00Z');
		const early = Date.parse('2026-01-06T04:30:00Z');
		// The day totals belong to a day; a new day starts from zero.
		const totalsFor = (now: number) =>
			dayOf(now, 4) === dayOf(NOW, 4) ? { newCount: 20, reviewCount: 0 } : { newCount: 0, reviewCount: 0 };
		expect(buildQueue(input({ now: late, scope, today: totalsFor(late) })).newIds).toHaveLength(0);
		expect(buildQueue(input({ now: early, scope, today: totalsFor(early) })).newIds).toHaveLength(20);
	});

	it('treats a card handed in as due but due after the rollover as tomorrow', () => {
		const tomorrow = makeCard({ id: 'd/t', due: NOW + 20 * HOUR });
		const q = buildQueue({ ...input({}), due: [tomorrow], later: NOW + 30 * HOUR });
		expect(q.reviews).toEqual([]);
		expect(q.nextDue).toBe(tomorrow.due);
	});
});

describe('pickNext', () => {
	it('shows a due learning card before anything else', () => {
		const learning = makeCard({ id: 'd/l', state: State.Learning, due: NOW - 1000 });
		const review = makeCard({ id: 'd/r', due: NOW - DAY });
		const q = buildQueue(input({ scope: ['d/r', 'd/l', 'd/new'], cards: mapOf([learning, review]) }));
		expect(pickNext(q, NOW)).toEqual({ kind: 'learning', card: learning });
	});

	it('spreads new cards evenly through the reviews', () => {
		const reviews = ids(8, 'd/r').map((id) => makeCard({ id, due: NOW - DAY }));
		const scope = [...reviews.map((c) => c.id), ...ids(2)];
		let cards = mapOf(reviews);
		let today = { newCount: 0, reviewCount: 0 };
		const order: string[] = [];
		for (let i = 0; i < 10; i++) {
			const pick = pickNext(buildQueue(input({ scope, cards, today })), NOW);
			if (!pick) break;
			order.push(pick.kind);
			// Answering moves the card out of today's queue.
			const id = pick.kind === 'new' ? pick.id : pick.card.id;
			cards = new Map(cards).set(id, makeCard({ id, due: NOW + 10 * DAY }));
			today =
				pick.kind === 'new'
					? { ...today, newCount: today.newCount + 1 }
					: { ...today, reviewCount: today.reviewCount + 1 };
		}
		expect(order).toEqual([
			'review',
			'new',
			'review',
			'review',
			'review',
			'review',
			'new',
			'review',
			'review',
			'review'
		]);
	});

	it('shows a learning card early when it is due within 20 minutes and nothing else is left', () => {
		const soon = makeCard({ id: 'd/l', state: State.Learning, due: NOW + LEARN_AHEAD_MS - 1 });
		expect(pickNext(buildQueue(input({ scope: ['d/l'], cards: mapOf([soon]) })), NOW)).toEqual({
			kind: 'learning',
			card: soon
		});
		const later = makeCard({ id: 'd/l', state: State.Learning, due: NOW + LEARN_AHEAD_MS + 1 });
		const q = buildQueue(input({ scope: ['d/l'], cards: mapOf([later]) }));
		expect(pickNext(q, NOW)).toBeNull();
		expect(nextDueAfter(q)).toBe(later.due);
	});

	it('returns null when the day is done and reports no next card when nothing is scheduled', () => {
		const q = buildQueue(input({ scope: [] }));
		expect(pickNext(q, NOW)).toBeNull();
		expect(nextDueAfter(q)).toBeNull();
	});
});

describe('pickStableUntil', () => {
	it('ends when a learning card falls due and would come first', () => {
		const soon = makeCard({ id: 'd/l', state: State.Learning, due: NOW + 10 * 60_000 });
		const review = makeCard({ id: 'd/r', due: NOW - DAY });
		const q = buildQueue(input({ scope: ['d/r', 'd/l'], cards: mapOf([soon, review]) }));
		const until = pickStableUntil(q, NOW, dayEndsAt(NOW, 4));
		expect(until).toBe(soon.due);
		expect(pickNext(q, until - 1)).toEqual({ kind: 'review', card: review });
		expect(pickNext(q, until)).toEqual({ kind: 'learning', card: soon });
	});

	it('keeps the same pick at every moment before it, on varied queues', () => {
		const random = seededRandom(7);
		const end = dayEndsAt(NOW, 4);
		for (let round = 0; round < 200; round++) {
			const cards = [
				...ids(Math.floor(random() * 4), `q${round}/l`).map((id) =>
					makeCard({ id, state: State.Learning, due: NOW + Math.floor((random() - 0.3) * 6 * HOUR) })
				),
				...ids(Math.floor(random() * 3), `q${round}/r`).map((id) => makeCard({ id, due: NOW - DAY }))
			];
			const scope = [...cards.map((c) => c.id), ...ids(Math.floor(random() * 2), `q${round}/n`)];
			const q = buildQueue(input({ scope, cards: mapOf(cards) }));
			const first = pickNext(q, NOW);
			const until = pickStableUntil(q, NOW, end);
			expect(until).toBeGreaterThan(NOW);
			for (const t of [NOW + 1, until - 1, NOW + Math.floor(random() * (until - NOW))])
				expect(pickNext(q, t), `round ${round} at ${t - NOW} ms`).toEqual(first);
		}
	});
});
