import { error } from '@sveltejs/kit';
import { loadDeck, loadIndex } from '$lib/catalog';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
	const index = await loadIndex(fetch);
	if (!index.decks.some((d) => d.id === params.id)) error(404, `There is no deck called '${params.id}'.`);
	const { deck } = await loadDeck(params.id, fetch);
	return { deck };
};
