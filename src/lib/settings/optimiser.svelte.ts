import type { RehearseDB } from '$lib/db/schema';
import type { HistorySize } from '$lib/optimiser/dataset';
import { isBetter, type Fit } from '$lib/optimiser/metrics';
import { EPOCHS, type FitMessage, type FitRequest } from '$lib/optimiser/protocol';

/** Where the optimiser screen is: reading the log, waiting for Start, fitting, done, applied. */
export type OptimiserStep =
	'measuring' | 'too-little' | 'ready' | 'fitting' | 'fitted' | 'applying' | 'applied' | 'failed';

/**
 * The optimiser screen's state. Its worker (fsrs-rs in wasm, and the log read and measured there) is
 * made when the screen opens and ended when it closes or the person cancels, so nothing of it loads
 * elsewhere and the page's thread only shows progress.
 */
export class OptimiserScreen {
	step = $state<OptimiserStep>('measuring');
	size = $state.raw<HistorySize | null>(null);
	/** The fit of the weights in force (own or default), on the log as it is. */
	before = $state.raw<Fit | null>(null);
	/** The fit of the new weights, once fitted. */
	after = $state.raw<Fit | null>(null);
	parameters = $state.raw<number[] | null>(null);
	/** Epochs done, of `EPOCHS`. */
	epoch = $state(0);
	fitMs = $state(0);
	error = $state('');
	readonly epochs = EPOCHS;
	#db: () => RehearseDB;
	#worker: Worker | null = null;

	constructor(db: () => RehearseDB) {
		this.#db = db;
	}

	/** Whether the new weights predict the log better than those in force: only then may they be applied. */
	get better(): boolean {
		return this.before !== null && this.after !== null && isBetter(this.after, this.before);
	}

	/** Starts the worker and has it read and measure the log. */
	open(): void {
		this.#start();
		this.#send({ kind: 'measure' });
	}

	/** Fits new weights to the log. */
	fit(): void {
		if (this.step !== 'ready') return;
		this.step = 'fitting';
		this.epoch = 0;
		this.#send({ kind: 'fit' });
	}

	/** Stops a fit under way (the worker is ended) and goes back to before it. */
	cancel(): void {
		if (this.step !== 'fitting' && this.step !== 'fitted') return;
		this.#worker?.terminate();
		this.after = null;
		this.parameters = null;
		this.step = 'measuring';
		this.open();
	}

	/** Puts the new weights in force and replays every card with them. */
	async apply(): Promise<void> {
		if (this.step !== 'fitted' || !this.better || !this.parameters) return;
		this.step = 'applying';
		try {
			const { applyParameters } = await import('$lib/db/parameters');
			await applyParameters(this.#db(), this.parameters);
			this.step = 'applied';
		} catch (e) {
			this.#fail(e);
		}
	}

	close(): void {
		this.#worker?.terminate();
		this.#worker = null;
	}

	#start(): void {
		this.#worker?.terminate();
		// Vite bundles the worker from this exact form; the URL is not kept, so it need not be reactive.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const worker = new Worker(new URL('../optimiser/worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<FitMessage>) => this.#receive(e.data);
		worker.onerror = (e) => this.#fail(e.message || 'The optimiser could not start in this browser.');
		this.#worker = worker;
	}

	#send(request: FitRequest): void {
		this.#worker?.postMessage(request);
	}

	#receive(m: FitMessage): void {
		switch (m.kind) {
			case 'measured':
				this.size = m.size;
				this.before = m.before;
				this.step = m.size.enough ? 'ready' : 'too-little';
				break;
			case 'epoch':
				this.epoch = m.epoch;
				break;
			case 'done':
				this.parameters = m.parameters;
				this.after = m.after;
				this.fitMs = m.fitMs;
				this.epoch = EPOCHS;
				this.step = 'fitted';
				break;
			case 'error':
				this.#fail(m.message);
		}
	}

	#fail(e: unknown): void {
		this.error = e instanceof Error ? e.message : String(e);
		this.step = 'failed';
		this.#worker?.terminate();
		this.#worker = null;
	}
}
