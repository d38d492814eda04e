import type { DeckIndex } from '$lib/decks/types';
import type { SearchDoc } from './documents';

/**
 * The shipped decks' search documents: the deck index, then one prerendered file per deck
 * (`/api/search/<deck>.json`), fetched together and joined in the index's order. One file per deck keeps
 * each under the service worker's precache limit, however large the decks grow.
 */
export async function fetchShippedDocs(root: string, fetcher: typeof fetch): Promise<SearchDoc[]> {
	const index = await readJson<DeckIndex>(fetcher, `${root}/api/decks.json`);
	const parts = await Promise.all(
		index.decks.map((d) => readJson<SearchDoc[]>(fetcher, `${root}/api/search/${d.id}.json`))
	);
	return parts.flat();
}

async function readJson<T>(fetcher: typeof fetch, url: string): Promise<T> {
	const response = await fetcher(url);
	if (!response.ok) throw new Error(`Could not load the search documents (${url}: HTTP ${response.status}).`);
	return (await response.json()) as T;
}
