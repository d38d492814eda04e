import { describe, expect, it } from 'vitest';
import { readLines } from './lines';
import { Reporter } from './report';
import { splitItems } from './sections';

/** The body of a deck whose frontmatter closes on line 3, so the body starts on line 4. */
function split(...body: string[]) {
	const report = new Reporter('decks/git/git-test.md');
	const lines = readLines(['---', 'id: git-test', '---', ...body].join('\n')).slice(3);
	return { items: splitItems(lines, 3, report), errors: report.errors.map((e) => `${e.line}: ${e.message}`) };
}

describe('splitItems', () => {
	it('cuts items into heading, metadata, preamble, sections and code blocks, each with its file lines', () => {
		const { items, errors } = split(
			'## Which keyword? {#q .quiz}', // 4
			'', // 5
			'links: card', // 6
			'tags: sql', // 7
			'Stem.', // 8
			'```sql', // 9
			'## not a heading', // 10
			'```', // 11
			'### Choices', // 12
			'- [x] a', // 13
			'### Explanation', // 14
			'Why.', // 15
			'## Next {#next}', // 16
			'Answer.' // 17
		);
		expect(errors).toEqual([]);
		expect(items).toHaveLength(2);
		const [quiz, next] = items;
		expect(quiz!.heading).toEqual({ line: 4, text: 'Which keyword? {#q .quiz}' });
		expect(quiz!.meta).toEqual([
			{ line: 6, name: 'links', value: 'card' },
			{ line: 7, name: 'tags', value: 'sql' }
		]);
		expect(quiz!.preamble.map((l) => l.line)).toEqual([8, 9, 10, 11]);
		expect(quiz!.sections.map((s) => [s.name, s.line, s.lines.map((l) => l.line)])).toEqual([
			['choices', 12, [13]],
			['explanation', 14, [15]]
		]);
		expect(quiz!.fences).toEqual([{ line: 9, info: 'sql' }]);
		expect(next!.heading.line).toBe(16);
		expect(next!.preamble).toEqual([{ line: 17, text: 'Answer.' }]);
	});

	it('blanks comments but keeps the line numbers after them', () => {
		const { items } = split('<!-- a note', 'over two lines -->', '## Q {#q}', 'A.');
		expect(items[0]!.heading.line).toBe(6);
		expect(items[0]!.preamble).toEqual([{ line: 7, text: 'A.' }]);
	});

	it('reports # headings, text before the first item and a body without items, on their lines', () => {
		expect(split('Loose text.', '# Title').errors).toEqual([
			"5: use '## ' to start an item and '### ' for its sections, not '# '",
			"4: text before the first item: items start with '## '",
			'3: the deck has no items (each item starts with ## )'
		]);
	});
});
