import { browser } from '$app/environment';
import { now } from '$lib/clock';
import { connection } from '$lib/db/connection.svelte';
import { readOverview } from '$lib/db/overview';
import { loadIndex } from '$lib/decks/catalog';
import type { PageLoad } from './$types';

/**
 * In the browser the day's overview is read here, as soon as the database is open, so the reads run
 * while the page hydrates; the summary shows it until its live query (which follows changes) answers.
 */
export const load: PageLoad = async ({ fetch }) => {
	const index = await loadIndex(fetch);
	const overview = browser
		? connection
				.open()
				.then((db) => (db ? readOverview(db, now()) : null))
				// The live query reads again and reports its own error.
				.catch(() => null)
		: null;
	return { index, overview };
};
