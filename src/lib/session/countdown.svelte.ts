import { now as clock } from '$lib/clock';

/** "4:59": time left on a countdown, rounded up to the second, never below 0:00. */
export function formatClock(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export interface CountdownOptions {
	/** Called once when the deadline is reached (not again on later ticks). */
	onExpire?: () => void;
	/** The clock; `now` from `$lib/clock` unless a test gives its own. */
	now?: () => number;
	/** How often `remaining` is refreshed, in ms. */
	everyMs?: number;
}

/**
 * A countdown to a deadline, for a timed quiz or an interview question. `remaining` (ms, reactive)
 * is worked out from the deadline and the clock on every tick, so a tick that comes late (a
 * throttled background tab) never makes the countdown drift. The countdown owns its timer: `set`
 * starts it, `clear` and `dispose` stop it.
 *
 * @example
 * const countdown = new Countdown({ onExpire: () => void quiz.timeUp() });
 * countdown.set(startedAt + 5 * 60_000);  // then show formatClock(countdown.remaining)
 */
export class Countdown {
	/** Milliseconds left, or null when no deadline is set. */
	remaining = $state<number | null>(null);
	#deadline: number | null = null;
	#expired = false;
	#timer: ReturnType<typeof setInterval> | null = null;
	#now: () => number;
	#onExpire: () => void;
	#everyMs: number;

	constructor(options: CountdownOptions = {}) {
		this.#now = options.now ?? clock;
		this.#onExpire = options.onExpire ?? (() => {});
		this.#everyMs = options.everyMs ?? 1000;
	}

	get deadline(): number | null {
		return this.#deadline;
	}

	/** Whether the deadline has been reached (by the clock, even between ticks). */
	get expired(): boolean {
		return this.#deadline !== null && this.#now() >= this.#deadline;
	}

	/** Counts down to `deadline` (ms since epoch). Past deadlines expire at once. */
	set(deadline: number): void {
		this.#stopTimer();
		this.#deadline = deadline;
		this.#expired = false;
		this.tick();
		if (!this.#expired) this.#timer = setInterval(() => this.tick(), this.#everyMs);
	}

	/** Refreshes `remaining`; at zero, stops the timer and calls `onExpire` (once per deadline). */
	tick(): void {
		if (this.#deadline === null) return;
		this.remaining = Math.max(0, this.#deadline - this.#now());
		if (this.remaining === 0 && !this.#expired) {
			this.#expired = true;
			this.#stopTimer();
			this.#onExpire();
		}
	}

	/** Stops counting and forgets the deadline. */
	clear(): void {
		this.#stopTimer();
		this.#deadline = null;
		this.remaining = null;
	}

	dispose(): void {
		this.clear();
	}

	[Symbol.dispose](): void {
		this.dispose();
	}

	#stopTimer(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}
}

/**
 * Time since a moment, for a session clock that counts up ("Session 3:12"). Like `Countdown`, it
 * works `elapsed` out from the clock on every tick, and owns its timer: `start` starts it, `stop`
 * and `dispose` stop it.
 */
export class Stopwatch {
	/** Milliseconds since the start moment, or 0 before `start`. */
	elapsed = $state(0);
	#since: number | null = null;
	#timer: ReturnType<typeof setInterval> | null = null;
	#now: () => number;
	#everyMs: number;

	constructor(options: Pick<CountdownOptions, 'now' | 'everyMs'> = {}) {
		this.#now = options.now ?? clock;
		this.#everyMs = options.everyMs ?? 1000;
	}

	/** Counts up from `since` (ms since epoch). */
	start(since: number): void {
		this.stop();
		this.#since = since;
		this.tick();
		this.#timer = setInterval(() => this.tick(), this.#everyMs);
	}

	tick(): void {
		if (this.#since !== null) this.elapsed = Math.max(0, this.#now() - this.#since);
	}

	/** Stops counting; `elapsed` keeps its last value. */
	stop(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}

	dispose(): void {
		this.stop();
	}

	[Symbol.dispose](): void {
		this.dispose();
	}
}
