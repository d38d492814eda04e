import { markdownCodeSpan } from '../content/html-to-markdown.ts';
import { escapeBlockStarts } from '../decks/write.ts';
import { OWN_DECK_PREFIX } from '../decks/parse/context.ts';
import type { TopicSlug } from '../decks/types.ts';

/**
 * What every importer makes: whole deck files in the deck grammar (`decks/README.md`), for the person's
 * own decks (`parseDeck(…, { own: true })`). The importers produce items as Markdown fronts and backs;
 * this module turns them into headings, attributes and a file, so the grammar lives in one place.
 */

export interface DeckDraft {
	/** `my-…`, from the source's deck name, unique against the ids the caller said were taken. */
	id: string;
	title: string;
	/** A whole deck file, frontmatter included. */
	markdown: string;
}

/** Where an importer marks the one cloze deletion in a front: private-use characters no text contains. */
export const CLOZE_OPEN = '\uE000';
export const CLOZE_CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;

export interface DraftItem {
	/** Item id, lowercase letters, digits and dashes; stable across imports of the same source. */
	id: string;
	/** The front as Markdown (from `htmlToMarkdown`), any number of lines; a cloze front marks its deletion. */
	front: string;
	/** The back as Markdown; may be empty for a cloze card. */
	back: string;
	cloze: boolean;
	tags: readonly string[];
}

export type DraftProblem = 'empty-prompt' | 'empty-answer' | 'bad-cloze';

/**
 * An ASCII slug: accents folded, anything else between words a dash, at most `max` characters.
 *
 * @example
 * slugify('Español › Verbos') // 'espanol-verbos'
 */
export function slugify(text: string, max = 48): string {
	const slug = text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length <= max) return slug;
	const cut = slug.slice(0, max);
	return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/**
 * A short, stable hash of a text in base 36 (two 32-bit FNV-1a passes with different seeds): the same
 * text always gives the same id, so a re-import maps onto the same cards.
 *
 * @example
 * shortHash('What is a B-tree?') // e.g. 'k3f0c9x1a2'
 */
export function shortHash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000193 + 0x2e);
	}
	return ((a >>> 0).toString(36) + (b >>> 0).toString(36)).slice(0, 12);
}

/**
 * A new own-deck id for a deck name, `my-` + its slug, made unique against `taken` (to which it is
 * added): `my-spanish`, then `my-spanish-2`… A name with no Latin letters or digits gets a hash of itself,
 * so the same name still gives the same id. The result is deterministic for the same name and `taken`.
 */
export function ownDeckId(name: string, taken: Set<string>): string {
	const base = `${OWN_DECK_PREFIX}${slugify(name) || `deck-${shortHash(name)}`}`;
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	taken.add(id);
	return id;
}

/**
 * A tag as the deck grammar keeps it: lowercase, accents folded, Anki's `::` levels and any other
 * separators as dashes. Letters of any script stay. Empty when nothing is left.
 *
 * @example
 * tagSlug('Spanish::Verbs Irregular') // 'spanish-verbs-irregular'
 */
export function tagSlug(tag: string): string {
	return tag
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}

/** A hard line break (an odd number of trailing backslashes) has no meaning on a joined line. */
function dropHardBreak(line: string): string {
	const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
	return trailing % 2 === 1 ? line.slice(0, -1).trimEnd() : line;
}

/**
 * The front on one line, as a heading needs it, and whether it had block structure (code blocks,
 * lists, quotes, headings, rules) that one line cannot show.
 *
 * The decision: an item's prompt is its `## ` heading, one line, and a flashcard has no other place for
 * question text (what follows the heading is the answer). So the whole front goes into the heading,
 * every line of it, joined with ` / `; a code block's lines become code spans (braces in code get a
 * zero-width space between them, see below). Nothing is hidden from the question side, though a long
 * code block reads poorly on one line: such a front (one with block structure) is also shown,
 * formatted, at the top of the answer, above a rule.
 */
