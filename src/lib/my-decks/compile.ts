import { parseDeck, type ParseOptions, type ParseResult } from '$lib/decks/parse';
import { CODE_LANGUAGES } from '$lib/decks/render-core';
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
