import { stringify } from 'yaml';
import type { TopicSlug } from './types.ts';

/**
 * Writing the deck grammar (decks/README.md) from the editor's fields, and editing one item of a deck
 * file in place. The parser stays the only reader: whatever this writes is parsed back before it is
 * stored, so an error is reported with the same words and lines as for a shipped deck.
 */

export interface DeckMeta {
	id: string;
	title: string;
	topic: TopicSlug;
	description: string;
}

/** The `---` block of a deck file; YAML quotes whatever needs quoting (a colon in a title, say). */
export function frontmatter(meta: DeckMeta): string {
	const { id, title, topic, description } = meta;
	return `---\n${stringify({ id, title, topic, description }, { lineWidth: 0 })}---\n`;
}

/** A deck file's frontmatter replaced, its items kept as they are. */
export function withFrontmatter(markdown: string, meta: DeckMeta): string {
	const { items } = splitDeck(markdown);
	return joinDeck(frontmatter(meta), items);
}

/** One item of a deck file: its source from its `## ` heading up to the next one. */
export interface ItemBlock {
	/** The `#id` in the heading's attributes, or '' if the heading has none. */
	id: string;
	text: string;
}

const HEADING = /^## /;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ID_ATTR = /\{#([^\s}]+)[^}]*\}\s*$/;

/**
 * The fence `line` opens a code block with, or undefined. As in CommonMark, a backtick fence's info string
 * may not hold a backtick: "```)`?" is a paragraph of inline code, not a fence.
 */
function opens(line: string): string | undefined {
	const m = FENCE.exec(line);
	if (!m) return undefined;
	const fence = m[1]!;
	return fence[0] === '`' && line.slice(m[0].length).includes('`') ? undefined : fence;
}

