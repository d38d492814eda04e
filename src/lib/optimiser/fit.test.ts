import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FSRS_PARAMETER_COUNT } from '../scheduling/card';
import { cardHistories, historySize } from './dataset';
import { evaluate } from './metrics';
import { simulateLearnerLog, UNLIKE_DEFAULTS } from './synthetic';
import type { fitParameters as FitParameters } from './fit';

// The real optimiser (fsrs-rs in wasm), run in Node: the wasm needs no worker and no cross-origin
// isolation when its thread pool is not started. Its module expects a worker's `self` at import.
let fitParameters: typeof FitParameters;
beforeAll(async () => {
	(globalThis as { self?: unknown }).self ??= new EventTarget();
	const wasm = await import('fsrs-browser');
	wasm.initSync({ module: readFileSync('node_modules/fsrs-browser/fsrs_browser_bg.wasm') });
	({ fitParameters } = await import('./fit'));
});

const START = Date.parse('2026-01-05T04:00:00Z');

describe('the optimiser on a synthetic learner', () => {
	it('fits weights that predict the learner better than the defaults, on its log and on a new one', () => {
		const log = simulateLearnerLog({
			parameters: UNLIKE_DEFAULTS,
			cards: 600,
			newPerDay: 10,
			days: 240,
			seed: 11,
			start: START
		});
		const histories = cardHistories(log);
		expect(historySize(histories).enough).toBe(true);
		const fitted = fitParameters(histories);
		expect(fitted).toHaveLength(FSRS_PARAMETER_COUNT);
		expect(fitted.every(Number.isFinite)).toBe(true);

		const byDefault = evaluate(histories);
		const byFit = evaluate(histories, fitted);
		expect(byFit.logLoss).toBeLessThan(byDefault.logLoss);
		expect(byFit.rmse).toBeLessThan(byDefault.rmse);

		// The same learner, other cards (another seed): the fit carries over, so it learned the learner.
		const heldOut = cardHistories(
			simulateLearnerLog({
				parameters: UNLIKE_DEFAULTS,
				cards: 300,
				newPerDay: 10,
				days: 240,
				seed: 12,
				start: START
			})
		);
		expect(evaluate(heldOut, fitted).logLoss).toBeLessThan(evaluate(heldOut).logLoss);
		// And the true weights are no worse than the fit there, a check on the test itself.
		expect(evaluate(heldOut, UNLIKE_DEFAULTS).logLoss).toBeLessThan(evaluate(heldOut).logLoss);
	}, 120_000);
});
