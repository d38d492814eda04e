import TurndownService from 'turndown';
import { DATA_IMAGE, sanitizeToFragment } from './sanitize.ts';
import { simpleHtmlToMarkdown } from './simple-html.ts';

/**
 * Turns untrusted HTML (an Anki field, a CSV cell, a compiled deck's HTML) into Markdown that the deck
 * parser (`decks/parse.ts`) reads back as the same text: nothing in it can open an item (`## `), a
 * section (`### `), a setext heading (`---`, `===`), metadata (`tags:`/`links:`), a comment the parser
 * would blank (`<!--`), a cloze deletion (`{{…}}`) or item attributes (`{#…}`).
 */

export interface HtmlToMarkdownOptions {
	/**
	 * Turns an image's `src` that is a bare media file name into a `data:image/…` URI, or returns null
	 * when the file is unknown: the image then becomes its alt text. Without it, such images become
	 * their alt text too (a bare name would point into the app's own site).
	 */
	image?: (name: string) => string | null;
}

/** Stands for a `<br>` until the whole text is known: a break at the edge of a block must vanish. */
const BR = '\uE002';

/** A letter or digit on both sides of `_` keeps it literal in CommonMark, so it needs no escape there. */
const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes a text node's characters that Markdown or the deck grammar would read as syntax. Backslash
 * escapes are CommonMark's own, so the renderer shows the characters as they were.
 */
