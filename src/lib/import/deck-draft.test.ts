import { describe, expect, it } from 'vitest';
import { parseDeck } from '../decks/parse';
import { createPlainRenderer } from '../decks/render';
import type { Flashcard } from '../decks/types';
import {
	CLOZE_CLOSE,
	CLOZE_OPEN,
	deckMarkdown,
	flattenFront,
	itemMarkdown,
	ownDeckId,
	shortHash,
	slugify,
	tagSlug,
	type DraftItem
} from './deck-draft';

const renderer = createPlainRenderer();

function parseItems(...items: string[]) {
	const markdown = deckMarkdown({
		id: 'my-t',
		title: 'T: "quoted" — ---',
		topic: 'git',
		description: 'D',
		items
	});
	return parseDeck(markdown, { file: 'my/my-t.md', renderer, own: true });
}

const item = (over: Partial<DraftItem>): DraftItem => ({
	id: 'a1',
	front: 'Q',
	back: 'A',
	cloze: false,
	tags: [],
	...over
});

describe('ids and tags', () => {
	it('slugs deck names, folding accents and keeping to the id alphabet', () => {
		expect(slugify('Español › Verbos')).toBe('espanol-verbos');
		expect(slugify('  --C++ & Go!--  ')).toBe('c-go');
		expect(slugify('日本語')).toBe('');
		expect(slugify('word '.repeat(20)).length).toBeLessThanOrEqual(48);
	});

	it('makes own-deck ids unique and deterministic', () => {
		const taken = new Set(['my-spanish']);
		expect(ownDeckId('Spanish', taken)).toBe('my-spanish-2');
		expect(ownDeckId('Spanish', taken)).toBe('my-spanish-3');
		expect(ownDeckId('日本語', new Set())).toBe(ownDeckId('日本語', new Set()));
		expect(ownDeckId('日本語', new Set())).toMatch(/^my-deck-[a-z0-9]+$/);
	});

	it('keeps tags lowercase and slug-safe, any script', () => {
		expect(tagSlug('Spanish::Verbs Irregular')).toBe('spanish-verbs-irregular');
		expect(tagSlug('Café')).toBe('cafe');
		expect(tagSlug('日本語')).toBe('日本語');
		expect(tagSlug('::')).toBe('');
	});

	it('hashes the same text to the same short id', () => {
		expect(shortHash('What is a B-tree?')).toBe(shortHash('What is a B-tree?'));
		expect(shortHash('What is a B-tree?')).not.toBe(shortHash('What is a B-tree!'));
		expect(shortHash('x')).toMatch(/^[a-z0-9]{1,12}$/);
	});
});

describe('a front on one line', () => {
	it('joins paragraphs and line breaks with a slash, and says there were no blocks', () => {
		expect(flattenFront('one\\\ntwo\n\nthree')).toEqual({ line: 'one / two / three', blocks: false });
	});

	it('flattens lists, quotes, headings and code, and says there were blocks', () => {
		expect(flattenFront('Name two:\n\n-   a\n-   b')).toEqual({ line: 'Name two: / a / b', blocks: true });
		expect(flattenFront('> quoted\n\n#### Head')).toEqual({ line: 'quoted / Head', blocks: true });
		expect(flattenFront('Output?\n\n```python\nprint(1)\n  x = {{y}}\n```')).toEqual({
			line: 'Output? / `print(1)` / `x = {\u200B{y}\u200B}`',
			blocks: true
		});
	});
});

describe('itemMarkdown', () => {
	it('writes a heading with the id, a tags line and the answer, which parse back', () => {
		const md = itemMarkdown(item({ tags: ['spanish', 'verbs'] }));
		expect(md).toBe('## Q {#a1}\ntags: spanish, verbs\n\nA');
		const { deck, errors } = parseItems(md as string);
		expect(errors).toEqual([]);
		expect(deck?.title).toBe('T: "quoted" — ---');
		expect(deck?.items[0]).toMatchObject({ id: 'a1', tags: ['spanish', 'verbs'], promptText: 'Q' });
	});

	it('shows a front with blocks again above the answer', () => {
		const md = itemMarkdown(item({ front: 'What prints?\n\n```js\nlog(1)\n```', back: '`1`' })) as string;
		expect(md).toBe('## What prints? / `log(1)` {#a1}\n\nWhat prints?\n\n```js\nlog(1)\n```\n\n* * *\n\n`1`');
		expect(parseItems(md).errors).toEqual([]);
	});

	it('makes a cloze item of one marked deletion, braces inside it as entities', () => {
		const front = `The ${CLOZE_OPEN}B\\{tree\\}${CLOZE_CLOSE} index \\{\\{not\\}\\}`;
		const md = itemMarkdown(item({ front, back: '', cloze: true })) as string;
		expect(md).toBe('## The {{B&#123;tree&#125;}} index \\{\\{not\\}\\} {#a1 .cloze}');
		const { deck, errors } = parseItems(md);
		expect(errors).toEqual([]);
		const card = deck!.items[0] as Flashcard;
		expect(card.clozeHtml).toBe('The <mark class="cloze">B{tree}</mark> index {{not}}');
	});

	it('reports what cannot make an item', () => {
		expect(itemMarkdown(item({ front: '  ' }))).toBe('empty-prompt');
		expect(itemMarkdown(item({ back: '' }))).toBe('empty-answer');
		expect(itemMarkdown(item({ front: 'no marks', cloze: true }))).toBe('bad-cloze');
		expect(itemMarkdown(item({ front: `${CLOZE_OPEN} ${CLOZE_CLOSE}`, cloze: true }))).toBe('bad-cloze');
		expect(
			itemMarkdown(item({ front: `${CLOZE_OPEN}a${CLOZE_CLOSE}${CLOZE_OPEN}b${CLOZE_CLOSE}`, cloze: true }))
		).toBe('bad-cloze');
	});
});
