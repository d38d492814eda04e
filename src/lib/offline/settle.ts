import { runBeforeClose } from '$lib/db/database';
import { answerTables } from '$lib/db/reviews';
import type { RehearseDB } from '$lib/db/schema';

/**
 * Resolves once what the person has done is on disk: the typed answers that wait to be saved (the
 * `beforeClose` hooks, as before a schema upgrade) and every answer already begun. IndexedDB starts a
 * read-write transaction only after the earlier ones over the same tables have finished, so the end of
 * this one (which only peeks at one key) means theirs are committed. Called before an update's reload.
 */
export async function settle(db: RehearseDB): Promise<void> {
	await runBeforeClose();
	await db.transaction('rw', answerTables(db), () => db.cards.limit(1).primaryKeys());
}
