import { Fsrs } from 'fsrs-browser';
import { toOptimiserInput, type CardHistory } from './dataset';

/**
 * Fits FSRS weights to these histories with fsrs-rs (fsrs-browser's wasm, which must be initialised
 * first), same-day answers included (`enable_short_term`), as the scheduler has learning steps. Runs on
 * the calling thread, single-threaded.
 */
export function fitParameters(histories: readonly CardHistory[]): number[] {
	const input = toOptimiserInput(histories);
	const w = new Fsrs().computeParameters(input.ratings, input.deltaTs, input.lengths, undefined, true);
	return Array.from(w, (x) => Math.round(x * 1e4) / 1e4);
}
