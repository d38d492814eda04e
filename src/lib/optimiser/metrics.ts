import { fsrs, generatorParameters, type FSRSState } from 'ts-fsrs';
import type { CardHistory } from './dataset';

/** How well a set of FSRS weights predicts a log: lower is better for both. */
export interface Fit {
	/** Mean binary cross-entropy of the predicted recall against recalled (grade > 1) or not. */
	logLoss: number;
	/**
	 * Calibration error: the predictions put in 20 bins of predicted recall, the root of the mean
	 * squared gap between a bin's mean prediction and its share recalled, weighted by the bin's size.
	 */
	rmse: number;
	/** Answers predicted: those on a later day than the card's previous answer. */
	reviews: number;
}

const BINS = 20;
const EPS = 1e-6;

/**
 * How well `parameters` (ts-fsrs's defaults when absent) predict each answer given on a later day than
 * the card's previous one, from the memory state the answers before it leave (ts-fsrs's `next_state`,
 * the same model the optimiser fits and the scheduler uses; same-day answers move the state too).
 *
 * @example evaluate(histories).logLoss // e.g. 0.34 with the defaults
 */
export function evaluate(histories: readonly CardHistory[], parameters?: readonly number[]): Fit {
	const model = fsrs(generatorParameters(parameters ? { w: [...parameters] } : {}));
	let loss = 0;
	let n = 0;
	const predicted = new Float64Array(BINS);
	const recalled = new Float64Array(BINS);
	const counts = new Float64Array(BINS);
	for (const h of histories) {
		let state: FSRSState | null = null;
		for (let i = 0; i < h.ratings.length; i++) {
			const t = h.days[i]!;
			const g = h.ratings[i]!;
			if (state && i > 0 && t > 0) {
				const r = Math.min(1 - EPS, Math.max(EPS, model.forgetting_curve(t, state.stability)));
				const y = g > 1 ? 1 : 0;
				loss -= y * Math.log(r) + (1 - y) * Math.log(1 - r);
				n++;
				const bin = Math.min(BINS - 1, Math.floor(r * BINS));
				predicted[bin]! += r;
				recalled[bin]! += y;
				counts[bin]!++;
			}
			state = model.next_state(state, t, g);
		}
	}
	let squared = 0;
	for (let b = 0; b < BINS; b++)
		if (counts[b]! > 0) squared += counts[b]! * ((predicted[b]! - recalled[b]!) / counts[b]!) ** 2;
	return { logLoss: n > 0 ? loss / n : NaN, rmse: n > 0 ? Math.sqrt(squared / n) : NaN, reviews: n };
}

/** Whether `after` predicts better than `before`: a lower log loss (what the optimiser minimises). */
export function isBetter(after: Fit, before: Fit): boolean {
	return Number.isFinite(after.logLoss) && after.logLoss < before.logLoss;
}
