import { DATA_IMAGE, MEDIA_NAME } from './sanitize.ts';

/**
 * A fast road for the HTML most card fields hold: text with a few formatting tags (`<b>`, `<i>`,
 * `<br>`, `<div>`, `<span style=…>`, `<font>`, `<code>`, `<img>` of a media file…) and common
 * entities. Nothing in such HTML needs sanitising beyond what this reader does anyway (it drops every
 * attribute but an image's checked `src` and `alt`, and unwraps `<font>`, as the sanitiser would), so
 * it is read without a DOM and converted by the same steps turndown takes (white space collapsed, then
 * each node replaced), giving the very same Markdown. A DOM parse, DOMPurify and turndown cost about a
 * millisecond per field in jsdom and much of that in a browser; an Anki collection holds tens of
 * thousands of fields.
 *
 * Anything else — another tag, an unknown entity, tags a browser would rearrange — is not simple, and
 * goes the full way. `html-to-markdown.test.ts` checks that both roads agree.
 */

interface Text {
	kind: 'text';
	data: string;
	parent: Element;
}

interface Element {
	kind: 'element';
	/** Upper case, as the DOM's nodeName. */
	name: string;
	children: Node[];
	parent: Element | null;
	/** An image's `src` and `alt`, as the sanitiser would leave them. */
	image?: { src: string; alt: string };
}

type Node = Text | Element;

