/**
 * Anki's card templates (`{{Front}}`, `{{#Field}}…{{/Field}}`, `{{cloze:Text}}`, `{{type:Back}}`,
 * `{{hint:Notes}}`, `{{FrontSide}}`) read into a small tree and rendered to the HTML of one side of a
 * card. Pure string work: the HTML is sanitised later, as a whole.
 */

import { CLOZE_CLOSE, CLOZE_OPEN } from '../deck-draft.ts';

export type TemplateNode =
	| { kind: 'text'; html: string }
	| { kind: 'field'; name: string; filters: string[] }
	| { kind: 'section'; name: string; inverted: boolean; body: TemplateNode[] };

/** Names Anki fills in itself. They describe the card rather than hold its content, so they render empty. */
const SPECIAL = new Set(['frontside', 'tags', 'type', 'deck', 'subdeck', 'card', 'cardflag', 'cardid']);

/**
 * Reads a template. Returns null when Anki itself could not render it: a section left open or closed
 * in the wrong order, or a field the note type does not have.
 *
 * @example
 * parseTemplate('{{#Hint}}({{Hint}}){{/Hint}}', ['Front', 'Hint'])
 */
export function parseTemplate(source: string, fieldNames: readonly string[]): TemplateNode[] | null {
	const known = new Set(fieldNames.map((n) => n.toLowerCase()));
	const root: TemplateNode[] = [];
	const stack: { name: string; body: TemplateNode[] }[] = [{ name: '', body: root }];
	const tag = /\{\{([\s\S]*?)\}\}/g;
	let last = 0;
	for (let m = tag.exec(source); m; m = tag.exec(source)) {
		const body = stack[stack.length - 1]!.body;
		if (m.index > last) body.push({ kind: 'text', html: source.slice(last, m.index) });
		last = m.index + m[0].length;
		const inside = (m[1] ?? '').trim();
		const sigil = inside.charAt(0);
		if (sigil === '#' || sigil === '^') {
			const name = inside.slice(1).trim();
			if (!known.has(name.toLowerCase()) && !SPECIAL.has(name.toLowerCase())) return null;
			const section: TemplateNode = { kind: 'section', name, inverted: sigil === '^', body: [] };
			body.push(section);
			stack.push({ name: name.toLowerCase(), body: section.body });
		} else if (sigil === '/') {
			if (stack.length < 2 || stack[stack.length - 1]!.name !== inside.slice(1).trim().toLowerCase())
				return null;
			stack.pop();
		} else {
			const parts = inside.split(':').map((p) => p.trim());
			const name = parts.pop() ?? '';
			if (!known.has(name.toLowerCase()) && !SPECIAL.has(name.toLowerCase())) return null;
			body.push({ kind: 'field', name, filters: parts.map((f) => f.toLowerCase()) });
		}
	}
	if (stack.length !== 1) return null;
	if (last < source.length) root.push({ kind: 'text', html: source.slice(last) });
	return root;
}

/** The fields a question template shows (lowercased): a `type:` field is an input box there, not content. */
export function shownFields(nodes: readonly TemplateNode[], into = new Set<string>()): Set<string> {
	for (const node of nodes) {
		if (node.kind === 'section') shownFields(node.body, into);
		else if (node.kind === 'field' && !node.filters.includes('type') && !node.filters.includes('tts')) {
			if (!SPECIAL.has(node.name.toLowerCase())) into.add(node.name.toLowerCase());
		}
	}
	return into;
}

/** Anki counts a field as empty when nothing but tags, `&nbsp;` and white space is left. */
export function isEmptyField(html: string): boolean {
	return (
		html
			.replace(/<[^>]*>/g, '')
			.replace(/&nbsp;/gi, '')
			.trim() === ''
	);
}

export interface RenderSide {
	/** Field HTML by lowercased name. */
	fields: ReadonlyMap<string, string>;
	side: 'question' | 'answer';
	/** Answer side: fields already on the question side, shown there and not again. */
	omit: ReadonlySet<string>;
	/** For a cloze card: the deletion number it tests (ord + 1). */
	cloze: number;
}

