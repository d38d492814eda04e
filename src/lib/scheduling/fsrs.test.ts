import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CARD, GRADE_NAMES, GRADES } from './card';
import {
	curveDecay,
	recallAt,
	formatInterval,
	makeScheduler,
	newCardState,
	preview,
	rate,
	Rating,
	recallProbability,
	State,
	type Grade
} from './fsrs';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

describe('FSRS golden sequence (retention 0.90, fuzz off, fixed UTC clock)', () => {
	it('learns, graduates, lapses and relearns exactly as pinned', () => {
		const scheduler = makeScheduler({ retention: 0.9, fuzz: false });
		const steps: [Grade, string, State, number, number][] = [
			// grade, due, state, stability, difficulty
			[Rating.Good, '2026-01-05T09:10:00.000Z', State.Learning, 2.3065, 2.1181],
			[Rating.Good, '2026-01-07T09:10:00.000Z', State.Review, 2.3065, 2.1112],
			[Rating.Good, '2026-01-18T09:10:00.000Z', State.Review, 10.971, 2.1043],
			[Rating.Again, '2026-01-18T09:20:00.000Z', State.Relearning, 1.539, 7.39],
			[Rating.Good, '2026-01-20T09:20:00.000Z', State.Review, 1.5718, 7.3778],
			[Rating.Easy, '2026-01-28T09:20:00.000Z', State.Review, 7.8703, 6.4868]
		];
		let card = newCardState('git-basics/head', T0);
		let now = T0;
		steps.forEach(([grade, due, state, stability, difficulty], n) => {
			const next = rate(scheduler, card, now, grade);
			expect(new Date(next.due).toISOString(), `step ${n + 1}`).toBe(due);
			expect(next.state, `step ${n + 1}`).toBe(state);
			expect(next.stability).toBeCloseTo(stability, 3);
			expect(next.difficulty).toBeCloseTo(difficulty, 3);
			// Invariants at every step: due is in the future, rev and reps move by one, ids are kept.
			expect(next.due).toBeGreaterThan(now);
			expect(next.rev).toBe(card.rev + 1);
			expect(next.reps).toBe(card.reps + 1);
			expect(next.id).toBe('git-basics/head');
			expect(next.deckId).toBe('git-basics');
			expect(next.last_review).toBe(now);
			card = next;
			now = next.due;
		});
		expect(card.lapses).toBe(1);
	});

	it('labels a new card Again 1m, Hard 6m, Good 10m, Easy 8d', () => {
		const scheduler = makeScheduler({ retention: 0.9, fuzz: false });
		const outcomes = preview(scheduler, newCardState('d/c', T0), T0);
		expect([1, 2, 3, 4].map((g) => formatInterval(outcomes[g as Grade].due - T0))).toEqual([
			'1m',
			'6m',
			'10m',
			'8d'
		]);
	});

	it('schedules further out at lower desired retention', () => {
		const at = (retention: number) => {
			const s = makeScheduler({ retention, fuzz: false });
			const learned = rate(s, rate(s, newCardState('d/c', T0), T0, Rating.Good), T0 + 10 * MIN, Rating.Good);
			return rate(s, learned, learned.due, Rating.Good).scheduled_days;
		};
		expect(at(0.8)).toBeGreaterThan(at(0.9));
		expect(at(0.9)).toBeGreaterThan(at(0.97));
	});

	it('clamps retention into 0.70–0.97', () => {
		const reviewDays = (retention: number) => {
			const s = makeScheduler({ retention, fuzz: false });
			return rate(s, newCardState('d/c', T0), T0, Rating.Easy).scheduled_days;
		};
		expect(reviewDays(0.5)).toBe(reviewDays(0.7));
		expect(reviewDays(0.999)).toBe(reviewDays(0.97));
	});

	it('keeps fuzzed intervals near the unfuzzed ones', () => {
		const plain = makeScheduler({ retention: 0.9, fuzz: false });
		const fuzzed = makeScheduler({ retention: 0.9, fuzz: true });
		const base = rate(plain, newCardState('d/c', T0), T0, Rating.Easy);
		const later = base.due + 30 * DAY;
		const a = rate(plain, base, later, Rating.Good).scheduled_days;
		const b = rate(fuzzed, base, later, Rating.Good).scheduled_days;
		expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.ceil(a * 0.15) + 1);
	});

	// Exploratory finding 9: the label on a grade button (the preview when the card shows) and the
	// interval the answer gave (rated seconds later) came from two fuzz draws seeded with the two times.
	it('gives the interval the preview showed when the answer comes seconds later (fuzz on)', () => {
		const plain = makeScheduler({ retention: 0.9, fuzz: false });
		const fuzzed = makeScheduler({ retention: 0.9, fuzz: true });
		let card = rate(plain, newCardState('d/c', T0), T0, Rating.Easy);
		for (let i = 0; i < 6; i++) {
			const shownAt = card.due + (i + 1) * 7 * DAY + i * 3_517_000;
			const previewed = preview(fuzzed, card, shownAt);
			for (const answeredAt of [shownAt + 2_000, shownAt + 41_000]) {
				for (const g of [Rating.Hard, Rating.Good, Rating.Easy] as Grade[]) {
					const given = rate(fuzzed, card, answeredAt, g);
					expect(given.scheduled_days).toBe(previewed[g].scheduled_days);
					expect(given.due - answeredAt).toBe(previewed[g].due - shownAt);
				}
			}
			card = rate(fuzzed, card, shownAt, Rating.Good);
		}
	});

	it('still spreads cards learned together: the fuzz differs from card to card', () => {
		const fuzzed = makeScheduler({ retention: 0.9, fuzz: true });
		const plain = makeScheduler({ retention: 0.9, fuzz: false });
		const base = rate(plain, newCardState('d/c0', T0), T0, Rating.Easy);
		const days = new Set<number>();
		for (let i = 0; i < 20; i++) {
			const card = { ...base, id: `d/c${i}` };
			days.add(rate(fuzzed, card, base.due + 40 * DAY, Rating.Good).scheduled_days);
		}
		expect(days.size).toBeGreaterThan(1);
	});
});

