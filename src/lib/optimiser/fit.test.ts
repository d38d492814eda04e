import { readFileSync } from 'node:fs';
import { default_w } from 'ts-fsrs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FSRS_PARAMETER_COUNT } from '../scheduling/card';
import { cardHistories, historySize } from './dataset';
import { evaluate } from './metrics';
import { simulateLearnerLog } from './synthetic';
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

/** A learner who forgets faster at first and slower later than FSRS's defaults assume. */
const TRUE_W = [...default_w];
Object.assign(TRUE_W, { 0: 0.1, 1: 0.6, 2: 0.9, 3: 3.5, 8: 2.3, 10: 1.3, 20: 0.45 });

const START = Date.parse('2026-01-05T04:00:00Z');

describe('the optimiser on a synthetic learner', () => {
	it('fits weights that predict the learner better than the defaults, on its log and on a new one', () => {
		const log = simulateLearnerLog({
			parameters: TRUE_W,
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
			simulateLearnerLog({ parameters: TRUE_W, cards: 300, newPerDay: 10, days: 240, seed: 12, start: START })
		);
		expect(evaluate(heldOut, fitted).logLoss).toBeLessThan(evaluate(heldOut).logLoss);
		// And the true weights are no worse than the fit there, a check on the test itself.
		expect(evaluate(heldOut, TRUE_W).logLoss).toBeLessThan(evaluate(heldOut).logLoss);
	}, 120_000);
});
