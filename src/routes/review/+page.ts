import { browser } from '$app/environment';
import { connection } from '$lib/db/connection.svelte';
import { loadIndex, parseScope } from '$lib/decks/catalog';
import { ReviewSession } from '$lib/review/session.svelte';
import type { PageLoad } from './$types';

/**
 * In the browser the session starts here, as soon as the database is open, so its reads run while the
 * page hydrates rather than after. `session` is a promise (not awaited: the page shows at once); it
 * resolves to null when storage is unavailable, and the layout says why. Links preload their data on
 * tap, not hover (app.html), so a session is never started long before it is shown.
 */
export const load: PageLoad = async ({ fetch, url }) => {
	// Read before awaiting anything, so SvelteKit knows this data depends on ?deck= and ?topic=.
	const scope = browser ? parseScope(url.searchParams) : null;
	const search = browser ? url.search : '';
	const index = await loadIndex(fetch);
	const session = scope
		? connection.open().then((db) => {
				if (!db) return null;
				const s = new ReviewSession(db, scope, index);
				void s.start();
				return s;
			})
		: null;
	return { index, session, search };
};