/** Whether `line` closes a code block opened by `fence`: the same character, at least as many, nothing after. */
function closes(line: string, fence: string): boolean {
	const m = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(line);
	return m !== null && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

/**
 * A deck file cut into its head (frontmatter and anything before the first item) and its items. A `## `
 * line inside a fenced code block is code, not a heading, as the parser reads it.
 */
export function splitDeck(markdown: string): { head: string; items: ItemBlock[] } {
	const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
	const head: string[] = [];
	const items: ItemBlock[] = [];
	let current: string[] | null = null;
	let fence: string | null = null;
	let inFrontmatter = lines[0]?.trim() === '---';
	lines.forEach((line, i) => {
		if (inFrontmatter) {
			head.push(line);
			if (i > 0 && line.trim() === '---') inFrontmatter = false;
			return;
		}
		const open = opens(line);
		if (fence) {
			if (closes(line, fence)) fence = null;
		} else if (open) {
			fence = open;
		} else if (HEADING.test(line)) {
			current = [];
			items.push({ id: ID_ATTR.exec(line)?.[1] ?? '', text: '' });
		}
		(current ?? head).push(line);
		if (current) items[items.length - 1]!.text = current.join('\n');
	});
	return { head: head.join('\n'), items: items.map((b) => ({ ...b, text: b.text.replace(/\n+$/, '') })) };
}

/** A deck file from its head and its items, as `splitDeck` cuts it. */
export function joinDeck(head: string, items: readonly ItemBlock[]): string {
	const parts = [head.replace(/\n+$/, ''), ...items.map((b) => b.text)];
	return `${parts.join('\n\n')}\n`;
}

/**
 * A deck file with one item replaced (`text` null removes it); an id the file does not have is added
 * at the end.
 */
export function putItem(markdown: string, id: string, text: string | null): string {
	const { head, items } = splitDeck(markdown);
	const at = items.findIndex((b) => b.id === id);
	const next = items.slice();
	if (text === null) {
		if (at >= 0) next.splice(at, 1);
	} else if (at >= 0) next[at] = { id, text: text.trim() };
	else next.push({ id, text: text.trim() });
	return joinDeck(head, next);
}

/** The fields of a flashcard or cloze card, as the editor's form holds them. */
export interface CardFields {
	id: string;
	/** The prompt, one line of inline Markdown; a cloze prompt holds one `{{deletion}}`. */
	prompt: string;
	/** The answer (for a cloze card, optional extra text), Markdown. */
	answer: string;
	cloze: boolean;
	tags: string[];
	links: string[];
}

/**
 * The item a card's fields make. The prompt is kept on one line (a heading); a line of the answer that
 * would start a heading of the grammar is escaped so that it stays text of this card.
 */
export function cardBlock(card: CardFields): string {
	const prompt = card.prompt.replace(/\s*\n\s*/g, ' ').trim();
	const attrs = `{#${card.id}${card.cloze ? ' .cloze' : ''}}`;
	const meta = [
		card.links.length ? `links: ${card.links.join(', ')}` : '',
		card.tags.length ? `tags: ${card.tags.join(', ')}` : ''
	].filter(Boolean);
	const answer = escapeHeadings(card.answer.replace(/\r\n?/g, '\n').trim());
	return [`## ${prompt} ${attrs}`, ...meta, ...(answer ? ['', answer] : [])].join('\n');
}

/**
 * Lines that would make a heading outside code fences (one starting `#`, or a `---`/`===` line, which
 * turns the line above it into one) get one more backslash at their start: in a card they can only be
 * text. `unescapeHeadings` takes it off again, so any answer survives the round trip.
 */
const HEADING_LINE = /^(\s{0,3})(\\*(?:#|-+\s*$|=+\s*$))/;
const ESCAPED_LINE = /^(\s{0,3})\\(\\*(?:#|-+\s*$|=+\s*$))/;

function escapeHeadings(markdown: string): string {
	return mapProse(markdown, (line) => line.replace(HEADING_LINE, '$1\\$2'));
}

function unescapeHeadings(markdown: string): string {
	return mapProse(markdown, (line) => line.replace(ESCAPED_LINE, '$1$2'));
}

/**
 * Lines outside code fences that would start a heading the grammar reads (`#`, `##`, `###`, or a
 * `---`/`===` line under text; `####` and deeper are fine in a body) get a backslash, unless they have one already: a last guard for text assembled from
 * pieces (an importer's), where a line's start is only known once the pieces are joined.
 */
export function escapeBlockStarts(markdown: string): string {
	return mapProse(markdown, (line) => line.replace(/^(\s{0,3})(#{1,3}(?=\s|$)|=+\s*$|-+\s*$)/, '$1\\$2'));
}

/** Each line outside fenced code blocks through `f`. */
function mapProse(markdown: string, f: (line: string) => string): string {
	let fence: string | null = null;
	return markdown
		.split('\n')
		.map((line) => {
			const open = opens(line);
			if (fence) {
				if (closes(line, fence)) fence = null;
				return line;
			}
			if (open) {
				fence = open;
				return line;
			}
			return f(line);
		})
		.join('\n');
}

/**
 * A flashcard or cloze item's fields read back from its block, for the form; null for an item the form
 * does not edit (a quiz or interview question, or one the person wrote by hand with sections).
 */
export function readCardBlock(text: string): CardFields | null {
	const lines = text.split('\n');
	const heading = /^## (.*?)\s*\{#([^\s}]+)([^}]*)\}\s*$/.exec(lines[0] ?? '');
	if (!heading) return null;
	const attrs = heading[3]!.trim().split(/\s+/).filter(Boolean);
	if (attrs.some((a) => a !== '.cloze')) return null;
	const card: CardFields = {
		id: heading[2]!,
		prompt: heading[1]!,
		answer: '',
		cloze: attrs.includes('.cloze'),
		tags: [],
		links: []
	};
	let i = 1;
	for (; i < lines.length; i++) {
		const meta = /^(links|tags):\s*(.*)$/.exec(lines[i]!);
		if (!meta) break;
		card[meta[1] as 'links' | 'tags'] = meta[2]!.split(',').map((s) => s.trim()).filter(Boolean);
	}
	const body = lines.slice(i).join('\n');
	let sectioned = false;
	mapProse(body, (line) => ((sectioned ||= /^### /.test(line)), line));
	if (sectioned) return null;
	card.answer = unescapeHeadings(body.trim());
	return card;
}

/** A new item id from the prompt's first words, unique among `taken` (ids are permanent: history keys). */
export function newItemId(prompt: string, taken: ReadonlySet<string>): string {
	const words = prompt
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
		.split(' ')
		.filter(Boolean)
		.slice(0, 5);
	const base = words.join('-') || 'card';
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new own deck's id from its title: `my-` and a slug, unique among `taken`. */
export function newDeckId(title: string, taken: ReadonlySet<string>): string {
	const id = newItemId(title, new Set());
	const base = `my-${id === 'card' ? 'deck' : id}`;
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