export interface Rendered {
	html: string;
	/** How many deletions of the card's number were marked (question side of a cloze card). */
	deletions: number;
}

/**
 * Renders one side of a card. Each field shows at most once on the answer side: `{{type:Back}}` and
 * `{{Back}}` together would otherwise show the answer twice.
 */
export function renderTemplate(nodes: readonly TemplateNode[], ctx: RenderSide): Rendered {
	const used = new Set<string>();
	let deletions = 0;
	const walk = (list: readonly TemplateNode[]): string => {
		let html = '';
		for (const node of list) {
			if (node.kind === 'text') html += node.html;
			else if (node.kind === 'section') {
				const empty = isEmptyField(ctx.fields.get(node.name.toLowerCase()) ?? '');
				if (empty === node.inverted) html += walk(node.body);
			} else html += field(node);
		}
		return html;
	};
	const field = ({ name, filters }: { name: string; filters: string[] }): string => {
		const key = name.toLowerCase();
		if (SPECIAL.has(key) || filters.includes('tts')) return '';
		const value = ctx.fields.get(key) ?? '';
		if (ctx.side === 'question') {
			if (filters.includes('type')) return '';
			if (filters.includes('cloze')) {
				const rendered = clozeQuestion(value, ctx.cloze);
				deletions += rendered.deletions;
				return rendered.html;
			}
		} else {
			if (ctx.omit.has(key) || used.has(key)) return '';
			used.add(key);
			if (filters.includes('cloze')) return clozeQuestion(value, 0).html;
		}
		return filters.includes('text') ? value.replace(/<[^>]*>/g, '') : value;
	};
	return { html: walk(nodes), deletions };
}

interface Deletion {
	n: number;
	body: (string | Deletion)[];
	hint: string;
}

/** Reads `{{c1::text::hint}}` deletions, nested ones included (Anki 2.1.56+ allows them). */
function parseDeletions(html: string): (string | Deletion)[] {
	const root: (string | Deletion)[] = [];
	const open: Deletion[] = [];
	let inHint = false;
	let i = 0;
	const emit = (text: string) => {
		const top = open[open.length - 1];
		if (!top) root.push(text);
		else if (inHint) top.hint += text;
		else top.body.push(text);
	};
	while (i < html.length) {
		const start = /^\{\{c(\d+)::/.exec(html.slice(i, i + 12));
		if (start && !inHint) {
			const deletion: Deletion = { n: Number(start[1]), body: [], hint: '' };
			const top = open[open.length - 1];
			(top ? top.body : root).push(deletion);
			open.push(deletion);
			i += start[0].length;
		} else if (open.length && html.startsWith('}}', i)) {
			open.pop();
			inHint = false;
			i += 2;
		} else if (open.length && !inHint && html.startsWith('::', i)) {
			inHint = true;
			i += 2;
		} else {
			const next = html.slice(i).search(/\{\{c\d+::|\}\}|::/);
			const end = next <= 0 ? (next === 0 ? i + 1 : html.length) : i + next;
			emit(html.slice(i, end));
			i = end;
		}
	}
	return root;
}

/**
 * The question side of a cloze field for deletion `n`: every deletion numbered `n` is wrapped in the
 * cloze marks (its hint, if any, follows it in brackets); the others show their text. `n` = 0 shows
 * the whole text, as the answer side does.
 */
export function clozeQuestion(html: string, n: number): Rendered {
	let deletions = 0;
	const render = (parts: readonly (string | Deletion)[], inside: boolean): string =>
		parts
			.map((part) => {
				if (typeof part === 'string') return part;
				if (inside || part.n !== n) return render(part.body, inside);
				deletions++;
				const hint = part.hint.trim() ? ` (${part.hint.trim()})` : '';
				return `${CLOZE_OPEN}${render(part.body, true)}${CLOZE_CLOSE}${hint}`;
			})
			.join('');
	return { html: render(parseDeletions(html), false), deletions };
}
