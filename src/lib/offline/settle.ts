import { connection } from '$lib/db/connection.svelte';
import { answerTables } from '$lib/db/reviews';

/**
 * Resolves once every answer already begun has committed. IndexedDB starts a read-write transaction only
 * after the earlier ones over the same tables have finished, so the end of this one (which only peeks at
 * one key) means theirs are on disk. Called before a reload, so a page never goes away mid-answer.
 */
export async function answersSettled(): Promise<void> {
	const db = await connection.open();
	if (!db) return;
	await db.transaction('rw', answerTables(db), () => db.cards.limit(1).primaryKeys());
}