const INLINE = new Set([
	'B',
	'STRONG',
	'I',
	'EM',
	'U',
	'S',
	'DEL',
	'INS',
	'SUB',
	'SUP',
	'SMALL',
	'MARK',
	'SPAN',
	'CODE'
]);
const BLOCK = new Set(['DIV', 'P']);
/** Removed by the sanitiser, which keeps their content: Anki's editor wrote `<font color=…>` for years. */
const UNWRAPPED = new Set(['FONT']);
const NAMED: Record<string, string> = {
	...{
		amp: '&',
		lt: '<',
		gt: '>',
		quot: '"',
		apos: "'",
		nbsp: '\u00a0',
		ndash: '–',
		mdash: '—',
		hellip: '…'
	},
	...{ lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', times: '×', rarr: '→', larr: '←', le: '≤', ge: '≥' },
	...{ ne: '≠', deg: '°', middot: '·', bull: '•', copy: '©', reg: '®', euro: '€', pound: '£' }
};
/**
 * A tag (its attributes, whatever they say, are dropped: the sanitiser keeps none that these elements
 * show), an entity, or text. Attribute values are quoted or plain, so a `>` inside quotes is no end.
 */
const TOKEN =
	/<(\/?)([a-z]+)((?:\s+[a-z][a-z0-9:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);|[^<&]+/giy;

/** A numeric character reference a browser decodes to that very code point (no remapping, no U+FFFD). */
function plainCodePoint(n: number): boolean {
	return (
		n === 9 ||
		n === 10 ||
		(n >= 0x20 && n <= 0x7e) ||
		(n >= 0xa0 && n <= 0xd7ff) ||
		(n >= 0xe000 && n <= 0xfdcf) ||
		(n >= 0xfdf0 && n <= 0xfffd) ||
		(n >= 0x10000 && n <= 0x10fffd && (n & 0xfffe) !== 0xfffe)
	);
}

/** Reads simple HTML into a tree, or null when it is not simple. */
function parse(html: string): Element | null {
	const root: Element = { kind: 'element', name: '#root', children: [], parent: null };
	let open = root;
	const text = (data: string) => {
		const last = open.children[open.children.length - 1];
		if (last?.kind === 'text') last.data += data;
		else open.children.push({ kind: 'text', data, parent: open });
	};
	// DOMPurify hands the input's leading white space back as a text node of its own.
	const lead = /^[\r\n\t ]+/.exec(html)?.[0] ?? '';
	if (lead) root.children.push({ kind: 'text', data: lead, parent: root });
	TOKEN.lastIndex = lead.length;
	while (TOKEN.lastIndex < html.length) {
		const m = TOKEN.exec(html);
		if (!m) return null;
		const [whole, closing, tag, attributes, selfClosing, entity] = m;
		if (tag !== undefined) {
			const name = tag.toUpperCase();
			if (closing && attributes) return null;
			if (name === 'BR' || name === 'IMG') {
				if (closing) return null;
				const image = name === 'IMG' ? readImage(attributes ?? '') : undefined;
				if (image === null) return null;
				open.children.push({ kind: 'element', name, children: [], parent: open, image });
			} else if (selfClosing || !(INLINE.has(name) || BLOCK.has(name) || UNWRAPPED.has(name))) return null;
			else if (closing) {
				if (open.name !== name) return null;
				open = open.parent!;
			} else {
				// A browser closes an open <p> at a block start tag; such input is not simple.
				if (BLOCK.has(name) && hasOpen(open, 'P')) return null;
				const element: Element = { kind: 'element', name, children: [], parent: open };
				open.children.push(element);
				open = element;
			}
		} else if (entity !== undefined) {
			const lower = entity.toLowerCase();
			if (lower.startsWith('#')) {
				const n = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
				if (!plainCodePoint(n)) return null;
				text(String.fromCodePoint(n));
			} else {
				const decoded = NAMED[entity];
				if (decoded === undefined) return null;
				text(decoded);
			}
		} else {
			if (/[\0\r]/.test(whole)) return null;
			text(whole);
		}
	}
	if (open !== root) return null;
	unwrap(root);
	return root;
}

/** Puts the children of unwrapped elements in their place, as separate nodes, as the sanitiser does. */
function unwrap(element: Element): void {
	for (let i = 0; i < element.children.length; i++) {
		const child = element.children[i]!;
		if (child.kind !== 'element') continue;
		unwrap(child);
		if (!UNWRAPPED.has(child.name)) continue;
		for (const grandchild of child.children) grandchild.parent = element;
		element.children.splice(i, 1, ...child.children);
		i += child.children.length - 1;
	}
}

const ATTRIBUTE = /\s+([a-z][a-z0-9:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/giy;

/**
 * An image's `src` and `alt`, when the sanitiser would keep both as written: no entity to decode, no
 * space to trim, nothing it would treat specially. Null otherwise (the full road decides then).
 */
function readImage(attributes: string): { src: string; alt: string } | null {
	const values = new Map<string, string>();
	ATTRIBUTE.lastIndex = 0;
	while (ATTRIBUTE.lastIndex < attributes.length) {
		const m = ATTRIBUTE.exec(attributes);
		if (!m) return null;
		const name = m[1]!.toLowerCase();
		// The first of two same-named attributes counts, as in a browser.
		if (!values.has(name)) values.set(name, m[2] ?? m[3] ?? m[4] ?? '');
	}
	const src = values.get('src') ?? '';
	const alt = values.get('alt') ?? '';
	if (/[&<>]/.test(src + alt) || src !== src.trim() || alt !== alt.trim() || /[\t\n\r]/.test(src + alt))
		return null;
	if (!DATA_IMAGE.test(src) && !MEDIA_NAME.test(src)) return null;
	return { src, alt };
}

function hasOpen(element: Element | null, name: string): boolean {
	for (let e = element; e; e = e.parent) if (e.name === name) return true;
	return false;
}

const isBlock = (node: Node) => node.kind === 'element' && BLOCK.has(node.name);
const isBr = (node: Node) => node.kind === 'element' && node.name === 'BR';

function textContent(node: Node): string {
	return node.kind === 'text' ? node.data : node.children.map(textContent).join('');
}

function siblings(node: Node): Node[] {
	return node.parent!.children;
}
function nextSibling(node: Node): Node | null {
	const list = siblings(node);
	return list[list.indexOf(node) + 1] ?? null;
}
function previousSibling(node: Node): Node | null {
	const list = siblings(node);
	return list[list.indexOf(node) - 1] ?? null;
}
function remove(node: Node): Node {
	const next = nextSibling(node) ?? node.parent!;
	siblings(node).splice(siblings(node).indexOf(node), 1);
	return next;
}

/** turndown's white-space collapsing, step for step, on this tree. */
function collapse(root: Element): void {
	const next = (prev: Node | null, current: Node): Node =>
		prev && prev.parent === current
			? (nextSibling(current) ?? current.parent!)
			: ((current.kind === 'element' ? current.children[0] : undefined) ??
				nextSibling(current) ??
				current.parent!);
	if (!root.children.length) return;
	let prevText: Text | null = null;
	let keepLeadingWs = false;
	let prev: Node | null = null;
	let node: Node = next(prev, root);
	while (node !== root) {
		if (node.kind === 'text') {
			let text = node.data.replace(/[ \r\n\t]+/g, ' ');
			if ((!prevText || / $/.test(prevText.data)) && !keepLeadingWs && text[0] === ' ') text = text.slice(1);
			if (!text) {
				node = remove(node);
				continue;
			}
			node.data = text;
			prevText = node;
		} else if (isBlock(node) || isBr(node)) {
			if (prevText) prevText.data = prevText.data.replace(/ $/, '');
			prevText = null;
			keepLeadingWs = false;
		} else if (node.name === 'IMG') {
			prevText = null;
			keepLeadingWs = true;
		} else if (prevText) keepLeadingWs = false;
		const nextNode = next(prev, node);
		prev = node;
		node = nextNode;
	}
	if (prevText) {
		prevText.data = prevText.data.replace(/ $/, '');
		if (!prevText.data) remove(prevText);
	}
}

function flanking(node: Element): { leading: string; trailing: string } {
	if (isBlock(node)) return { leading: '', trailing: '' };
	const m = /^(([ \t\r\n]*)(\s*))(?:(?=\S)[\s\S]*\S)?((\s*?)([ \t\r\n]*))$/.exec(textContent(node))!;
	let leading = m[1]!;
	let trailing = m[4]!;
	const flankedBy = (sibling: Node | null, test: RegExp) =>
		sibling !== null &&
		(sibling.kind === 'text'
			? test.test(sibling.data)
			: !isBlock(sibling) && test.test(textContent(sibling)));
	if (m[2] && flankedBy(previousSibling(node), / $/)) leading = m[3]!;
	if (m[6] && flankedBy(nextSibling(node), /^ /)) trailing = m[5]!;
	return { leading, trailing };
}

function isBlank(node: Element): boolean {
	const isVoid = (e: Element) => e.name === 'BR' || e.name === 'IMG';
	const hasVoid = (e: Element): boolean =>
		e.children.some((c) => c.kind === 'element' && (isVoid(c) || hasVoid(c)));
	return !isVoid(node) && /^\s*$/.test(textContent(node)) && !hasVoid(node);
}

/** turndown's `join`: at most two newlines where two pieces meet. */
function join(output: string[], replacement: string): void {
	const tail = output.pop() ?? '';
	const s1 = tail.replace(/\n+$/, '');
	const s2 = replacement.replace(/^\n+/, '');
	const separator = '\n\n'.slice(0, Math.max(tail.length - s1.length, replacement.length - s2.length));
	if (s1) output.push(s1);
	if (separator) output.push(separator);
	if (s2) output.push(s2);
}

/** The pieces of the conversion both roads share. */
export interface SimpleConversion {
	escape: (text: string) => string;
	codeSpan: (code: string) => string;
	image: (src: string, alt: string) => string;
	br: string;
}

function convert(parent: Element, how: SimpleConversion): string {
	const output: string[] = [];
	for (const node of [...parent.children]) {
		if (node.kind === 'text') {
			join(output, how.escape(node.data));
			continue;
		}
		const { leading, trailing } = flanking(node);
		let content = convert(node, how);
		if (leading || trailing) content = content.trim();
		let replacement: string;
		if (isBlank(node)) replacement = isBlock(node) ? '\n\n' : '';
		else if (node.name === 'BR') replacement = `${how.br}\n`;
		else if (node.image) replacement = how.image(node.image.src, node.image.alt);
		else if (node.name === 'CODE') replacement = how.codeSpan(textContent(node));
		else if (node.name === 'B' || node.name === 'STRONG')
			replacement = content.trim() ? `**${content}**` : '';
		else if (node.name === 'I' || node.name === 'EM') replacement = content.trim() ? `*${content}*` : '';
		else replacement = isBlock(node) ? `\n\n${content}\n\n` : content;
		join(output, leading + replacement + trailing);
	}
	return output.join('');
}

/**
 * Converts simple HTML as turndown would (before the `<br>` marks are placed), or returns null when
 * the HTML is not simple and needs the DOM.
 */
export function simpleHtmlToMarkdown(html: string, how: SimpleConversion): string | null {
	const root = parse(html);
	if (!root) return null;
	collapse(root);
	return convert(root, how)
		.replace(/^[\t\r\n]+/, '')
		.replace(/[\t\r\n\s]+$/, '');
}
