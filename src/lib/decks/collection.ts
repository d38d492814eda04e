import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkAnswer, unfindable } from '../interview/match.ts';
import { htmlToText, parseDeck, type LinkRef, type Renderer } from './parse.ts';
import { CODE_LANGUAGES, createRenderer } from './render.ts';
import { TOPICS, type Deck, type DeckError } from './types.ts';

export interface Collection {
	decks: Deck[];
	errors: DeckError[];
}

/**
 * Reads and parses every `decks/<topic>/<deck>.md` under `root`, then checks what only the whole
 * collection can tell: deck ids and prompts unique everywhere, links pointing at real flashcards; and
 * runs SQL exercises' model queries on their datasets (`checkSqlDecks`).
 */
export async function compileDecks(root: string, renderer?: Renderer): Promise<Collection> {
	const render = renderer ?? (await createRenderer());
	const decksDir = path.join(root, 'decks');
	const errors: DeckError[] = [];
	const sources: { file: string; source: string }[] = [];
	for (const entry of await readdir(decksDir, { withFileTypes: true })) {
		if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') {
			errors.push({ file: `decks/${entry.name}`, line: 1, message: 'decks live in decks/<topic>/: move this file into its topic folder' });
		}
		if (!entry.isDirectory()) continue;
		for (const name of (await readdir(path.join(decksDir, entry.name))).sort()) {
			if (!name.endsWith('.md')) continue;
			const file = `decks/${entry.name}/${name}`;
			sources.push({ file, source: await readFile(path.join(root, file), 'utf8') });
		}
	}
	const result = compileSources(sources, render);
	errors.push(...result.errors);
	// SQL exercises are checked by running them on PGlite, which loads only when some deck has SQL.
	if (result.decks.some((d) => d.datasets?.length || d.items.some((i) => i.kind === 'sql'))) {
		const { checkSqlDecks } = await import('../sql/check-decks.ts');
		errors.push(...(await checkSqlDecks(result.decks)));
		errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	}
	return { decks: result.decks, errors };
}

/** The pure half of `compileDecks`: parse sources and validate them as one collection. */
export function compileSources(sources: { file: string; source: string }[], renderer: Renderer): Collection {
	const errors: DeckError[] = [];
	const decks: Deck[] = [];
	const links: LinkRef[] = [];
	for (const { file, source } of sources) {
		const result = parseDeck(source, { file, renderer, languages: CODE_LANGUAGES });
		errors.push(...result.errors);
		links.push(...result.links);
		if (result.deck) decks.push(result.deck);
	}

	const deckFiles = new Map<string, string>();
	for (const deck of decks) {
		const first = deckFiles.get(deck.id);
		if (first) errors.push({ file: deck.file, line: 2, message: `duplicate deck id '${deck.id}' (also used by ${first})` });
		else deckFiles.set(deck.id, deck.file);
	}

	const prompts = new Map<string, string>();
	const flashcards = new Set<string>();
	const items = new Set<string>();
	for (const deck of decks) {
		for (const item of deck.items) {
			items.add(`${deck.id}/${item.id}`);
			if (item.kind === 'flashcard') flashcards.add(`${deck.id}/${item.id}`);
			const key = item.promptText.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
			const first = prompts.get(key);
			if (first) errors.push({ file: deck.file, line: item.line, message: `the same prompt is already used at ${first}` });
			else prompts.set(key, `${deck.file}:${item.line}`);
		}
	}
	// A model answer is what a strong candidate says, so the answer checker must find every key point
	// in it; if it cannot, either the phrases or the model answer need work.
	for (const deck of decks) {
		for (const item of deck.items) {
			if (item.kind !== 'interview') continue;
			item.keyPoints.forEach((point, n) => {
				for (const phrase of [...point.match, ...(point.wrong ?? [])]) {
					const why = unfindable(phrase);
					if (why)
						errors.push({
							file: deck.file,
							line: item.line,
							message: `key point ${n + 1} ('${point.text}'): '${phrase}' can never be found: ${why}`
						});
				}
			});
			checkAnswer(htmlToText(item.modelAnswerHtml), item.keyPoints).forEach((r, n) => {
				if (r.covered) return;
				const point = item.keyPoints[n]!;
				errors.push({
					file: deck.file,
					line: item.line,
					message: r.contradicted.length
						? `the model answer says a wrong claim of key point ${n + 1} ('${point.text}'): ${r.contradicted.map((c) => `'${c}'`).join(', ')}; make the claim more specific, or reword the answer`
						: `the model answer does not cover key point ${n + 1} ('${point.text}'): use one of its match phrases (${point.match.join(', ')}) in the answer, or add a phrase the answer uses`
				});
			});
		}
	}
	for (const link of links) {
		if (flashcards.has(link.target)) continue;
		const why = items.has(link.target) ? 'is not a flashcard' : 'does not exist';
		errors.push({ file: link.file, line: link.line, message: `link '${link.target}' ${why}` });
	}

	const order = (d: Deck) => TOPICS.findIndex((t) => t.slug === d.topic);
	decks.sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
	errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	return { decks, errors };
}
