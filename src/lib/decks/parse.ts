import MarkdownIt from 'markdown-it';
import { parseDocument } from 'yaml';
import {
	DECK_SCHEMA_VERSION,
	LEVELS,
	isTopic,
	type Deck,
	type DeckError,
	type Flashcard,
	type InterviewQuestion,
	type Item,
	type KeyPoint,
	type Level,
	type QuizChoice,
	type QuizQuestion
} from './types.ts';

/** Turns Markdown into HTML. The build passes one that highlights code; tests pass a plain one. */
export interface Renderer {
	block(markdown: string): string;
	inline(markdown: string): string;
}

export interface ParseOptions {
	/** Path shown in errors, e.g. `decks/databases/db-indexes.md`. */
	file: string;
	renderer: Renderer;
	/** Code-block languages the highlighter knows; a block with another language is an error. */
	languages?: ReadonlySet<string>;
}

/** A link from an item to a flashcard, kept with its line so the collection can report it. */
export interface LinkRef {
	file: string;
	line: number;
	/** `deck-id/item-id` */
	target: string;
}

export interface ParseResult {
	deck: Deck | null;
	errors: DeckError[];
	links: LinkRef[];
}

/** Longest flashcard answer, in characters of prose outside code blocks. See decks/README.md. */
export const MAX_ANSWER_PROSE = 500;
/** Longest code block in a flashcard answer, in lines. */
export const MAX_ANSWER_CODE_LINES = 15;
export const MIN_KEY_POINTS = 3;
export const MAX_KEY_POINTS = 8;
export const MIN_CHOICES = 3;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LINK = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const FRONTMATTER_KEYS = new Set(['id', 'title', 'topic', 'description']);
const CLOZE = /\{\{([^{}]+)\}\}/g;
const CLOZE_MARK = 'XQCLOZEMARKQX';

const tokenizer = new MarkdownIt('commonmark');

interface Heading {
	level: number;
	/** 0-based index into the file's lines. */
	index: number;
	text: string;
}

interface Section {
	name: string;
	/** 0-based index of the `###` heading line. */
	index: number;
	lines: string[];
}

/**
 * Parses one deck file. Never throws: every problem becomes a `DeckError` with its line, and as many
 * problems as can be found are reported at once, so an author fixes a file in one pass.
 *
 * @example
 * const { deck, errors } = parseDeck(source, { file: 'decks/git/git-basics.md', renderer });
 */
export function parseDeck(source: string, options: ParseOptions): ParseResult {
	const errors: DeckError[] = [];
	const links: LinkRef[] = [];
	const report = (index: number, message: string) =>
		errors.push({ file: options.file, line: index + 1, message });
	try {
		const deck = parseInto(source, options, report, links);
		return { deck: errors.length ? null : deck, errors, links };
	} catch (e) {
		// A parser bug must still not crash the build without a location.
		report(0, `could not parse this file (${e instanceof Error ? e.message : String(e)})`);
		return { deck: null, errors, links };
	}
}

function parseInto(
	source: string,
	options: ParseOptions,
	report: (index: number, message: string) => void,
	links: LinkRef[]
): Deck | null {
	const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');

	const front = readFrontmatter(lines, options.file, report);
	if (!front) return null;

	const bodyStart = front.end + 1;
	const body = blankComments(lines.slice(bodyStart), bodyStart, report);
	const headings = findHeadings(body).map((h) => ({ ...h, index: h.index + bodyStart }));
	const all = [...lines.slice(0, bodyStart), ...body];

	for (const h of headings) {
		if (h.level === 1) report(h.index, "use '## ' to start an item and '### ' for its sections, not '# '");
	}
	const itemHeadings = headings.filter((h) => h.level === 2);
	const firstItem = itemHeadings[0]?.index ?? all.length;
	const stray = all.slice(bodyStart, firstItem).findIndex((l) => l.trim() !== '');
	if (stray >= 0) report(bodyStart + stray, "text before the first item: items start with '## '");
	if (itemHeadings.length === 0) report(front.end, 'the deck has no items (each item starts with ## )');

	const items: Item[] = [];
	const seen = new Map<string, number>();
	itemHeadings.forEach((h, n) => {
		const end = itemHeadings[n + 1]?.index ?? all.length;
		const sections = headings.filter((s) => s.level === 3 && s.index > h.index && s.index < end);
		const item = parseItem(h, all.slice(h.index + 1, end), sections, {
			deckId: front.id,
			options,
			report,
			links
		});
		if (!item) return;
		const first = seen.get(item.id);
		if (first !== undefined) {
			report(h.index, `duplicate item id '${item.id}' (first used on line ${first + 1})`);
			return;
		}
		seen.set(item.id, h.index);
		items.push(item);
	});

	if (!front.valid) return null;
	return {
		schema: DECK_SCHEMA_VERSION,
		id: front.id,
		title: front.title,
		topic: front.topic as Deck['topic'],
		description: front.description,
		file: options.file,
		items
	};
}

