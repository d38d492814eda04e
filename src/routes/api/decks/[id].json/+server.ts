import { error, json } from '@sveltejs/kit';
import decks from 'virtual:rehearse/decks';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => decks.map((d) => ({ id: d.id }));

/** One deck with every item rendered to HTML. See docs/deck-api.md. */
export const GET: RequestHandler = ({ params }) => {
	const deck = decks.find((d) => d.id === params.id);
	if (!deck) error(404, `No deck '${params.id}'`);
	return json(deck);
};
