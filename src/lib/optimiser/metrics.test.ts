import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { evaluate, isBetter } from './metrics';

describe('evaluate', () => {
	it('scores only answers on a later day, by the recall the model predicts for them', () => {
		// One prediction: the card answered Good on day 0, then recalled 3 days later.
		const fit = evaluate([{ ratings: [3, 3], days: [0, 3] }]);
		expect(fit.reviews).toBe(1);
		const s0 = default_w[2]!; // initial stability after Good
		const decay = -default_w[20]!;
		const factor = 0.9 ** (1 / decay) - 1;
		const r = (1 + (factor * 3) / s0) ** decay;
		expect(fit.logLoss).toBeCloseTo(-Math.log(r), 6);
		expect(fit.rmse).toBeCloseTo(1 - r, 6);
	});

	it('gives a lower log loss to weights under which what happened was more likely', () => {
		// Forgotten after 30 days, every time: short initial stabilities predict that better.
		const histories = Array.from({ length: 20 }, () => ({ ratings: [3, 1], days: [0, 30] }));
		const short = [...default_w];
		short[2] = 0.5;
		const byDefault = evaluate(histories);
		const byShort = evaluate(histories, short);
		expect(byShort.logLoss).toBeLessThan(byDefault.logLoss);
		expect(isBetter(byShort, byDefault)).toBe(true);
		expect(isBetter(byDefault, byShort)).toBe(false);
	});

	it('has no figure without a prediction, and such a fit is never better', () => {
		const none = evaluate([{ ratings: [3, 3], days: [0, 0] }]);
		expect(none.reviews).toBe(0);
		expect(none.logLoss).toBeNaN();
		expect(isBetter(none, evaluate([{ ratings: [3, 3], days: [0, 2] }]))).toBe(false);
	});
});