interface Frontmatter {
	end: number;
	valid: boolean;
	id: string;
	title: string;
	topic: string;
	description: string;
}

function readFrontmatter(
	lines: string[],
	file: string,
	report: (index: number, message: string) => void
): Frontmatter | null {
	if (lines[0]?.trim() !== '---') {
		report(0, 'the file must start with a frontmatter block: a line "---", id/title/topic/description, "---"');
		return null;
	}
	const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
	if (end < 0) {
		report(0, 'the frontmatter block is not closed: add a line "---" after the description');
		return null;
	}
	const doc = parseDocument(lines.slice(1, end).join('\n'), { prettyErrors: false });
	if (doc.errors.length) {
		for (const e of doc.errors) report(1 + (e.linePos?.[0].line ?? 1) - 1, `frontmatter: ${e.message.split('\n')[0]}`);
		return null;
	}
	const data: unknown = doc.toJS();
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		report(1, 'frontmatter must be key: value lines (id, title, topic, description)');
		return null;
	}
	const record = data as Record<string, unknown>;
	const lineOf = (key: string) => {
		const i = lines.slice(1, end).findIndex((l) => l.startsWith(`${key}:`));
		return i < 0 ? 0 : i + 1;
	};
	let valid = true;
	const text = (key: string): string => {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		report(lineOf(key), `frontmatter: '${key}' is missing or empty`);
		valid = false;
		return '';
	};
	for (const key of Object.keys(record)) {
		if (!FRONTMATTER_KEYS.has(key)) {
			report(lineOf(key), `frontmatter: unknown key '${key}' (expected id, title, topic, description)`);
			valid = false;
		}
	}
	const id = text('id');
	const title = text('title');
	const topic = text('topic');
	const description = text('description');
	if (id && !SLUG.test(id)) {
		report(lineOf('id'), `frontmatter: id '${id}' must be lowercase letters, digits and dashes`);
		valid = false;
	}
	const fileName = file.split('/').pop()?.replace(/\.md$/, '');
	if (id && fileName && id !== fileName) {
		report(lineOf('id'), `frontmatter: id '${id}' must match the file name '${fileName}.md'`);
		valid = false;
	}
	if (topic && !isTopic(topic)) {
		report(lineOf('topic'), `unknown topic '${topic}' (see the topic list in decks/README.md)`);
		valid = false;
	}
	const folder = file.split('/').slice(-2, -1)[0];
	if (topic && isTopic(topic) && folder && folder !== 'decks' && folder !== topic) {
		report(lineOf('topic'), `topic '${topic}' does not match the folder '${folder}'`);
		valid = false;
	}
	return { end, valid, id, title, topic, description };
}

/** Replaces HTML comments by blank lines, so they vanish from the output but keep line numbers. */
function blankComments(
	body: string[],
	offset: number,
	report: (index: number, message: string) => void
): string[] {
	const out: string[] = [];
	let inComment = -1;
	body.forEach((line, i) => {
		let rest = line;
		let kept = '';
		for (;;) {
			if (inComment >= 0) {
				const close = rest.indexOf('-->');
				if (close < 0) break;
				rest = rest.slice(close + 3);
				inComment = -1;
			} else {
				const open = rest.indexOf('<!--');
				if (open < 0) {
					kept += rest;
					break;
				}
				kept += rest.slice(0, open);
				rest = rest.slice(open + 4);
				inComment = i;
			}
		}
		out.push(kept.trim() === '' ? '' : kept);
	});
	if (inComment >= 0) report(offset + inComment, "an HTML comment '<!--' is never closed with '-->'");
	return out;
}

/** Headings as Markdown sees them: a `## ` inside a code block is code, not a heading. */
function findHeadings(lines: string[]): Heading[] {
	const tokens = tokenizer.parse(lines.join('\n'), {});
	const out: Heading[] = [];
	tokens.forEach((t, i) => {
		if (t.type !== 'heading_open' || t.level !== 0 || !t.map) return;
		out.push({ level: Number(t.tag.slice(1)), index: t.map[0], text: tokens[i + 1]?.content ?? '' });
	});
	return out;
}

