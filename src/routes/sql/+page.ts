import { browser } from '$app/environment';
import { loadDeckIfPresent } from '$lib/catalog';
// Imported here, not when an exercise opens: it is small (PGlite stays in the worker) and comes with the
// page's own code, so the worker starts without waiting for one more file.
import { startSqlEngine } from '$lib/sql/runner';
import type { PageLoad } from './$types';

/**
 * Free practice of a deck's SQL exercises (`?deck=…&item=…`), opened from the deck page: nothing is
 * scheduled here (daily review does that). The page is a prerendered shell; the deck is read in the
 * browser.
 */
export const load: PageLoad = async ({ fetch, url }) => {
	const deckId = browser ? url.searchParams.get('deck') : null;
	const itemId = browser ? url.searchParams.get('item') : null;
	// PostgreSQL takes seconds to start and needs nothing from the deck: it starts while the deck is read.
	if (deckId) startSqlEngine();
	const loaded = deckId ? await loadDeckIfPresent(deckId, fetch) : null;
	return { deckId, itemId, deck: loaded?.deck ?? null };
};
