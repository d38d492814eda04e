// @vitest-environment jsdom
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findUnsafe, readXssPayloads } from '../../../tests/fixtures/xss-payloads';
import { parseDeck } from '../decks/parse';
import { createPlainRenderer } from '../decks/render';
import type { Item } from '../decks/types';
import { ankiToDecks } from '../import/anki/convert';
import type { AnkiCollection } from '../import/anki/types';
import { csvToDeck } from '../import/csv';
import { htmlToMarkdown } from './html-to-markdown';
import { sanitizeHtml } from './sanitize';

const renderer = createPlainRenderer();
const PAYLOADS = readXssPayloads();

// jsdom runs inline event handlers (not scripts) in the live document, with its own window as their
// global (vitest's \`jsdom.window\`, not the test's globalThis): anything that slips through and fires
// calls one of these, and the last check below fails.
const pageWindow = (globalThis as unknown as { jsdom: { window: object } }).jsdom.window;
const ran = vi.fn();
Object.assign(pageWindow, { __xss: ran, alert: ran });
afterAll(async () => {
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(ran).not.toHaveBeenCalled();
});

/** Parses HTML into the live page, the way the app shows a card, so a handler that survives would run. */
function dom(html: string): HTMLElement {
	const div = document.createElement('div');
	document.body.append(div);
	div.innerHTML = html;
	return div;
}

/** Parses HTML into a document with no window, where nothing runs: for looking at raw payloads. */
function inert(html: string): HTMLElement {
	const doc = document.implementation.createHTMLDocument('');
	doc.body.innerHTML = html;
	return doc.body;
}

function itemHtml(item: Item): string {
	if (item.kind === 'flashcard') return [item.promptHtml, item.answerHtml, item.clozeHtml].join('\n');
	return item.promptHtml;
}

/** Every deck parses as an own deck with no errors; returns all of its rendered HTML. */
function parsedHtml(decks: { id: string; markdown: string }[]): string {
	let html = '';
	for (const d of decks) {
		const { deck, errors } = parseDeck(d.markdown, { file: `my/${d.id}.md`, renderer, own: true });
		expect(errors, d.markdown).toEqual([]);
		html += deck!.items.map(itemHtml).join('\n');
	}
	return html;
}

function collectionWith(field: string): AnkiCollection {
	return {
		format: 'anki21',
		notetypes: [
			{
				id: 1,
				name: 'Basic',
				kind: 'standard',
				fieldNames: ['Front', 'Back'],
				templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }]
			},
			{
				id: 2,
				name: 'Cloze',
				kind: 'cloze',
				fieldNames: ['Text', 'Extra'],
				templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Extra}}' }]
			},
			{
				// The payload in the template itself, as a shared deck's note type could carry it.
				id: 3,
				name: 'Styled',
				kind: 'standard',
				fieldNames: ['Front', 'Back'],
				templates: [
					{ name: 'Card 1', qfmt: `{{Front}}${field}`, afmt: `{{FrontSide}}<hr id=answer>${field}{{Back}}` }
				]
			}
		],
		notes: [
			{ id: 1, guid: 'a', notetypeId: 1, fields: [`Front ${field}`, `Back ${field}`], tags: ['x'] },
			{ id: 2, guid: 'b', notetypeId: 2, fields: [`{{c1::hidden}} ${field}`, field], tags: [] },
			{ id: 3, guid: 'c', notetypeId: 2, fields: [field, 'extra'], tags: [] },
			{ id: 4, guid: 'd', notetypeId: 3, fields: ['Front', 'Back'], tags: [] }
		],
		cards: [
			{ id: 11, noteId: 1, ord: 0, deck: 'XSS', suspended: false },
			{ id: 12, noteId: 2, ord: 0, deck: 'XSS', suspended: false },
			{ id: 13, noteId: 3, ord: 0, deck: 'XSS', suspended: false },
			{ id: 14, noteId: 4, ord: 0, deck: 'XSS', suspended: false }
		],
		reviews: [],
		media: { 'clip.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
		skippedMedia: []
	};
}

describe('the XSS corpus', () => {
	it('has at least 60 payloads, and the checker sees what is wrong with them', () => {
		expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
		expect(findUnsafe(inert('<img src=x onerror=alert(1)>'))).toEqual(['onerror on <img>']);
		expect(findUnsafe(inert('<a href=" java\tscript:alert(1)">x</a>'))).toHaveLength(1);
		expect(findUnsafe(inert('<svg><style>x</style></svg>'))).toEqual(['<svg> element', '<style> element']);
		expect(findUnsafe(inert('<img src="data:image/svg+xml;base64,AAAA">'))).toHaveLength(1);
		expect(
			findUnsafe(inert('<a href="https://x.example/">x</a><img src="data:image/png;base64,AAAA">'))
		).toEqual([]);
		const flagged = PAYLOADS.filter((p) => findUnsafe(inert(p)).length > 0);
		// The Markdown-only payloads are plain text as HTML; nearly all the others are caught raw.
		expect(flagged.length).toBeGreaterThanOrEqual(80);
	});

	it('would notice a handler that fires: jsdom runs them in the live page', async () => {
		const probe = vi.fn();
		Object.assign(pageWindow, { __probe: probe });
		dom('<details open ontoggle="window.__probe()">x</details><img src="data:," onerror="window.__probe()">');
		await vi.waitFor(() => expect(probe).toHaveBeenCalled());
	});
});

