import type { Table } from 'dexie';

/**
 * How long a long loop inside a transaction (an import, a restore, a first sync) runs before it lets the
 * page paint, in ms. Tests set it below zero to pause at every chance.
 */
export const slicing = { ms: 40 };

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
		async pause(): Promise<void> {
			// No row has this key: the read only waits its turn.
			await table.get(-Infinity);
			started = performance.now();
		}
	};
}
