import { parseDeck, type ParseOptions, type ParseResult } from '$lib/decks/parse';
import { CODE_LANGUAGES } from '$lib/decks/render-core';
import type { Deck } from '$lib/decks/types';
import { rendererFor } from './renderer';

/** Where an own deck's errors say they are; the editor shows them as "line N". */
export const OWN_FILE = 'your deck';

/**
 * An own deck's Markdown compiled as the build compiles a shipped deck (same parser, same errors, same
 * rendering), in own-deck mode: the id starts with `my-`, and the shipped decks' length limits, which
 * are house style, do not apply.
 */
export async function compileOwnDeck(markdown: string): Promise<ParseResult> {
	const renderer = await rendererFor(markdown);
	const options: ParseOptions = { file: OWN_FILE, renderer, languages: CODE_LANGUAGES, own: true };
	const result = parseDeck(markdown, options);
	if (result.deck) result.deck.file = `my/${result.deck.id}.md`;
	return result;
}

/**
 * Decks from a file (a backup, an import) compiled here, by id; the first deck with an error stops it
 * with a message that names the deck and the line, so that nothing of the file is stored.
 */
export async function compileDecks(
	sources: readonly { id: string; markdown: string }[]
): Promise<Map<string, Deck>> {
	const decks = new Map<string, Deck>();
	for (const source of sources) {
		const { deck, errors } = await compileOwnDeck(source.markdown);
		const first = errors[0];
		if (!deck || first)
			throw new Error(
				`The deck '${source.id}' has an error on line ${first?.line ?? 1}: ${first?.message ?? 'it could not be read'}.`
			);
		if (deck.id !== source.id) throw new Error(`The deck '${source.id}' says its id is '${deck.id}'.`);
		decks.set(deck.id, deck);
	}
	return decks;
}