interface ItemContext {
	deckId: string;
	options: ParseOptions;
	report: (index: number, message: string) => void;
	links: LinkRef[];
}

interface Attributes {
	id: string;
	kind: 'flashcard' | 'cloze' | 'quiz' | 'interview';
	multi: boolean;
	level?: string;
	minutes?: string;
}

function readAttributes(
	raw: string,
	index: number,
	report: (index: number, message: string) => void
): Attributes | null {
	const attrs: Attributes = { id: '', kind: 'flashcard', multi: false };
	let ok = true;
	const kinds: string[] = [];
	for (const part of raw.trim().split(/\s+/).filter(Boolean)) {
		if (part.startsWith('#')) attrs.id = part.slice(1);
		else if (part === '.multi') attrs.multi = true;
		else if (['.cloze', '.quiz', '.interview'].includes(part)) kinds.push(part.slice(1));
		else if (part.startsWith('level=')) attrs.level = part.slice(6);
		else if (part.startsWith('minutes=')) attrs.minutes = part.slice(8);
		else {
			report(index, `unknown attribute '${part}' (expected #id, .cloze, .quiz, .interview, .multi, level=, minutes=)`);
			ok = false;
		}
	}
	if (kinds.length > 1) {
		report(index, `an item has one kind, not ${kinds.map((k) => '.' + k).join(' and ')}`);
		ok = false;
	}
	attrs.kind = (kinds[0] as Attributes['kind'] | undefined) ?? 'flashcard';
	if (!attrs.id) {
		report(index, 'the heading has no id: end it with {#item-id}');
		return null;
	}
	if (!SLUG.test(attrs.id)) {
		report(index, `item id '${attrs.id}' must be lowercase letters, digits and dashes`);
		return null;
	}
	if (attrs.multi && attrs.kind !== 'quiz') {
		report(index, '.multi only applies to quiz questions');
		ok = false;
	}
	if ((attrs.level || attrs.minutes) && attrs.kind !== 'interview') {
		report(index, 'level= and minutes= only apply to interview questions');
		ok = false;
	}
	return ok ? attrs : null;
}

function parseItem(heading: Heading, lines: string[], sectionHeadings: Heading[], ctx: ItemContext): Item | null {
	const { report, options } = ctx;
	const headingText = heading.text.trim();
	const match = /\s*\{([^{}]*)\}\s*$/.exec(headingText);
	if (!match || !match[1]?.includes('#')) {
		report(heading.index, 'the heading has no id: end it with {#item-id}');
		return null;
	}
	const attrs = readAttributes(match[1], heading.index, report);
	const prompt = headingText.slice(0, match.index).trim();
	if (!prompt) report(heading.index, 'the prompt (the heading text) is empty');
	if (!attrs || !prompt) return null;

	// Metadata lines (links:, tags:) directly under the heading.
	let cursor = 0;
	while (cursor < lines.length && lines[cursor]?.trim() === '') cursor++;
	const tags: string[] = [];
	const itemLinks: string[] = [];
	let metaOk = true;
	for (; cursor < lines.length; cursor++) {
		const meta = /^(links|tags):\s*(.*)$/i.exec(lines[cursor] ?? '');
		if (!meta) break;
		const values = splitList(meta[2] ?? '');
		const at = heading.index + 1 + cursor;
		if (values.length === 0) {
			report(at, `'${meta[1]}:' has no values`);
			metaOk = false;
		}
		if (meta[1]?.toLowerCase() === 'tags') tags.push(...values.map((v) => v.toLowerCase()));
		else {
			const resolved = resolveLinks(values, at, ctx);
			if (resolved) itemLinks.push(...resolved);
			else metaOk = false;
		}
	}

	const firstSection = sectionHeadings[0] ? sectionHeadings[0].index - heading.index - 1 : lines.length;
	const preamble = lines.slice(cursor, Math.max(cursor, firstSection));
	const sections: Section[] = sectionHeadings.map((s, n) => {
		const end = sectionHeadings[n + 1]?.index ?? heading.index + 1 + lines.length;
		return {
			name: s.text.trim().toLowerCase(),
			index: s.index,
			lines: lines.slice(s.index - heading.index, end - heading.index - 1)
		};
	});
	checkLanguages(lines, heading.index + 1, ctx);

	const base = {
		id: attrs.id,
		line: heading.index + 1,
		tags,
		links: itemLinks,
		promptText: '',
		promptHtml: ''
	};

	let item: Item | null;
	if (attrs.kind === 'flashcard' || attrs.kind === 'cloze') {
		item = parseFlashcard(base, prompt, attrs.kind === 'cloze', heading, preamble, sections, ctx);
	} else if (attrs.kind === 'quiz') {
		item = parseQuiz(base, attrs, heading, preamble, sections, ctx);
	} else {
		item = parseInterview(base, attrs, heading, preamble, sections, ctx);
	}
	if (item && !item.promptHtml) {
		item.promptHtml = options.renderer.inline(prompt);
		item.promptText = htmlToText(item.promptHtml);
	}
	return metaOk ? item : null;
}

