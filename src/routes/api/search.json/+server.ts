import { json } from '@sveltejs/kit';
import decks from 'virtual:rehearse/decks';
import { docsOfDeck } from '$lib/search/documents';

export const prerender = true;

/**
 * Every item of the shipped decks as plain text, for the card browser's search (src/lib/search/): one
 * file, fetched by the browser page only, and kept by the service worker for offline use.
 */
export function GET() {
	return json(decks.flatMap(docsOfDeck));
}