describe('formatInterval', () => {
	it.each([
		[30_000, '<1m'],
		[MIN, '1m'],
		[10 * MIN, '10m'],
		[3 * 60 * MIN, '3h'],
		[DAY, '1d'],
		[4 * DAY, '4d'],
		[75 * DAY, '2.5mo'],
		[400 * DAY, '1.1y'],
		[4000 * DAY, '11y']
	])('%d ms → %s', (ms, label) => {
		expect(formatInterval(ms)).toBe(label);
	});
});

describe('CARD', () => {
	it('mirrors ts-fsrs State, so code that only reads cards need not load the scheduler', () => {
		expect(CARD).toEqual({
			New: State.New,
			Learning: State.Learning,
			Review: State.Review,
			Relearning: State.Relearning
		});
	});
});

describe('GRADES', () => {
	it('mirrors ts-fsrs Rating in button order, so the review screen need not load the scheduler', () => {
		expect(GRADES).toEqual([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]);
		expect(GRADES.map((g) => GRADE_NAMES[g])).toEqual(['Again', 'Hard', 'Good', 'Easy']);
	});
});

describe('curveDecay', () => {
	it('is the decay of the curve recallProbability follows: R = (1 + f·t/S)^decay, R(S) = 90 %', () => {
		const scheduler = makeScheduler({ retention: 0.9, fuzz: false });
		const decay = curveDecay(scheduler);
		expect(decay).toBeLessThan(0);
		const factor = Math.pow(0.9, 1 / decay) - 1;
		const card = { ...rate(scheduler, newCardState('a/b', T0), T0, Rating.Easy), stability: 10 };
		for (const days of [1, 10, 45]) {
			const r = recallProbability(scheduler, card, T0 + days * DAY);
			expect(r).toBeCloseTo(Math.pow(1 + (factor * days) / 10, decay), 6);
		}
		expect(recallProbability(scheduler, card, T0 + 10 * DAY)).toBeCloseTo(0.9, 6);
	});
});

describe('recallAt', () => {
	it('gives exactly what recallProbability gives, for any card and moment', () => {
		const scheduler = makeScheduler({ retention: 0.9 });
		const fast = recallAt(scheduler);
		const grades = fc.array(fc.constantFrom<Grade>(1, 2, 3, 4), { maxLength: 8 });
		fc.assert(
			fc.property(
				grades,
				fc.array(fc.integer({ min: 1, max: 90 * DAY }), { minLength: 9, maxLength: 9 }),
				(gs, gaps) => {
					let t = T0;
					let card = newCardState('a/b', t);
					expect(fast(card, t)).toBe(recallProbability(scheduler, card, t));
					gs.forEach((g, i) => {
						t += gaps[i]!;
						card = rate(scheduler, card, t, g);
						const later = t + gaps[i + 1]!;
						expect(fast(card, later)).toBe(recallProbability(scheduler, card, later));
					});
				}
			)
		);
	});
});
