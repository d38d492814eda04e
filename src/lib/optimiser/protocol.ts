import type { Fit } from './metrics';
import type { HistorySize } from './dataset';

/** What the page asks the optimiser's worker: measure the log as it is, then (on Start) fit to it. */
export type FitRequest = { kind: 'measure' } | { kind: 'fit' };

/** What the worker answers: the log's size and the fit in force, then progress, then the new fit. */
export type FitMessage =
	| { kind: 'measured'; size: HistorySize; before: Fit | null }
	| { kind: 'epoch'; epoch: number; loss: number }
	| { kind: 'done'; parameters: number[]; after: Fit; fitMs: number }
	| { kind: 'error'; message: string };

/** How many passes fsrs-rs makes over the data (its default), for the progress bar. */
export const EPOCHS = 5;

/**
 * The line fsrs-rs logs after each pass, read as progress.
 *
 * @example parseEpoch('epoch: 2 loss: 0.19') // { epoch: 2, loss: 0.19 }
 */
export function parseEpoch(line: unknown): { epoch: number; loss: number } | null {
	if (typeof line !== 'string') return null;
	const m = /^epoch: (\d+) loss: ([\d.eE+-]+)/.exec(line);
	return m ? { epoch: Number(m[1]), loss: Number(m[2]) } : null;
}