type Base = Pick<Item, 'id' | 'line' | 'tags' | 'links' | 'promptText' | 'promptHtml'>;

function parseFlashcard(
	base: Base,
	prompt: string,
	cloze: boolean,
	heading: Heading,
	preamble: string[],
	sections: Section[],
	ctx: ItemContext
): Flashcard | null {
	const { report, options } = ctx;
	let ok = true;
	if (sections[0]) {
		report(
			sections[0].index,
			`a flashcard has no '### ' sections; mark the heading .quiz or .interview if '${sections[0].name}' belongs to one`
		);
		ok = false;
	}
	const body = preamble.join('\n').trim();
	if (!cloze && !body) {
		report(heading.index, 'missing answer: write it under the heading');
		ok = false;
	}
	if (base.links.length) {
		report(heading.index, 'links: belongs on quiz and interview questions, not on flashcards');
		ok = false;
	}
	ok = checkAnswerSize(body, heading.index, report) && ok;

	let promptHtml = '';
	let clozeHtml = '';
	if (cloze) {
		const deletions = [...prompt.matchAll(CLOZE)];
		if (deletions.length !== 1) {
			report(heading.index, `a cloze card needs exactly one {{deletion}} in its prompt, found ${deletions.length}`);
			ok = false;
		} else {
			const hidden = deletions[0]?.[1]?.trim() ?? '';
			const marked = prompt.replace(CLOZE, CLOZE_MARK);
			const rendered = options.renderer.inline(marked);
			promptHtml = rendered.replace(CLOZE_MARK, '<span class="cloze-blank">[…]</span>');
			clozeHtml = rendered.replace(CLOZE_MARK, `<mark class="cloze">${options.renderer.inline(hidden)}</mark>`);
		}
	} else if (CLOZE.test(prompt)) {
		report(heading.index, 'the prompt has a {{deletion}} but the heading is not marked .cloze');
		ok = false;
	}
	CLOZE.lastIndex = 0;
	if (!ok) return null;
	return {
		...base,
		kind: 'flashcard',
		cloze,
		clozeHtml,
		promptHtml,
		promptText: promptHtml ? htmlToText(promptHtml) : '',
		answerHtml: body ? options.renderer.block(body) : ''
	};
}

function checkAnswerSize(body: string, index: number, report: (index: number, message: string) => void): boolean {
	let ok = true;
	let prose = 0;
	for (const t of tokenizer.parse(body, {})) {
		if (t.type === 'inline') prose += t.content.length;
		if ((t.type === 'fence' || t.type === 'code_block') && t.content.split('\n').length - 1 > MAX_ANSWER_CODE_LINES) {
			report(index, `a code block in the answer is longer than ${MAX_ANSWER_CODE_LINES} lines: shorten it or split the card`);
			ok = false;
		}
	}
	if (prose > MAX_ANSWER_PROSE) {
		report(index, `the answer has ${prose} characters of prose (limit ${MAX_ANSWER_PROSE}): split the card or trim it`);
		ok = false;
	}
	return ok;
}

function sectionMap(
	sections: Section[],
	allowed: string[],
	ctx: ItemContext
): Map<string, Section> | null {
	const map = new Map<string, Section>();
	let ok = true;
	for (const s of sections) {
		if (!allowed.includes(s.name)) {
			ctx.report(s.index, `unknown section '### ${s.name}' (expected ${allowed.map((a) => `'### ${capitalise(a)}'`).join(', ')})`);
			ok = false;
		} else if (map.has(s.name)) {
			ctx.report(s.index, `section '### ${capitalise(s.name)}' appears twice`);
			ok = false;
		} else map.set(s.name, s);
	}
	return ok ? map : null;
}

