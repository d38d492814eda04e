import { now } from '$lib/clock';
import { SYNC_LOCK } from '$lib/sync/lock';
import { compactInIdle } from './compact';
import { connection } from './connection.svelte';

/** How long compaction waits before looking again while the person is on a screen where answers are given. */
const PAUSED_MS = 30_000;

/**
 * Compacts the log (db/compact.ts) in the background of this page, one round at a time when the browser
 * is idle, `paused()` is false and no sync runs (its lock is free). A round that fails (a full disk)
 * leaves the rows loose, as they were, and the next start of the app tries again.
 */
export function startCompaction(paused: () => boolean): void {
	const ready = () =>
		new Promise<void>((resolve) => {
			const check = () =>
				paused()
					? setTimeout(check, PAUSED_MS)
					: 'requestIdleCallback' in window
						? requestIdleCallback(() => resolve(), { timeout: 2000 })
						: setTimeout(resolve, 50);
			check();
		});
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	// While a sync holds the lock, the round is skipped (null) and tried again after a pause.
	const round = async <T>(work: () => Promise<T>): Promise<T | null> => {
		if (!locks) return work();
		const done = await locks.request(SYNC_LOCK, { ifAvailable: true }, (lock) => (lock ? work() : null));
		if (done === null) await new Promise((wait) => setTimeout(wait, PAUSED_MS));
		return done;
	};
	void connection
		.open()
		.then((db) => db && compactInIdle(db, now, ready, round))
		.catch((e: unknown) => console.warn('Rehearse: compacting the review log stopped:', e));
}
