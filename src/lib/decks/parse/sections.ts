import MarkdownIt from 'markdown-it';
import { blankComments, isBlank, type Line } from './lines.ts';
import type { Reporter } from './report.ts';

const tokenizer = new MarkdownIt('commonmark');

/** Markdown-it's block tokens for a text; `map` holds 0-based line indexes into that text. */
export function tokenize(markdown: string) {
	return tokenizer.parse(markdown, {});
}

export interface Heading {
	line: number;
	/** The heading text, with its `{#id …}` attributes. */
	text: string;
}

/** A `### ` section of an item: its lowercased name and the lines up to the next section or item. */
export interface Section {
	name: string;
	line: number;
	lines: Line[];
}

/** A `links:` or `tags:` line directly under an item heading. */
export interface MetaLine {
	line: number;
	/** `links` or `tags`, as written. */
	name: string;
	value: string;
}

/** A fenced code block, by the line of its opening fence. */
export interface Fence {
	line: number;
	/** What follows the opening ``` on its line. */
	info: string;
}

/** One item of a deck, cut up by line but not yet read: every part keeps its own line numbers. */
export interface ItemSource {
	heading: Heading;
	meta: MetaLine[];
	/** The lines between the metadata and the first section: a flashcard's answer, a question's stem. */
	preamble: Line[];
	sections: Section[];
	fences: Fence[];
}

const META = /^(links|tags):\s*(.*)$/i;

/**
 * Cuts a deck's body (the lines after the frontmatter) into items at its `## ` headings and each item
 * into metadata, preamble and `### ` sections. Markdown decides what a heading is, so a `## ` inside a
 * code block stays code; the body is tokenised once, here. Reports comments left open, `# ` headings,
 * text before the first item and a deck without items (unless `empty` is allowed: a person's new deck).
 */
export function splitItems(lines: Line[], closeLine: number, report: Reporter, empty = false): ItemSource[] {
	const body = blankComments(lines, report);
	const { headings, fences } = findBlocks(body);

	for (const h of headings) {
		if (h.level === 1) report.at(h.line, "use '## ' to start an item and '### ' for its sections, not '# '");
	}
	const items = headings.filter((h) => h.level === 2);
	const stray = body.slice(0, items[0]?.at ?? body.length).find((l) => !isBlank(l));
	if (stray) report.at(stray.line, "text before the first item: items start with '## '");
	if (items.length === 0 && !empty) report.at(closeLine, 'the deck has no items (each item starts with ## )');

	return items.map((heading, n) => {
		const end = items[n + 1]?.at ?? body.length;
		const inItem = ({ at }: { at: number }) => at > heading.at && at < end;
		const sectionHeadings = headings.filter((h) => h.level === 3 && inItem(h));
		const sections = sectionHeadings.map((s, k) => ({
			name: s.text.trim().toLowerCase(),
			line: s.line,
			lines: body.slice(s.at + 1, sectionHeadings[k + 1]?.at ?? end)
		}));
		const { meta, preamble } = splitTop(body.slice(heading.at + 1, sectionHeadings[0]?.at ?? end));
		return {
			heading: { line: heading.line, text: heading.text },
			meta,
			preamble,
			sections,
			fences: fences.filter(inItem).map(({ line, info }) => ({ line, info }))
		};
	});
}

/** `at` is where a block starts in the body, used only to cut the body into items and sections. */
type Block<T> = T & { at: number };

/** The body's top-level headings (with their level) and its fenced code blocks, in order. */
function findBlocks(body: Line[]): { headings: Block<Heading & { level: number }>[]; fences: Block<Fence>[] } {
	const headings: Block<Heading & { level: number }>[] = [];
	const fences: Block<Fence>[] = [];
	const tokens = tokenize(body.map((l) => l.text).join('\n'));
	tokens.forEach((t, i) => {
		const at = t.map?.[0];
		const line = at === undefined ? undefined : body[at]?.line;
		if (at === undefined || line === undefined) return;
		if (t.type === 'heading_open' && t.level === 0) {
			headings.push({ at, line, level: Number(t.tag.slice(1)), text: tokens[i + 1]?.content ?? '' });
		} else if (t.type === 'fence') fences.push({ at, line, info: t.info });
	});
	return { headings, fences };
}

/** An item's lines before its first section: blank lines, then `links:`/`tags:` lines, then the preamble. */
function splitTop(top: Line[]): { meta: MetaLine[]; preamble: Line[] } {
	let cursor = 0;
	while (cursor < top.length && isBlank(top[cursor]!)) cursor++;
	const meta: MetaLine[] = [];
	for (; cursor < top.length; cursor++) {
		const { line, text } = top[cursor]!;
		const m = META.exec(text);
		if (!m) break;
		meta.push({ line, name: m[1] ?? '', value: m[2] ?? '' });
	}
	return { meta, preamble: top.slice(cursor) };
}
