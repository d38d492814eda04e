import type { Table } from 'dexie';

/**
 * How long a long loop inside a transaction (an import, a restore, a first sync) runs before it lets the
 * page paint, in ms. Tests set it below zero to pause at every chance.
 */
export const slicing = { ms: 40 };

/** How many small items (entries, answers) a loop goes through between two looks at the clock. */
const CHECK_EVERY = 1_000;

/**
 * Pauses for a long loop inside a transaction: `due()` says a slice has run its time, and `pause()` lets
 * the page paint by waiting for a read of `table` (one of the transaction's), not for a timer, which
 * would let the transaction commit. A read waits for the writes asked before it in the same
 * transaction, so a pause also lets IndexedDB catch up with them.
 */
export function slices(table: Table) {
	let started = performance.now();
	return {
		due(): boolean {
			return performance.now() - started > slicing.ms;
		},
		/**
		 * In a loop over many small items: whether item `i` is one at which to look at the clock (one in
		 * `CHECK_EVERY`) and the slice has run its time.
		 */
		dueAt(i: number): boolean {
			return i % CHECK_EVERY === 0 && performance.now() - started > slicing.ms;
		},
		async pause(): Promise<void> {
			// No row has this key: the read only waits its turn.
			await table.get(-Infinity);
			started = performance.now();
		}
	};
}
