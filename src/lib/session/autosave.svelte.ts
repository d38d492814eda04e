import { beforeClose } from '$lib/db/database';

export interface AutoSaverOptions<P> {
	/** Writes one batch of this saver's own edits. */
	write: (patch: P) => Promise<void>;
	/** Combines an older pending patch with a newer one (the newer wins where both say something). */
	merge: (older: P, newer: P) => P;
	/** How long typing may go unsaved (ms). A reload loses at most this much. */
	delayMs?: number;
	/** A save started by the timer failed (an explicit `flush()` rejects instead). */
	onerror?: (error: unknown) => void;
}

/**
 * Saves a session's edits shortly after they are made, and only those: a saver with no edits of its
 * own writes nothing, so a second tab that only looked never overwrites what the first one typed.
 * `edit()` queues a patch, `flush()` writes it now (before each step and when the page goes), `cancel()`
 * drops it and `close()` also ignores later edits (a discarded session). Writes run one at a time, in order; a failed patch is
 * kept, beneath any newer edits, for the next attempt. While edits wait, the saver asks the database
 * to let it write them before another tab's schema upgrade closes it (B14).
 *
 * What is pending lives in plain fields, not `$state`: Svelte hands a component's teardown the old
 * value of state that changed as it was destroyed, and a teardown `flush()` must see the real queue.
 *
 * @example
 * const saver = new AutoSaver({ write: (p) => saveAnswers(db, id, p), merge: mergePatches });
 * saver.edit({ 0: { text } }); // written after 300 ms, or at the next `await saver.flush()`
 */
export class AutoSaver<P> {
	/** 'saved' when every edit is in storage; 'saving' while one waits or is being written. */
	status = $state<'saved' | 'saving'>('saved');

	#options: AutoSaverOptions<P>;
	#pending: { patch: P } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#queue: Promise<void> = Promise.resolve();
	#writing = 0;
	#closed = false;
	#unhook: (() => void) | null = null;

	constructor(options: AutoSaverOptions<P>) {
		this.#options = options;
	}

	/** Whether edits wait to be written (or are being written). */
	get dirty(): boolean {
		return this.#pending !== null || this.#writing > 0;
	}

	/** Records an edit and schedules its save. Ignored once the saver is closed. */
	edit(patch: P): void {
		if (this.#closed) return;
		this.#pending = this.#pending ? { patch: this.#options.merge(this.#pending.patch, patch) } : { patch };
		this.#unhook ??= beforeClose(() => this.flush().catch(() => undefined));
		this.status = 'saving';
		this.#clearTimer();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.flush().catch((e: unknown) => this.#options.onerror?.(e));
		}, this.#options.delayMs ?? 300);
	}

	/**
	 * Writes what is pending now, after any write already under way. Resolves when this saver's edits
	 * so far are stored; rejects if the write fails (the edits stay pending for the next try).
	 */
	flush(): Promise<void> {
		this.#clearTimer();
		const done = this.#queue.then(() => this.#writePending());
		this.#queue = done.catch(() => undefined);
		return done;
	}

	/** Drops what is pending (a write already under way still finishes). */
	cancel(): void {
		this.#pending = null;
		this.#clearTimer();
		this.#settle();
	}

	/** Drops what is pending and ignores every later edit (the session was discarded). */
	close(): void {
		this.#closed = true;
		this.cancel();
	}

	async #writePending(): Promise<void> {
		const pending = this.#pending;
		if (!pending) return;
		this.#pending = null;
		this.#writing++;
		try {
			await this.#options.write(pending.patch);
		} catch (e) {
			// Edits made while this write ran are newer than it.
			const newer = this.#pending as { patch: P } | null;
			if (!this.#closed)
				this.#pending = newer ? { patch: this.#options.merge(pending.patch, newer.patch) } : pending;
			throw e;
		} finally {
			this.#writing--;
			this.#settle();
		}
	}

	#settle(): void {
		if (this.dirty) return;
		this.status = 'saved';
		this.#unhook?.();
		this.#unhook = null;
	}

	#clearTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
