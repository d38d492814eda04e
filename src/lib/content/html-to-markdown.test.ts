// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../decks/parse';
import { createPlainRenderer } from '../decks/render';
import type { Flashcard } from '../decks/types';
import {
	escapeMarkdownText,
	htmlToMarkdown,
	htmlToMarkdownWithDom,
	markdownCodeSpan
} from './html-to-markdown';

const renderer = createPlainRenderer();
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What a reader sees of rendered HTML: its text, white space collapsed as a browser shows it. */
function shown(html: string): string {
	const div = document.createElement('div');
	div.innerHTML = html;
	return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Text made mostly of what Markdown and the deck grammar treat as syntax. */
const tricky = fc.string({
	unit: fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom('a', 'b', 'Z', '7', ' ', '\n', 'é', '漢', '😀', '\u00a0', '\t') },
		{
			weight: 4,
			arbitrary: fc.constantFrom(
				...[
					'#',
					'## ',
					'### ',
					'---',
					'===',
					'***',
					'- ',
					'+ ',
					'* ',
					'1. ',
					'2) ',
					'> ',
					'    ',
					'```',
					'~~~'
				],
				...[
					'{{',
					'}}',
					'{#x}',
					'{#a .cloze}',
					'c1::',
					'::',
					'*',
					'_',
					'__',
					'`',
					'[',
					']',
					'(',
					')',
					'![',
					']('
				],
				...[
					'<',
					'>',
					'&',
					'&amp;',
					'&lt;',
					'&#123;',
					'&copy;',
					'\\',
					'<!--',
					'-->',
					'<b>',
					'</i>',
					'<http://x.y>'
				],
				...['http://a.b/c', 'a@b.co', '<a@b.co>', 'tags:', 'links:', 'Tags: x', '|', ':', '"', "'", '%', '$']
			)
		}
	),
	maxLength: 40
});

describe('htmlToMarkdown: any text comes back as the same text', () => {
	it('shows the same text after escaping to HTML, converting and rendering (fast-check)', () => {
		fc.assert(
			fc.property(tricky, (text) => {
				const html = escapeHtml(text).replace(/\n/g, '<br>');
				const markdown = htmlToMarkdown(html);
				expect(shown(renderer.block(markdown)), JSON.stringify([text, markdown])).toBe(
					text.replace(/\s+/g, ' ').trim()
				);
			}),
			{ numRuns: 1500 }
		);
	}, 30_000);

	it('makes a valid answer and a valid one-line prompt of any text (fast-check)', () => {
		fc.assert(
			fc.property(tricky, (text) => {
				const markdown = htmlToMarkdown(escapeHtml(text).replace(/\n/g, '<br>'));
				const line = markdown.replace(/\\\n/g, ' ').replace(/\s*\n\s*/g, ' ');
				const expected = text.replace(/\s+/g, ' ').trim();
				if (!expected) return;
				const source = [
					'---',
					'id: my-t',
					'title: T',
					'topic: git',
					'description: D.',
					'---',
					'',
					`## ${line} {#q}`,
					'',
					markdown
				].join('\n');
				const { deck, errors } = parseDeck(source, { file: 'my/my-t.md', renderer, own: true });
				expect(errors, JSON.stringify([text, markdown])).toEqual([]);
				const card = deck!.items[0] as Flashcard;
				expect(shown(card.promptHtml)).toBe(expected);
				expect(shown(card.answerHtml)).toBe(expected);
			}),
			{ numRuns: 800 }
		);
	}, 30_000);

	it('gives simple HTML the same Markdown without the DOM as with it (fast-check)', () => {
		const tag = fc.constantFrom(
			'b',
			'i',
			'strong',
			'em',
			'u',
			'span',
			'code',
			'sub',
			'div',
			'p',
			'mark',
			'font',
			'FONT'
		);
		const attributes = fc.constantFrom(
			...[
				'',
				' style="font-weight: 600;"',
				' class=x',
				' color=\'#f00\' face="Arial"',
				' onclick="alert(1)"'
			],
			...[
				' title="a > b"',
				' data-x="</style><img src=x onerror=alert(1)>"',
				' id=main hidden',
				' style="x:--></p>"'
			]
		);
		const leaf = fc.oneof(
			tricky.map((t) => escapeHtml(t)),
			fc.constantFrom(
				'<br>',
				'<BR/>',
				'<br />',
				'&nbsp;',
				' ',
				'\n',
				'&#123;',
				'&#x1F600;',
				'&quot;',
				'&mdash;',
				'&hellip;'
			),
			fc.constantFrom(
				...[
					'<img src="dot.png">',
					'<img alt="A [cat]" src=cat.jpg>',
					`<img src="${PNG}" alt=dot />`,
					'<img src="gone.gif" alt="">'
				],
				...[
					'<IMG SRC="dot.png" ALT=x class=big>',
					'<img src="a.png" src="b.png">',
					'<img src="x.svg" alt=" s ">',
					'<img>'
				]
			)
		);
		const { tree } = fc.letrec((self) => ({
			tree: fc.oneof(
				{ depthSize: 'small', withCrossShrink: true },
				leaf,
				fc
					.tuple(tag, attributes, fc.array(self('tree'), { maxLength: 4 }))
					.map(([t, a, kids]) => `<${t}${a}>${kids.join('')}</${t}>`),
				fc.array(self('tree'), { maxLength: 4 }).map((kids) => kids.join(''))
			)
		}));
		fc.assert(
			fc.property(tree, (html) => {
				const image = (name: string) => (name === 'dot.png' || name === 'cat.jpg' ? PNG : null);
				expect(htmlToMarkdown(html, { image }), JSON.stringify(html)).toBe(
					htmlToMarkdownWithDom(html, { image })
				);
			}),
			{ numRuns: 1500 }
		);
	}, 60_000);
});