function parseQuiz(
	base: Base,
	attrs: Attributes,
	heading: Heading,
	preamble: string[],
	sections: Section[],
	ctx: ItemContext
): QuizQuestion | null {
	const { report, options } = ctx;
	const map = sectionMap(sections, ['choices', 'accept', 'explanation'], ctx);
	if (!map) return null;
	let ok = true;
	const choicesSection = map.get('choices');
	const acceptSection = map.get('accept');
	const explanation = map.get('explanation');
	const choices: QuizChoice[] = [];
	const accept: string[] = [];

	if (choicesSection && acceptSection) {
		report(acceptSection.index, "a quiz question has either '### Choices' or '### Accept', not both");
		ok = false;
	} else if (!choicesSection && !acceptSection) {
		report(heading.index, "a quiz question needs '### Choices' (a - [x] / - [ ] list) or '### Accept'");
		ok = false;
	}
	if (choicesSection) {
		const seen = new Set<string>();
		choicesSection.lines.forEach((line, i) => {
			if (line.trim() === '') return;
			const m = /^\s*[-*] \[( |x|X)\] (.+)$/.exec(line);
			const at = choicesSection.index + 1 + i;
			if (!m || !m[2]) {
				report(at, "each choice is one line '- [x] right answer' or '- [ ] wrong answer'");
				ok = false;
				return;
			}
			const text = m[2].trim();
			if (seen.has(text)) {
				report(at, `duplicate choice '${text}'`);
				ok = false;
			}
			seen.add(text);
			choices.push({ html: options.renderer.inline(text), correct: m[1] !== ' ' });
		});
		if (choices.length < MIN_CHOICES) {
			report(choicesSection.index, `a quiz question needs at least ${MIN_CHOICES} choices, found ${choices.length}`);
			ok = false;
		}
		if (choices.length && !choices.some((c) => c.correct)) {
			report(choicesSection.index, 'no choice is marked correct: mark the right one(s) with - [x]');
			ok = false;
		}
		if (choices.length && choices.every((c) => c.correct)) {
			report(choicesSection.index, 'every choice is marked correct: a question needs at least one wrong choice');
			ok = false;
		}
	}
	if (acceptSection) {
		ok = readList(acceptSection, 'accepted answer', ctx, accept) && ok;
		if (accept.length === 0) {
			report(acceptSection.index, "'### Accept' needs at least one '- accepted answer' line");
			ok = false;
		}
	}
	const explanationText = explanation?.lines.join('\n').trim() ?? '';
	if (!explanationText) {
		report(explanation?.index ?? heading.index, "missing '### Explanation': say why the right answer is right");
		ok = false;
	}
	if (!ok) return null;
	const correct = choices.filter((c) => c.correct).length;
	const stem = preamble.join('\n').trim();
	return {
		...base,
		kind: 'quiz',
		answerType: acceptSection ? 'typed' : correct > 1 || attrs.multi ? 'multiple' : 'single',
		stemHtml: stem ? options.renderer.block(stem) : '',
		choices,
		accept,
		explanationHtml: options.renderer.block(explanationText)
	};
}

