import { connection } from '$lib/db/connection.svelte';
import { syncState } from './sync.svelte';

/**
 * Starts sync for the account remembered here: loaded by the layout, by dynamic import, only when one
 * is (see `sync/account.ts`) and once the page is idle, so that no page's first load carries sync code.
 */
export async function startSync(): Promise<void> {
	const db = await connection.open();
	if (db) syncState().start(db);
}
