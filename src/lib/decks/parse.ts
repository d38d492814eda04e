import { DECK_SCHEMA_VERSION, type Deck, type DeckError, type Item, type SqlDataset } from './types.ts';
import type { LinkRef, ParseOptions } from './parse/context.ts';
import { readFrontmatter } from './parse/frontmatter.ts';
import { parseItem } from './parse/item.ts';
import { readLines } from './parse/lines.ts';
import { Reporter } from './parse/report.ts';
import { splitItems } from './parse/sections.ts';

// The parser reads a deck in this order, one module per step:
//   frontmatter.ts  the `---` block (id, title, topic, description)
//   sections.ts     the body cut into items: heading, metadata, preamble, `### ` sections, code blocks
//   item.ts         an item's heading attributes, `links:`/`tags:` and code languages, then its kind:
//   flashcard.ts, quiz.ts, interview.ts, sql.ts (SQL exercises, and the datasets they run on)
// Every part carries its own 1-based line numbers, and every problem goes to one Reporter.
export type { LinkRef, ParseOptions, Renderer } from './parse/context.ts';
export { MAX_ANSWER_CODE_LINES, MAX_ANSWER_PROSE } from './parse/flashcard.ts';
export { MAX_KEY_POINTS, MIN_KEY_POINTS } from './parse/interview.ts';
export { MIN_CHOICES } from './parse/quiz.ts';
export { htmlToText } from './parse/text.ts';

export interface ParseResult {
	deck: Deck | null;
	errors: DeckError[];
	links: LinkRef[];
}

/**
 * Parses one deck file. Never throws: every problem becomes a `DeckError` with its line, and as many
 * problems as can be found are reported at once, so an author fixes a file in one pass.
 *
 * @example
 * const { deck, errors } = parseDeck(source, { file: 'decks/git/git-basics.md', renderer });
 */
export function parseDeck(source: string, options: ParseOptions): ParseResult {
	const report = new Reporter(options.file);
	const links: LinkRef[] = [];
	try {
		const deck = readDeck(source, options, report, links);
		return { deck: report.errors.length ? null : deck, errors: report.errors, links };
	} catch (e) {
		// A parser bug must still not crash the build without a location.
		report.at(1, `could not parse this file (${e instanceof Error ? e.message : String(e)})`);
		return { deck: null, errors: report.errors, links };
	}
}

function readDeck(source: string, options: ParseOptions, report: Reporter, links: LinkRef[]): Deck | null {
	const front = readFrontmatter(readLines(source), report, options.own, options.copyOf);
	if (!front) return null;

	const ctx = { deckId: front.id, options, report, links };
	const items: Item[] = [];
	const datasets: SqlDataset[] = [];
	const firstLine = new Map<string, number>();
	for (const itemSource of splitItems(front.body, front.closeLine, report, options.own)) {
		const entry = parseItem(itemSource, ctx);
		if (!entry) continue;
		const { id, line } = 'item' in entry ? entry.item : entry.dataset;
		const first = firstLine.get(id);
		if (first !== undefined) {
			report.at(line, `duplicate item id '${id}' (first used on line ${first})`);
			continue;
		}
		firstLine.set(id, line);
		if ('item' in entry) items.push(entry.item);
		else datasets.push(entry.dataset);
	}
	if (options.copyOf === undefined) checkDatasets(items, datasets, report, options.own);

	if (!front.valid) return null;
	const deck: Deck = {
		schema: DECK_SCHEMA_VERSION,
		id: front.id,
		title: front.title,
		topic: front.topic,
		description: front.description,
		file: options.file,
		items
	};
	if (datasets.length) deck.datasets = datasets;
	return deck;
}

/** Every exercise's `dataset=` names a dataset of the deck; a shipped deck has no unused dataset. */
function checkDatasets(items: Item[], datasets: SqlDataset[], report: Reporter, own = false): void {
	const used = new Set<string>();
	for (const item of items) {
		if (item.kind !== 'sql') continue;
		used.add(item.dataset);
		if (!datasets.some((d) => d.id === item.dataset)) {
			const known = datasets.map((d) => d.id).join(', ') || 'none';
			report.at(item.line, `dataset '${item.dataset}' is not in this deck (its datasets: ${known})`);
		}
	}
	if (own) return;
	for (const d of datasets) {
		if (!used.has(d.id)) report.at(d.line, `dataset '${d.id}' is not used by any exercise of this deck`);
	}
}
