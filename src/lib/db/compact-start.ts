import { compactInIdle } from './compact';
import { connection } from './connection.svelte';

/** How long compaction waits before looking again while the person is on a screen where answers are given. */
const PAUSED_MS = 30_000;

/**
 * Compacts the log (db/compact.ts) in the background of this page, one round at a time when the browser
 * is idle and `paused()` is false. A round that fails (a full disk) leaves the rows loose, as they were,
 * and the next start of the app tries again.
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
	void connection
		.open()
		.then((db) => db && compactInIdle(db, () => Date.now(), ready))
		.catch((e: unknown) => console.warn('Rehearse: compacting the review log stopped:', e));
}