describe('htmlToMarkdown: Anki-style HTML', () => {
	const cases: [string, string, string][] = [
		['line breaks', 'one<br>two<br/>three', 'one\\\ntwo\\\nthree'],
		['divs as paragraphs', 'one<div>two</div><div>three</div>', 'one\n\ntwo\n\nthree'],
		['a break at the end of a block goes', '<div>one<br></div><div><br></div>two<br>', 'one\n\ntwo'],
		['two breaks end a paragraph', 'one<br><br>two', 'one\n\ntwo'],
		[
			'bold, italic, code',
			'<b>b</b> <i>i</i> <strong>s</strong> <em>e</em> <code>c()</code>',
			'**b** *i* **s** *e* `c()`'
		],
		['underline and strike keep their words', '<u>u</u> <s>s</s> <font color="red">f</font>', 'u s f'],
		[
			'headings start at level 4',
			'<h1>One</h1><h2>Two</h2><h5>Five</h5>',
			'#### One\n\n#### Two\n\n##### Five'
		],
		[
			'a code block keeps its lines and language',
			'<pre><code class="language-sql">SELECT 1\nFROM t</code></pre>',
			'```sql\nSELECT 1\nFROM t\n```'
		],
		['a pre with breaks is a text block', '<pre>a = 1<br>b = 2</pre>', '```text\na = 1\nb = 2\n```'],
		['backticks in code get a longer fence', '<pre>```\nx\n```</pre>', '````text\n```\nx\n```\n````'],
		['a comment in code stays code', '<pre>&lt;!-- c --&gt;</pre>', '```text\n<!\u200B-- c -->\n```'],
		['lists', '<ul><li>a</li><li>b</li></ul><ol start="3"><li>c</li></ol>', '*   a\n*   b\n\n3.  c'],
		[
			'a table, a row per line',
			'<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>',
			'k | v\n\na | 1'
		],
		['links', '<a href="https://e.example/a b">the (site)</a>', '[the (site)](https://e.example/a%20b)'],
		['a link to nowhere is its text', '<a href="javascript:x()">text</a>', 'text'],
		['raster images inline', `<img src="${PNG}" alt="a [dot]">`, `![a \\[dot\\]](${PNG})`],
		['an image without data is its alt text', '<img src="pic.png" alt="A cat">', 'A cat']
	];
	it.each(cases)('%s', (_name, html, markdown) => {
		expect(htmlToMarkdown(html)).toBe(markdown);
	});

	it('asks for media it does not have, and keeps only raster data URIs', () => {
		const asked: string[] = [];
		const image = (name: string) => {
			asked.push(name);
			return name === 'dot.png' ? PNG : name === 'v.svg' ? 'data:image/svg+xml;base64,AAAA' : null;
		};
		expect(
			htmlToMarkdown('<img src="dot.png" alt="d"> <img src="gone.jpg" alt="g"> <img src="v.svg">', { image })
		).toBe(`![d](${PNG}) g`);
		expect(asked).toEqual(['dot.png', 'gone.jpg', 'v.svg']);
	});
});

describe('htmlToMarkdown: the deck grammar is escaped', () => {
	const cases: [string, string, string][] = [
		['an item heading', 'a<br>## Not an item {#x}', 'a\\\n\\## Not an item \\{#x\\}'],
		['a section heading', '### Choices', '\\### Choices'],
		['a setext underline', 'Title<br>---', 'Title\\\n\\---'],
		['a setext underline with =', 'Title<br>===', 'Title\\\n\\==='],
		['metadata lines', 'tags: a, b<br>Links: c', 'tags\\: a, b\\\nLinks\\: c'],
		['a deletion outside a cloze', 'the {{answer}} here', 'the \\{\\{answer\\}\\} here'],
		['a deletion in code stays code (only a prompt needs more)', '<code>{{x}}</code>', '`{{x}}`'],
		['a comment in code', '<code>&lt;!--</code>', '`<!\u200B--`'],
		['a comment', 'a &lt;!-- b --&gt; c', 'a <\\!-- b --> c'],
		['an autolink', '&lt;https://e.example&gt;', '\\<https://e.example>'],
		['an email autolink whose name starts with punctuation', '&lt;#a@b.co&gt;', '\\<#a@b.co>'],
		['a less-than sign before a space, left as it is', 'a &lt; b', 'a < b'],
		['an entity', '&amp;copy; and &amp;#123;', '\\&copy; and \\&#123;'],
		['list and quote starts', '- a<br>+ b<br>1. c<br>&gt; d', '\\- a\\\n\\+ b\\\n1\\. c\\\n\\> d'],
		['emphasis marks, but not inside words', '*a* _b_ snake_case', '\\*a\\* \\_b\\_ snake_case'],
		['link brackets', '[x](y)', '\\[x\\](y)']
	];
	it.each(cases)('%s', (_name, html, markdown) => {
		expect(htmlToMarkdown(html)).toBe(markdown);
	});

	it('escapes a text node on its own, and makes code spans that hold backticks', () => {
		expect(escapeMarkdownText('## x')).toBe('\\## x');
		expect(escapeMarkdownText('3.14 and 3. x')).toBe('3.14 and 3. x');
		expect(markdownCodeSpan('a`b')).toBe('``a`b``');
		expect(markdownCodeSpan('`x`')).toBe('`` `x` ``');
		expect(markdownCodeSpan('{{x}}')).toBe('`{{x}}`');
	});
});
