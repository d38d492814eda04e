import { json } from '@sveltejs/kit';
import decks from 'virtual:rehearse/decks';
import { buildIndex } from '$lib/decks/deck-index';

export const prerender = true;

/** The deck index: topics, and per deck its metadata, counts and flashcard ids. See docs/deck-api.md. */
export function GET() {
	return json(buildIndex(decks));
}