function parseInterview(
	base: Base,
	attrs: Attributes,
	heading: Heading,
	preamble: string[],
	sections: Section[],
	ctx: ItemContext
): InterviewQuestion | null {
	const { report, options } = ctx;
	const map = sectionMap(sections, ['key points', 'model answer', 'follow-ups'], ctx);
	let ok = map !== null;
	if (!attrs.level || !(LEVELS as readonly string[]).includes(attrs.level)) {
		report(heading.index, `an interview question needs level=junior, level=mid or level=senior${attrs.level ? ` (got '${attrs.level}')` : ''}`);
		ok = false;
	}
	const minutes = Number(attrs.minutes);
	if (!attrs.minutes || !Number.isInteger(minutes) || minutes < 1 || minutes > 30) {
		report(heading.index, 'an interview question needs minutes=N, a whole number from 1 to 30');
		ok = false;
	}
	if (!map) return null;
	const keySection = map.get('key points');
	const model = map.get('model answer');
	const followSection = map.get('follow-ups');
	const keyPoints: KeyPoint[] = [];
	const sectionLinks: string[] = [];
	if (!keySection) {
		report(heading.index, "missing '### Key points'");
		ok = false;
	} else {
		keySection.lines.forEach((line, i) => {
			if (line.trim() === '') return;
			const at = keySection.index + 1 + i;
			const itemLinks = /^links:\s*(.*)$/i.exec(line);
			if (itemLinks) {
				// An item-level links: line may also close the key points (as in the shared example).
				const resolved = resolveLinks(splitList(itemLinks[1] ?? ''), at, ctx);
				if (resolved) sectionLinks.push(...resolved);
				else ok = false;
				return;
			}
			const m = /^\s*[-*] (.+)$/.exec(line);
			if (!m?.[1]) {
				report(at, "each key point is one line '- what must be said — match: phrase, phrase'");
				ok = false;
				return;
			}
			const parts = m[1].split(/\s+[—–]\s+|\s+--?\s+(?=(?:match|links):)/);
			const text = parts[0]?.trim() ?? '';
			let match: string[] = [];
			let pointLinks: string[] = [];
			for (const part of parts.slice(1)) {
				const kv = /^(match|links):\s*(.*)$/i.exec(part.trim());
				if (!kv) {
					report(at, `unexpected '${part.trim()}' in a key point (expected '— match: …' or '— links: …')`);
					ok = false;
				} else if (kv[1]?.toLowerCase() === 'match') match = splitList(kv[2] ?? '');
				else {
					const resolved = resolveLinks(splitList(kv[2] ?? ''), at, ctx);
					if (resolved) pointLinks = resolved;
					else ok = false;
				}
			}
			if (match.length === 0) {
				report(at, "a key point needs '— match: phrase, phrase' (the words that show it was said)");
				ok = false;
			}
			keyPoints.push({ text, match, links: pointLinks });
		});
		base.links.push(...sectionLinks);
		for (const point of keyPoints) if (point.links.length === 0) point.links = base.links;
		if (keyPoints.length < MIN_KEY_POINTS || keyPoints.length > MAX_KEY_POINTS) {
			report(keySection.index, `an interview question needs ${MIN_KEY_POINTS}–${MAX_KEY_POINTS} key points, found ${keyPoints.length}`);
			ok = false;
		}
	}
	const modelText = model?.lines.join('\n').trim() ?? '';
	if (!modelText) {
		report(model?.index ?? heading.index, "missing '### Model answer'");
		ok = false;
	}
	const followUps: string[] = [];
	if (followSection) ok = readList(followSection, 'follow-up question', ctx, followUps) && ok;
	if (!ok) return null;
	const stem = preamble.join('\n').trim();
	return {
		...base,
		kind: 'interview',
		level: attrs.level as Level,
		minutes,
		stemHtml: stem ? options.renderer.block(stem) : '',
		keyPoints,
		modelAnswerHtml: options.renderer.block(modelText),
		followUps: followUps.map((f) => options.renderer.inline(f))
	};
}

function readList(section: Section, what: string, ctx: ItemContext, into: string[]): boolean {
	let ok = true;
	section.lines.forEach((line, i) => {
		if (line.trim() === '') return;
		const m = /^\s*[-*] (.+)$/.exec(line);
		if (!m?.[1]) {
			ctx.report(section.index + 1 + i, `each ${what} is one line starting with '- '`);
			ok = false;
		} else into.push(m[1].trim());
	});
	return ok;
}

function resolveLinks(values: string[], index: number, ctx: ItemContext): string[] | null {
	const out: string[] = [];
	let ok = true;
	for (const v of values) {
		if (!LINK.test(v)) {
			ctx.report(index, `link '${v}' must be an item id or deck-id/item-id`);
			ok = false;
			continue;
		}
		const target = v.includes('/') ? v : `${ctx.deckId}/${v}`;
		out.push(target);
		ctx.links.push({ file: ctx.options.file, line: index + 1, target });
	}
	return ok ? out : null;
}

function checkLanguages(lines: string[], offset: number, ctx: ItemContext): void {
	const known = ctx.options.languages;
	if (!known) return;
	for (const t of tokenizer.parse(lines.join('\n'), {})) {
		if (t.type !== 'fence' || !t.map) continue;
		const lang = t.info.trim().split(/\s+/)[0] ?? '';
		if (!lang) ctx.report(offset + t.map[0], 'a code block needs a language after the ``` (use text for plain text)');
		else if (!known.has(lang)) ctx.report(offset + t.map[0], `unknown code language '${lang}' (known: ${[...known].sort().join(', ')})`);
	}
}

function splitList(value: string): string[] {
	return value
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Plain text of a small piece of rendered HTML (prompts), for search and uniqueness checks. */
export function htmlToText(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
		.replace(/\s+/g, ' ')
		.trim();
}