export function flattenFront(front: string): { line: string; blocks: boolean } {
	const parts: string[] = [];
	let blocks = false;
	let fence: string | null = null;
	for (const raw of front.split('\n')) {
		const trimmed = raw.trim();
		if (fence !== null) {
			if (trimmed === fence) fence = null;
			else if (trimmed) parts.push(markdownCodeSpan(trimmed));
			continue;
		}
		// htmlToMarkdown escapes text, so an unescaped marker at a line's start is its own block syntax.
		const opening = /^(`{3,}|~{3,})/.exec(trimmed);
		if (opening) {
			fence = opening[1]!;
			blocks = true;
			continue;
		}
		if (/^(?:\* *){3,}$/.test(trimmed)) {
			blocks = true;
			continue;
		}
		let line = trimmed;
		for (let marker = /^(?:>|[-+*](?=\s)|\d{1,9}[.)](?=\s)|#{1,6}(?=\s))\s*/.exec(line); marker;) {
			blocks = true;
			line = line.slice(marker[0].length);
			marker = /^(?:>|[-+*](?=\s)|\d{1,9}[.)](?=\s)|#{1,6}(?=\s))\s*/.exec(line);
		}
		line = dropHardBreak(line.trim());
		if (line) parts.push(line);
	}
	// Text braces are escaped, so a `{{` or `}}` left is inside code, where no escape works; the parser
	// would take it for a cloze deletion in a prompt. A zero-width space between the braces stops that.
	const line = parts
		.join(' / ')
		.replace(/\{(?=\{)/g, '{\u200B')
		.replace(/\}(?=\})/g, '}\u200B');
	return { line, blocks };
}

/** The deck parser's `{{deletion}}` holds no braces: inside it, escaped braces become entities. */
function deletionText(inner: string): string | null {
	const text = inner.replace(/\\([{}])/g, (_, brace: string) => (brace === '{' ? '&#123;' : '&#125;')).trim();
	return text && !/[{}]/.test(text) ? text : null;
}

/**
 * One item in the deck grammar: `## prompt {#id}`, its `tags:` line, a blank line and the answer.
 * Returns the problem instead when the item could not be read back (an empty prompt, a flashcard with
 * no answer, a cloze front without exactly one usable deletion).
 *
 * @example
 * itemMarkdown({ id: 'a1', front: 'Hola', back: 'Hello', cloze: false, tags: ['spanish'] })
 * // '## Hola {#a1}\ntags: spanish\n\nHello'
 */
export function itemMarkdown(item: DraftItem): string | DraftProblem {
	const { line, blocks } = flattenFront(item.front);
	let prompt = line;
	if (item.cloze) {
		const open = prompt.indexOf(CLOZE_OPEN);
		const close = prompt.indexOf(CLOZE_CLOSE);
		const single =
			open >= 0 &&
			close > open &&
			prompt.lastIndexOf(CLOZE_OPEN) === open &&
			prompt.lastIndexOf(CLOZE_CLOSE) === close;
		const hidden = single ? deletionText(prompt.slice(open + 1, close)) : null;
		if (!hidden) return 'bad-cloze';
		prompt = `${prompt.slice(0, open)}{{${hidden}}}${prompt.slice(close + 1)}`;
	}
	prompt = prompt.replace(MARKS, '').trim();
	if (!prompt.replace(/\{\{|\}\}/g, '').trim()) return 'empty-prompt';
	// Removing the cloze marks can bring a `#` to the start of a line that was escaped for text behind
	// a mark (`{{c1::## …}}`), so the body is guarded once more as a whole.
	const back = escapeBlockStarts(item.back.replace(MARKS, '').trim());
	if (!item.cloze && !back) return 'empty-answer';
	const shownFront = blocks ? escapeBlockStarts(item.front.replace(MARKS, '').trim()) : '';
	const answer = [shownFront, shownFront && back ? '* * *' : '', back].filter(Boolean).join('\n\n');
	const tags = item.tags.length ? `\ntags: ${item.tags.join(', ')}` : '';
	return `## ${prompt} {#${item.id}${item.cloze ? ' .cloze' : ''}}${tags}${answer ? `\n\n${answer}` : ''}`;
}

/**
 * A whole deck file: frontmatter (strings as JSON, which YAML reads as double-quoted scalars, so no
 * title can break the block) and the items, a blank line between them.
 */
export function deckMarkdown(deck: {
	id: string;
	title: string;
	topic: TopicSlug;
	description: string;
	items: readonly string[];
}): string {
	const head = ['---', `id: ${deck.id}`, `title: ${JSON.stringify(deck.title)}`, `topic: ${deck.topic}`];
	head.push(`description: ${JSON.stringify(deck.description)}`, '---');
	return `${head.join('\n')}\n\n${deck.items.join('\n\n')}\n`;
}
