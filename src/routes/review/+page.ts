import { browser } from '$app/environment';
import { loadIndex, parseScope } from '$lib/catalog';
import type { PageLoad } from './$types';

/** The deck index and the review's scope (`?deck=`, `?topic=`); the page starts the session. */
export const load: PageLoad = async ({ fetch, url }) => {
	// Read before awaiting anything, so SvelteKit knows this data depends on ?deck= and ?topic=.
	const scope = browser ? parseScope(url.searchParams) : null;
	const search = browser ? url.search : '';
	return { index: await loadIndex(fetch), scope, search };
};
