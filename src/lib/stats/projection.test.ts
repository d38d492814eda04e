import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CARD, newCardState, type CardState } from '../scheduling/card';
import {
	combineProjections,
	planFor,
	projectDecks,
	scheduledRecall,
	workloadFactor,
	type Projection
} from './projection';

const DAY = 86_400_000;

describe('recall of a card kept on schedule', () => {
	it('is 2r / (1 + r) for the FSRS-4.5 curve (decay −0.5), worked by hand', () => {
		expect(scheduledRecall(0.9, -0.5)).toBeCloseTo(1.8 / 1.9, 12);
		expect(scheduledRecall(0.8, -0.5)).toBeCloseTo(1.6 / 1.8, 12);
	});

	it('is the mean of the forgetting curve over one interval, for any decay and retention', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0.1, max: 0.8, noNaN: true }),
				fc.double({ min: 0.7, max: 0.97, noNaN: true }),
				(d, r) => {
					const decay = -d;
					const factor = Math.pow(0.9, 1 / decay) - 1;
					const curve = (t: number) => Math.pow(1 + (factor * t) / 1, decay);
					const interval = (Math.pow(r, 1 / decay) - 1) / factor;
					// Midpoint rule over 4,000 steps.
					const steps = 4000;
					let sum = 0;
					for (let i = 0; i < steps; i++) sum += curve(((i + 0.5) * interval) / steps);
					expect(scheduledRecall(r, decay)).toBeCloseTo(sum / steps, 5);
					expect(scheduledRecall(r, decay)).toBeGreaterThan(r);
				}
			)
		);
	});

	it('costs more reviews at a higher retention: 2.17 times as many from 90 % to 95 % at decay −0.5', () => {
		// Intervals go as r^(−2) − 1: 0.234568 at 90 %, 0.108033 at 95 %.
		expect(workloadFactor(0.9, 0.95, -0.5)).toBeCloseTo(0.2345679 / 0.1080332, 5);
		expect(workloadFactor(0.9, 0.9, -0.2)).toBeCloseTo(1, 12);
	});
});

describe('the outlook on the day', () => {
	const decks = [
		{ id: 'sql', title: 'SQL', topic: 'databases', total: 10 },
		{ id: 'tx', title: 'Transactions', topic: 'databases', total: 4 }
	];
	const at = 100 * DAY;
	const card = (id: string, due: number, stability: number): CardState => ({
		...newCardState(id, 0),
		state: CARD.Review,
		due,
		stability
	});
	// The test's curve: the card's recall on the day is its stability field.
	const recallAt = (c: CardState) => c.stability;

	it('counts cards due after the day by their curve, and cards due before by the recall kept up', () => {
		const cards = [card('sql/a', at + DAY, 0.8), card('sql/b', at - DAY, 0.3), card('tx/a', at, 0.5)];
		const [sql, tx] = projectDecks(decks, cards, at, 0.95, recallAt);
		expect(sql).toEqual({
			id: 'sql',
			title: 'SQL',
			total: 10,
			seen: 2,
			idle: 1.1,
			kept: 0.8 + 0.95,
			dueBefore: 1
		});
		expect(tx).toMatchObject({ seen: 1, idle: 0.5, kept: 0.95, dueBefore: 1 });
		expect(combineProjections('databases', 'Databases', [sql!, tx!])).toMatchObject({
			total: 14,
			seen: 3,
			dueBefore: 2
		});
	});

	const outlook: Projection = {
		id: 't',
		title: 'T',
		total: 100,
		seen: 50,
		idle: 30,
		kept: 45,
		dueBefore: 30
	};

	it('says how many new cards and reviews a day reach the target, worked by hand', () => {
		// 90 − 45 = 45 cards short, each new card counts 0.95: 47.4, so 48, over 10 days.
		expect(planFor(outlook, 0.9, 0.95, 10)).toEqual({
			newCards: 48,
			newPerDay: 5,
			reviewsPerDay: 3,
			reachable: true,
			best: (45 + 50 * 0.95) / 100
		});
	});

	it('says when even every card left falls short, and what the best is', () => {
		// 99 − 45 = 54 short: 57 new cards wanted, 50 left.
		expect(planFor(outlook, 0.99, 0.95, 10)).toMatchObject({ newCards: 50, reachable: false, best: 0.925 });
	});

	it('asks for nothing new when the reviews alone reach the target, and counts a day at least', () => {
		expect(planFor({ ...outlook, kept: 95 }, 0.9, 0.95, 0)).toMatchObject({
			newCards: 0,
			newPerDay: 0,
			reviewsPerDay: 30,
			reachable: true
		});
	});
});