describe('sanitizeHtml', () => {
	it('keeps card formatting, lists, tables, code, headings, links and raster images', () => {
		const html =
			'<h2>T</h2><p><b>b</b> <i>i</i> <u>u</u> <sub>1</sub></p><ul><li>x</li></ul><table><tr><td colspan="2">c</td></tr></table>' +
			'<pre><code class="language-sql">SELECT 1</code></pre><a href="https://example.com/">w</a><a href="mailto:a@example.com">m</a>' +
			'<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"><img src="paste-1a.jpg" alt="photo">';
		expect(sanitizeHtml(html)).toBe(
			'<h2>T</h2><p><b>b</b> <i>i</i> <u>u</u> <sub>1</sub></p><ul><li>x</li></ul><table><tbody><tr><td colspan="2">c</td></tr></tbody></table>' +
				'<pre><code class="language-sql">SELECT 1</code></pre><a href="https://example.com/" rel="noopener noreferrer">w</a>' +
				'<a href="mailto:a@example.com" rel="noopener noreferrer">m</a>' +
				'<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"><img src="paste-1a.jpg" alt="photo">'
		);
	});

	it('drops styles, classes, ids, targets, srcset, other schemes and non-raster data', () => {
		expect(sanitizeHtml('<p style="color:red" class="btn" id="x" data-a="1">p</p>')).toBe('<p>p</p>');
		expect(sanitizeHtml('<a href="https://e.example/" target="_blank">x</a>')).toBe(
			'<a href="https://e.example/" rel="noopener noreferrer">x</a>'
		);
		expect(
			sanitizeHtml('<a href="/relative">x</a><a href="#top">y</a><a href="ftp://e.example/">z</a>')
		).toBe('<a>x</a><a>y</a><a>z</a>');
		expect(
			sanitizeHtml(
				'<img src="x.png" srcset="y.png 2x"><img src="https://e.example/t.png"><img src="../up.png">'
			)
		).toBe('<img src="x.png"><img><img>');
		expect(sanitizeHtml('<img src="data:image/svg+xml;base64,AAAA"><img src="data:image/png,raw">')).toBe(
			'<img><img>'
		);
		expect(sanitizeHtml('<span class="cloze">x</span><code class="hljs">y</code>')).toBe(
			'<span>x</span><code>y</code>'
		);
	});

	it('keeps the words of unknown elements and drops the content of dangerous ones', () => {
		expect(sanitizeHtml('<font color="red">red</font> <center>mid</center>')).toBe('red mid');
		expect(
			sanitizeHtml(
				'a<script>bad()</script><style>p{}</style><svg><text>s</text></svg><textarea>t</textarea>b'
			)
		).toBe('ab');
	});

	it.each(PAYLOADS.map((p) => [p]))('leaves nothing unsafe in %j, and is stable', (payload) => {
		const clean = sanitizeHtml(payload);
		expect(findUnsafe(dom(clean))).toEqual([]);
		// Parsing the output again changes nothing: no mutation waiting for a second parse.
		expect(sanitizeHtml(clean)).toBe(clean);
		expect(dom(clean).innerHTML).toBe(clean);
	});
});

describe('the XSS corpus through the importers', () => {
	it.each(PAYLOADS.map((p) => [p]))(
		'htmlToMarkdown and the renderer leave nothing unsafe in %j',
		(payload) => {
			const markdown = htmlToMarkdown(payload);
			expect(findUnsafe(dom(renderer.block(markdown)))).toEqual([]);
			expect(findUnsafe(dom(renderer.inline(markdown)))).toEqual([]);
		}
	);

	it.each(PAYLOADS.map((p) => [p]))(
		'an Anki field or template holding %j makes safe decks that parse',
		(payload) => {
			const result = ankiToDecks(collectionWith(payload), {
				topic: 'security',
				takenIds: new Set(),
				importedAt: 0
			});
			expect(findUnsafe(dom(parsedHtml(result.decks)))).toEqual([]);
		}
	);

	it.each(PAYLOADS.map((p) => [p]))('a CSV row holding %j makes a safe deck that parses', (payload) => {
		const { deck } = csvToDeck(
			[
				[`Front ${payload}`, `Back ${payload}`, payload],
				[payload, `Back ${payload}`],
				[`A {{cloze}} and ${payload}`, payload],
				// Rows whose text is all payload are skipped; this one keeps the deck from being empty.
				['Plain front', 'Plain back']
			],
			{ front: 0, back: 1, tags: 2, hasHeader: false, title: 'XSS', topic: 'security', takenIds: new Set() }
		);
		expect(findUnsafe(dom(parsedHtml([deck])))).toEqual([]);
	});
});
