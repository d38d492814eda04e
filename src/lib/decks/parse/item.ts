import type { Item, SqlDataset } from '../types.ts';
import type { Attributes, ItemBase, ItemContext } from './context.ts';
import { parseFlashcard } from './flashcard.ts';
import { SLUG } from './frontmatter.ts';
import { parseInterview } from './interview.ts';
import { resolveLinks } from './links.ts';
import { parseQuiz } from './quiz.ts';
import type { Reporter } from './report.ts';
import { parseDataset, parseSqlExercise } from './sql.ts';
import type { Fence, ItemSource, MetaLine } from './sections.ts';
import { htmlToText, splitList } from './text.ts';

/** What a `## ` heading starts: an item, or (`.dataset`) a dataset for the deck's SQL exercises. */
export type Entry = { item: Item } | { dataset: SqlDataset };

/**
 * Reads one item: the heading's prompt and `{#id …}` attributes, its `links:` and `tags:` lines and its
 * code languages, then hands the rest to the parser for its kind. Returns null when anything is wrong;
 * every problem is reported.
 */
export function parseItem(source: ItemSource, ctx: ItemContext): Entry | null {
	const { report, options } = ctx;
	const { line } = source.heading;
	const headingText = source.heading.text.trim();
	const braces = /\s*\{([^{}]*)\}\s*$/.exec(headingText);
	if (!braces || !braces[1]?.includes('#')) {
		report.at(line, 'the heading has no id: end it with {#item-id}');
		return null;
	}
	const attrs = readAttributes(braces[1], line, report);
	const prompt = headingText.slice(0, braces.index).trim();
	if (!prompt) report.at(line, 'the prompt (the heading text) is empty');
	if (!attrs || !prompt) return null;

	const meta = readMeta(source.meta, ctx);
	checkLanguages(source.fences, ctx);

	const base: ItemBase = { id: attrs.id, line, tags: meta.tags, links: meta.links, promptText: '', promptHtml: '' };
	const draft = { base, attrs, prompt, preamble: source.preamble, sections: source.sections };
	if (attrs.kind === 'dataset') {
		const dataset = parseDataset(draft, source.meta.length > 0, ctx);
		return dataset ? { dataset } : null;
	}
	const item =
		attrs.kind === 'quiz'
			? parseQuiz(draft, ctx)
			: attrs.kind === 'interview'
				? parseInterview(draft, ctx)
				: attrs.kind === 'sql'
					? parseSqlExercise(draft, ctx)
					: parseFlashcard(draft, ctx);
	if (item && !item.promptHtml) {
		item.promptHtml = options.renderer.inline(prompt);
		item.promptText = htmlToText(item.promptHtml);
	}
	return meta.ok && item ? { item } : null;
}

const KINDS = ['.cloze', '.quiz', '.interview', '.sql', '.dataset'];
const EXPECTED = '#id, .cloze, .quiz, .interview, .sql, .dataset, .multi, .ordered, .columns, level=, minutes=, dataset=';

function readAttributes(raw: string, line: number, report: Reporter): Attributes | null {
	const attrs: Attributes = { id: '', kind: 'flashcard', multi: false };
	let ok = true;
	const kinds: string[] = [];
	for (const part of raw.trim().split(/\s+/).filter(Boolean)) {
		if (part.startsWith('#')) attrs.id = part.slice(1);
		else if (part === '.multi') attrs.multi = true;
		else if (part === '.ordered') attrs.ordered = true;
		else if (part === '.columns') attrs.columns = true;
		else if (KINDS.includes(part)) kinds.push(part.slice(1));
		else if (part.startsWith('level=')) attrs.level = part.slice(6);
		else if (part.startsWith('minutes=')) attrs.minutes = part.slice(8);
		else if (part.startsWith('dataset=')) attrs.dataset = part.slice(8);
		else {
			report.at(line, `unknown attribute '${part}' (expected ${EXPECTED})`);
			ok = false;
		}
	}
	if (kinds.length > 1) {
		report.at(line, `an item has one kind, not ${kinds.map((k) => '.' + k).join(' and ')}`);
		ok = false;
	}
	attrs.kind = (kinds[0] as Attributes['kind'] | undefined) ?? 'flashcard';
	if (!attrs.id) {
		report.at(line, 'the heading has no id: end it with {#item-id}');
		return null;
	}
	if (!SLUG.test(attrs.id)) {
		report.at(line, `item id '${attrs.id}' must be lowercase letters, digits and dashes`);
		return null;
	}
	if (attrs.multi && attrs.kind !== 'quiz') {
		report.at(line, '.multi only applies to quiz questions');
		ok = false;
	}
	if (attrs.level && attrs.kind !== 'interview' && attrs.kind !== 'sql') {
		report.at(line, 'level= only applies to interview questions and SQL exercises');
		ok = false;
	}
	if (attrs.minutes && attrs.kind !== 'interview') {
		report.at(line, 'minutes= only applies to interview questions');
		ok = false;
	}
	if ((attrs.dataset || attrs.ordered || attrs.columns) && attrs.kind !== 'sql') {
		report.at(line, 'dataset=, .ordered and .columns only apply to SQL exercises (.sql)');
		ok = false;
	}
	return ok ? attrs : null;
}

/** The item's tags (lowercased) and links from its `tags:` and `links:` lines. */
function readMeta(lines: MetaLine[], ctx: ItemContext): { tags: string[]; links: string[]; ok: boolean } {
	const tags: string[] = [];
	const links: string[] = [];
	let ok = true;
	for (const { line, name, value } of lines) {
		const values = splitList(value);
		if (values.length === 0) {
			ctx.report.at(line, `'${name}:' has no values`);
			ok = false;
		}
		if (name.toLowerCase() === 'tags') tags.push(...values.map((v) => v.toLowerCase()));
		else {
			const resolved = resolveLinks(values, line, ctx);
			if (resolved) links.push(...resolved);
			else ok = false;
		}
	}
	return { tags, links, ok };
}

/** Every fenced code block names a language the highlighter knows (when the build says which). */
function checkLanguages(fences: Fence[], ctx: ItemContext): void {
	const known = ctx.options.languages;
	if (!known) return;
	for (const { line, info } of fences) {
		const lang = info.trim().split(/\s+/)[0] ?? '';
		if (!lang) ctx.report.at(line, 'a code block needs a language after the ``` (use text for plain text)');
		else if (!known.has(lang)) ctx.report.at(line, `unknown code language '${lang}' (known: ${[...known].sort().join(', ')})`);
	}
}