export function escapeMarkdownText(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === '_') out += WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '') ? '_' : '\\_';
		// Emphasis, code, links and images, and the deck grammar's `{{deletion}}` and `{#id}`.
		else if ('\\`*[]{}'.includes(c)) out += '\\' + c;
		// An entity (`&amp;`) would be decoded, and a tag or an autolink read: `<https://…>`, or an email
		// one, whose name may start with a digit or most punctuation (`<#a@b.co>`), so a `<` before anything
		// but white space is escaped. The deck parser blanks anything that looks like a comment, on any
		// line, so `<!` is broken up where the `<` stays.
		else if (c === '&' && /^&#?[a-z0-9]+;/i.test(text.slice(i, i + 34))) out += '\\&';
		else if (c === '<' && text[i + 1] === '!') out += '<\\';
		else if (c === '<' && /\S/.test(text[i + 1] ?? '')) out += '\\<';
		else out += c;
	}
	// What only matters at the start of a line: headings, quotes, lists, setext underlines, fences and
	// the item metadata lines. A text node starts every line it is on (a `<br>` or block ends the last),
	// and an escape is harmless where the node happens to start mid-line. White space before the marker
	// counts too: a later trim (turndown's, or a no-break space taken for white space) can remove it.
	return out
		.replace(/^(\s*)([#>+=-]|~~~)/, '$1\\$2')
		.replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
		.replace(/^(\s*(?:links|tags)):/i, '$1\\:');
}

let service: TurndownService | null = null;

/** A `<pre>`'s text with its line breaks, whether written as newlines or as `<br>`/blocks (Anki does both). */
function preText(node: Node): string {
	let text = '';
	const walk = (n: Node) => {
		for (const child of Array.from(n.childNodes)) {
			if (child.nodeType === 3) text += child.nodeValue ?? '';
			else if (child.nodeName === 'BR') text += '\n';
			else {
				const block = /^(DIV|P|LI|TR|H[1-6])$/.test(child.nodeName);
				if (block && text && !text.endsWith('\n')) text += '\n';
				walk(child);
				if (block && !text.endsWith('\n')) text += '\n';
			}
		}
	};
	walk(node);
	// The one line end that closes the last line; a blank line the code ends with is the code's own.
	return text.replace(/\n$/, '');
}

/** The deck parser blanks `<!-- … -->` on every line, code included; a zero-width space keeps it code. */
function keepComments(code: string): string {
	return code.replace(/<!--/g, '<!\u200B--');
}

/** A fenced block, its fence longer than any run of backticks in the code; `text` when no language is known. */
function fence(code: string, language: string): string {
	const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
	const bar = '`'.repeat(longest + 1);
	return `\n\n${bar}${language || 'text'}\n${keepComments(code)}\n${bar}\n\n`;
}

/**
 * A Markdown code span for `code` on one line. A code span takes no escapes, so a `<!--` in it (which
 * the deck parser would blank as a comment) gets a zero-width space; `{{` stays, as it only matters in
 * a prompt, where `flattenFront` deals with it.
 *
 * @example
 * markdownCodeSpan('a`b') // '``a`b``'
 */
export function markdownCodeSpan(code: string): string {
	const text = keepComments(code.replace(/\r?\n|\r/g, ' '));
	if (!text.trim()) return '';
	const runs: string[] = text.match(/`+/g) ?? [];
	let bar = '`';
	while (runs.includes(bar)) bar += '`';
	const pad = /^`|`$|^ .*[^ ].* $/.test(text) ? ' ' : '';
	return bar + pad + text + pad + bar;
}

/** A link destination: spaces and angle brackets percent-encoded, parentheses escaped. */
function destination(url: string): string {
	return url.replace(/ /g, '%20').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/[()]/g, '\\$&');
}

/** Text that must stay on one line (headings, table cells, alt text). */
function oneLine(markdown: string): string {
	return markdown
		.replace(new RegExp(`${BR}\\n`, 'g'), ' ')
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}

let currentOptions: HtmlToMarkdownOptions = {};

/** An image as Markdown: inline raster data, or (a file the caller cannot supply) its alt text. */
function imageMarkdown(src: string, altText: string): string {
	const alt = oneLine(escapeMarkdownText(altText));
	const uri = src.startsWith('data:') ? src : src ? (currentOptions.image?.(src) ?? null) : null;
	// The sanitiser lets only raster data URIs through; one made by `image` is checked the same way.
	if (!uri || !DATA_IMAGE.test(uri)) return alt;
	return `![${alt}](${uri})`;
}

const SIMPLE = { escape: escapeMarkdownText, codeSpan: markdownCodeSpan, image: imageMarkdown, br: BR };

function createService(): TurndownService {
	const td = new TurndownService({
		headingStyle: 'atx',
		hr: '* * *',
		// Not '-': a CSV cell starting with it is a formula to a spreadsheet (see `deckToCsv`).
		bulletListMarker: '*',
		codeBlockStyle: 'fenced',
		emDelimiter: '*',
		strongDelimiter: '**',
		br: BR
	});
	td.escape = escapeMarkdownText;
	// `##` opens an item and `###` a section in a deck, and `#` is not allowed: a card's own headings
	// start at level 4, keeping their order.
	td.addRule('heading', {
		filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
		replacement: (content, node) => {
			const level = Math.max(4, Number(node.nodeName.charAt(1)));
			const text = oneLine(content);
			return text ? `\n\n${'#'.repeat(level)} ${text}\n\n` : '';
		}
	});
	td.addRule('pre', {
		filter: 'pre',
		replacement: (_content, node) => {
			const code = preText(node);
			// The sanitiser keeps `class` only as `language-…` on a code element.
			const language =
				/language-(\S+)/.exec(node.querySelector('code')?.getAttribute('class') ?? '')?.[1] ?? '';
			return code.trim() ? fence(code, language.toLowerCase()) : '';
		}
	});
	td.addRule('code', {
		filter: (node) => node.nodeName === 'CODE' && node.parentNode?.nodeName !== 'PRE',
		replacement: (_content, node) => markdownCodeSpan(node.textContent ?? '')
	});
	td.addRule('image', {
		filter: 'img',
		replacement: (_content, node) =>
			imageMarkdown(
				(node as HTMLElement).getAttribute('src') ?? '',
				(node as HTMLElement).getAttribute('alt') ?? ''
			)
	});
	td.addRule('link', {
		filter: (node) => node.nodeName === 'A' && !!node.getAttribute('href'),
		replacement: (content, node) => {
			const href = (node as HTMLElement).getAttribute('href') ?? '';
			const text = oneLine(content) || escapeMarkdownText(href);
			return `[${text}](${destination(href)})`;
		}
	});
	// The deck renderer is CommonMark, without tables: each row becomes a line, its cells between bars.
	td.addRule('tableCell', {
		filter: ['th', 'td'],
		replacement: (content, node) => oneLine(content) + (node.nextSibling ? ' | ' : '')
	});
	td.addRule('tableRow', {
		filter: 'tr',
		replacement: (content) => (content.trim() ? `\n\n${content.trim()}\n\n` : '')
	});
	return td;
}

/**
 * Places the `<br>` marks: two or more in a row end the paragraph, one at the edge of a block goes,
 * and the rest become CommonMark's backslash line break (which, unlike two trailing spaces, survives
 * editors that trim lines).
 */
function placeBreaks(markdown: string): string {
	// White space other than a newline, a no-break space included: it counts as blank on a line.
	const ws = '[^\\S\\n]*';
	return markdown
		.replace(new RegExp(`(?:${BR}${ws}\\n?${ws}){2,}`, 'g'), '\n\n')
		.replace(new RegExp(`${BR}${ws}(?:\\n|$)(?=\\s*(?:\\n|$))`, 'g'), '\n')
		.replace(new RegExp(`(^|\\n${ws}\\n)${ws}${BR}${ws}\\n?`, 'g'), '$1')
		.replace(new RegExp(`${BR}${ws}\\n?`, 'g'), '\\\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** Elements Markdown writes inline: a block inside one (`<i><pre>…</pre></i>`) cannot stay inside it. */
const INLINE = new Set([
	'A',
	'B',
	'CODE',
	'DEL',
	'EM',
	'I',
	'INS',
	'KBD',
	'MARK',
	'S',
	'SAMP',
	'SMALL',
	'SPAN',
	'STRONG',
	'SUB',
	'SUP',
	'U',
	'VAR'
]);
const BLOCKS = 'pre, ul, ol, dl, table, blockquote, h1, h2, h3, h4, h5, h6, hr';

/**
 * Unwraps every inline element that holds a block, keeping its children. Turndown writes emphasis
 * around a code block as `*```text`, which is no fence: the code's lines then read as Markdown, and a
 * `## ` in them opened a new item (fast-check found `<i><pre>## </pre></i>`). The emphasis is lost,
 * the block stays whole.
 */
function liftBlocks(root: DocumentFragment): DocumentFragment {
	for (const block of root.querySelectorAll(BLOCKS)) {
		const wrappers: Element[] = [];
		for (let el = block.parentElement; el; el = el.parentElement)
			if (INLINE.has(el.tagName)) wrappers.push(el);
		for (const el of wrappers) el.replaceWith(...el.childNodes);
	}
	return root;
}

/**
 * Converts untrusted HTML into deck Markdown: sanitised first (`sanitizeHtml`), then converted with
 * turndown. `<br>` and `<div>` become line breaks and paragraphs, `<b>`/`<i>`/`<code>`/`<pre>` their
 * Markdown, images `![alt](data:…)`, and everything that would break the deck grammar is escaped, so
 * the parser reads the same text back. Needs a DOM (on the page, or jsdom in tests), except for simple
 * HTML — text with a few bare formatting tags — which `simple-html.ts` converts without one.
 *
 * @example
 * htmlToMarkdown('<b>Big</b> O<br>## not a heading') // '**Big** O\\\n\\## not a heading'
 */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): string {
	const source = html.replaceAll(BR, '');
	currentOptions = options;
	try {
		// Text with a few bare formatting tags (most card fields) needs neither the DOM nor a sanitiser.
		const simple = simpleHtmlToMarkdown(source, SIMPLE);
		if (simple !== null) return placeBreaks(simple);
		service ??= createService();
		return placeBreaks(service.turndown(liftBlocks(sanitizeToFragment(source))));
	} finally {
		currentOptions = {};
	}
}

/** The full road only (DOMPurify, then turndown), for tests that check both roads agree. */
export function htmlToMarkdownWithDom(html: string, options: HtmlToMarkdownOptions = {}): string {
	currentOptions = options;
	try {
		service ??= createService();
		return placeBreaks(service.turndown(liftBlocks(sanitizeToFragment(html.replaceAll(BR, '')))));
	} finally {
		currentOptions = {};
	}
}
