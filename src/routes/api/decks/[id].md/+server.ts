import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import decks from 'virtual:rehearse/decks';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => decks.map((d) => ({ id: d.id }));

/**
 * One deck's source file, as written in `decks/`: what "Export Markdown" on a deck page downloads, so
 * that a person can keep a copy, change it, import it as their own deck or send a fix upstream.
 */
export const GET: RequestHandler = async ({ params }) => {
	const deck = decks.find((d) => d.id === params.id);
	if (!deck) error(404, `No deck '${params.id}'`);
	const root = process.env.REHEARSE_DECKS_ROOT ?? process.cwd();
	const source = await readFile(path.join(root, deck.file), 'utf8');
	return new Response(source, { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
};
