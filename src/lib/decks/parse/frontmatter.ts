import { parseDocument } from 'yaml';
import { isTopic, type Deck } from '../types.ts';
import { OWN_DECK_PREFIX } from './context.ts';
import type { Line } from './lines.ts';
import type { Reporter } from './report.ts';

const KEYS = new Set(['id', 'title', 'topic', 'description']);
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Frontmatter {
	/** The closing `---` line. */
	closeLine: number;
	/** The lines after the block: the deck's items. */
	body: Line[];
	/** False when a field is wrong: the items are still checked, but no deck is built. */
	valid: boolean;
	id: string;
	title: string;
	topic: Deck['topic'];
	description: string;
}

/**
 * Reads the `---` block at the top of a deck: id, title, topic and description. Returns null when the
 * block is missing or is not YAML, since the items cannot be found without it. A shipped deck's id
 * matches its file name and its topic its folder; a person's own deck (`own`) lives in the browser,
 * with neither, and its id is in the `my-` namespace, which shipped decks may not use, so the two never
 * collide. A file of the person's copies of a shipped deck's items (`copyOf`) keeps that deck's id.
 */
export function readFrontmatter(
	lines: Line[],
	report: Reporter,
	own = false,
	copyOf?: string
): Frontmatter | null {
	if (lines[0]?.text.trim() !== '---') {
		report.at(1, 'the file must start with a frontmatter block: a line "---", id/title/topic/description, "---"');
		return null;
	}
	const close = lines.findIndex((l, i) => i > 0 && l.text.trim() === '---');
	if (close < 0) {
		report.at(1, 'the frontmatter block is not closed: add a line "---" after the description');
		return null;
	}
	const block = lines.slice(1, close);
	const doc = parseDocument(block.map((l) => l.text).join('\n'), { prettyErrors: false });
	if (doc.errors.length) {
		// YAML counts its lines from 1, starting at the line after the opening `---` (line 2).
		for (const e of doc.errors) report.at(1 + (e.linePos?.[0].line ?? 1), `frontmatter: ${e.message.split('\n')[0]}`);
		return null;
	}
	const data: unknown = doc.toJS();
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		report.at(2, 'frontmatter must be key: value lines (id, title, topic, description)');
		return null;
	}
	const record = data as Record<string, unknown>;
	const lineOf = (key: string) => block.find((l) => l.text.startsWith(`${key}:`))?.line ?? 1;

	let valid = true;
	const fail = (key: string, message: string) => {
		report.at(lineOf(key), message);
		valid = false;
	};
	const text = (key: string): string => {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		fail(key, `frontmatter: '${key}' is missing or empty`);
		return '';
	};
	for (const key of Object.keys(record)) {
		if (!KEYS.has(key)) fail(key, `frontmatter: unknown key '${key}' (expected id, title, topic, description)`);
	}
	const id = text('id');
	const title = text('title');
	const topic = text('topic');
	const description = text('description');

	if (id && !SLUG.test(id)) fail('id', `frontmatter: id '${id}' must be lowercase letters, digits and dashes`);
	if (id && copyOf !== undefined && id !== copyOf) {
		fail('id', `frontmatter: a copy of items of '${copyOf}' keeps that deck's id (got '${id}')`);
	} else if (id && own && copyOf === undefined && !id.startsWith(OWN_DECK_PREFIX)) {
		fail('id', `frontmatter: the id of your own deck must start with '${OWN_DECK_PREFIX}' (got '${id}')`);
	}
	if (id && !own && id.startsWith(OWN_DECK_PREFIX)) {
		fail('id', `frontmatter: ids starting with '${OWN_DECK_PREFIX}' belong to people's own decks; pick another id`);
	}
	const fileName = own ? undefined : report.file.split('/').pop()?.replace(/\.md$/, '');
	if (id && fileName && id !== fileName) fail('id', `frontmatter: id '${id}' must match the file name '${fileName}.md'`);
	if (topic && !isTopic(topic)) fail('topic', `unknown topic '${topic}' (see the topic list in decks/README.md)`);
	const folder = own ? undefined : report.file.split('/').slice(-2, -1)[0];
	if (topic && isTopic(topic) && folder && folder !== 'decks' && folder !== topic) {
		fail('topic', `topic '${topic}' does not match the folder '${folder}'`);
	}
	return {
		closeLine: lines[close]!.line,
		body: lines.slice(close + 1),
		valid,
		id,
		title,
		topic: topic as Deck['topic'],
		description
	};
}
