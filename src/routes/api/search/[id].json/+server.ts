import { error, json } from '@sveltejs/kit';
import decks from 'virtual:rehearse/decks';
import { docsOfDeck } from '$lib/search/documents';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => decks.map((d) => ({ id: d.id }));

/**
 * One shipped deck's items as plain text, for the card browser's search (src/lib/search/). A file per
 * deck, as for the decks themselves, keeps each one small enough for the service worker to precache.
 */
export const GET: RequestHandler = ({ params }) => {
	const deck = decks.find((d) => d.id === params.id);
	if (!deck) error(404, `No deck '${params.id}'`);
	return json(docsOfDeck(deck));
};
