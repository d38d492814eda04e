import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse';
import { createPlainRenderer } from './render';
import {
	cardBlock,
	frontmatter,
	newDeckId,
	newItemId,
	putItem,
	readCardBlock,
	splitDeck,
	withFrontmatter,
	type CardFields
} from './write';

const renderer = createPlainRenderer();
const FILE = 'decks/git/git-test.md';
const META = { id: 'git-test', title: 'Test: a deck', topic: 'git', description: 'For "tests", #1.' } as const;

const parse = (markdown: string) => parseDeck(markdown, { file: FILE, renderer });

function card(overrides: Partial<CardFields> = {}): CardFields {
	return { id: 'a-card', prompt: 'What is HEAD?', answer: 'The commit you have checked out.', cloze: false, tags: [], links: [], ...overrides };
}

describe('writing the deck grammar', () => {
	it('writes a frontmatter the parser reads back, quoting what YAML needs', () => {
		const { deck, errors } = parse(putItem(frontmatter(META), 'one', cardBlock(card({ id: 'one' }))));
		expect(errors).toEqual([]);
		expect(deck).toMatchObject({ ...META, items: [{ id: 'one' }] });
	});

	it('adds, replaces and removes items and keeps the others byte for byte', () => {
		let md = frontmatter(META);
		md = putItem(md, 'one', cardBlock(card({ id: 'one', prompt: 'First?', answer: '```sh\n## not a heading\n```' })));
		md = putItem(md, 'two', cardBlock(card({ id: 'two', prompt: 'The {{index}} decides.', answer: '', cloze: true, tags: ['x', 'y'] })));
		const before = splitDeck(md).items[0]!.text;
		md = putItem(md, 'two', cardBlock(card({ id: 'two', prompt: 'Second?', answer: 'Yes.' })));
		const { deck, errors } = parse(md);
		expect(errors).toEqual([]);
		expect(deck!.items.map((i) => [i.id, i.promptText])).toEqual([
			['one', 'First?'],
			['two', 'Second?']
		]);
		expect(splitDeck(md).items[0]!.text).toBe(before);
		md = putItem(md, 'one', null);
		expect(parse(md).deck!.items.map((i) => i.id)).toEqual(['two']);
	});

	it('changes the frontmatter and keeps the items', () => {
		const md = putItem(frontmatter(META), 'one', cardBlock(card({ id: 'one' })));
		const renamed = withFrontmatter(md, { ...META, title: 'Renamed' });
		expect(parse(renamed).deck).toMatchObject({ title: 'Renamed', items: [{ id: 'one' }] });
	});

	it('escapes a heading after a line that looks like a fence but is not one (a backtick in its info string)', () => {
		const fields = card({ prompt: '*', answer: '```)`?\n## a heading?\na', tags: [] });
		const { deck, errors } = parseDeck(putItem(frontmatter(META), fields.id, cardBlock(fields)), { file: FILE, renderer });
		expect(errors).toEqual([]);
		expect(deck!.items.map((i) => i.id)).toEqual([fields.id]);
		expect(readCardBlock(cardBlock(fields))).toEqual(fields);
	});

	it('reads a card block back into the fields it was written from, for any prompt and answer', () => {
		const line = fc.stringMatching(/^[A-Za-z0-9 ?,.'()`*_-]{1,40}$/).filter((s) => s.trim() !== '');
		const answerLine = fc.oneof(
			line,
			fc.constantFrom('## a heading?', '### Choices', '\\## escaped', '  # one', '```', '```js', '```)`?', '~~~', '- [x] item', '-', '===', '--- ', '')
		);
		fc.assert(
			fc.property(line, fc.array(answerLine, { minLength: 1, maxLength: 8 }), fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }), (prompt, lines, tags) => {
				const fields = card({ prompt: prompt.trim(), answer: lines.join('\n').trim() || 'x', tags });
				const block = cardBlock(fields);
				const back = readCardBlock(block);
				expect(back).toEqual(fields);
				// And the parser sees exactly this one card: no line of the answer started another item or section.
				const { deck, errors } = parseDeck(putItem(frontmatter(META), fields.id, block), { file: FILE, renderer });
				expect(errors).toEqual([]);
				expect(deck!.items.map((i) => i.id)).toEqual([fields.id]);
			}),
			{ numRuns: 300 }
		);
	});

	it('knows a fence with an info string inside a code block is code, not its end (a case fast-check found)', () => {
		const fields = card({ prompt: '-', answer: '```\n```js\n```\n## a heading?' });
		const md = putItem(frontmatter(META), fields.id, cardBlock(fields));
		expect(parse(md).errors).toEqual([]);
		expect(readCardBlock(cardBlock(fields))).toEqual(fields);
	});

	it('does not read a quiz question or a card with sections as a card', () => {
		expect(readCardBlock('## Which? {#q .quiz}\n\n### Choices\n- [x] a')).toBeNull();
		expect(readCardBlock('## Which? {#q}\n\n### Choices\n- [x] a')).toBeNull();
		expect(readCardBlock('no heading')).toBeNull();
	});

	it('makes item and deck ids from words, unique among the taken ones', () => {
		expect(newItemId('What does `git rebase -i` do?', new Set())).toBe('what-does-git-rebase-i');
		expect(newItemId('What does git rebase -i do?', new Set(['what-does-git-rebase-i']))).toBe('what-does-git-rebase-i-2');
		expect(newItemId('¿¡!', new Set())).toBe('card');
		expect(newDeckId('Our stack: Kafka', new Set())).toBe('my-our-stack-kafka');
		expect(newDeckId('Our stack: Kafka', new Set(['my-our-stack-kafka']))).toBe('my-our-stack-kafka-2');
	});
});
