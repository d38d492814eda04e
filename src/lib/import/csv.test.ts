// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../decks/parse';
import { createPlainRenderer } from '../decks/render';
import type { Deck, Flashcard } from '../decks/types';
import { csvExportCounts, csvToDeck, deckToCsv, readCsv, type CsvDeckOptions } from './csv';

const renderer = createPlainRenderer();
const OPTIONS: CsvDeckOptions = {
	front: 0,
	back: 1,
	tags: 2,
	hasHeader: false,
	title: 'Spanish',
	topic: 'behavioral',
	takenIds: new Set()
};

function parsedDeck(draft: { id: string; markdown: string }): Deck {
	const { deck, errors } = parseDeck(draft.markdown, { file: `my/${draft.id}.md`, renderer, own: true });
	expect(errors, draft.markdown).toEqual([]);
	return deck!;
}

const cards = (deck: Deck) => deck.items as Flashcard[];

/** HTML as a reader sees it: white space counts only inside <pre> (a soft line break reads as a space). */
const visible = (html: string) =>
	html.replace(/(<pre[\s\S]*?<\/pre>)|\s+/g, (space, pre: string | undefined) => pre ?? ' ');
/** A flashcard as a person meets it. */
const seen = (c: Flashcard) => [
	c.cloze,
	visible(c.promptHtml),
	visible(c.clozeHtml),
	visible(c.answerHtml),
	c.tags
];

describe('readCsv', () => {
	it('reads commas, quotes, doubled quotes and newlines inside quotes', () => {
		const table = readCsv('front,back\r\n"Hola, amigo","He said ""hi""\nthen left"\r\nAdiós,Bye\r\n');
		expect(table).toEqual({
			rows: [
				['front', 'back'],
				['Hola, amigo', 'He said "hi"\nthen left'],
				['Adiós', 'Bye']
			],
			delimiter: ',',
			hasHeader: true
		});
	});

	it('finds tabs and semicolons, drops a BOM and blank lines, and guesses no header on data', () => {
		expect(readCsv('\uFEFFperro\tdog\tanimal\n\ngato\tcat\tanimal\n')).toEqual({
			rows: [
				['perro', 'dog', 'animal'],
				['gato', 'cat', 'animal']
			],
			delimiter: '\t',
			hasHeader: false
		});
		const semicolons = readCsv('Question;Answer;Tags\n"a;b";c;d\n');
		expect(semicolons.delimiter).toBe(';');
		expect(semicolons.hasHeader).toBe(true);
		expect(semicolons.rows[1]).toEqual(['a;b', 'c', 'd']);
	});
});

describe('csvToDeck', () => {
	it('makes one card per row from the chosen columns, with tags, and skips the header', () => {
		const rows = readCsv(
			'Tags;Front;Back\n"Spanish::Verbs Irregular";ser;<b>to be</b> (permanent)\nanimal, pet;perro;dog\n'
		).rows;
		const { deck, skipped } = csvToDeck(rows, { ...OPTIONS, front: 1, back: 2, tags: 0, hasHeader: true });
		expect(skipped).toEqual([]);
		expect(deck.id).toBe('my-spanish');
		const parsed = parsedDeck(deck);
		expect(parsed.description).toBe('Imported from a CSV file.');
		expect(cards(parsed).map((c) => [c.promptText, c.answerHtml, c.tags])).toEqual([
			// No comma in the cell: tags are separated by spaces, as Anki writes them.
			['ser', '<p><strong>to be</strong> (permanent)</p>\n', ['spanish-verbs', 'irregular']],
			['perro', '<p>dog</p>\n', ['animal', 'pet']]
		]);
	});

	it('reads cells as Markdown or HTML, keeps line breaks, and escapes what would break the deck', () => {
		const { deck } = csvToDeck(
			[
				['What is **bold** `code`?', 'line one\nline two'],
				['## Not an item {#x}', '<div>one</div><div>two</div>'],
				['tags: nope', '### Explanation\n---\n{{not a cloze}} and {{another}}']
			],
			OPTIONS
		);
		expect(cards(parsedDeck(deck)).map((c) => [c.promptHtml, c.answerHtml])).toEqual([
			['What is <strong>bold</strong> <code>code</code>?', '<p>line one<br />\nline two</p>\n'],
			// A Markdown heading stays a heading, two levels down, and shows again above the answer.
			['Not an item {#x}', '<h4>Not an item {#x}</h4>\n<hr />\n<p>one</p>\n<p>two</p>\n'],
			['tags: nope', '<h4>Explanation</h4>\n<hr />\n<p>{{not a cloze}} and {{another}}</p>\n']
		]);
	});

	it('makes cloze cards of one {{deletion}} or of Anki’s c1 syntax', () => {
		const { deck } = csvToDeck(
			[
				['Rows are sorted by {{the key}} in a B-tree.', ''],
				['{{c1::Paris}} is in {{c2::France::country}}.', 'Extra'],
				['Two {{a}} and {{b}} make no cloze.', 'So this is a plain card.']
			],
			OPTIONS
		);
		expect(cards(parsedDeck(deck)).map((c) => [c.cloze, c.promptText, c.clozeHtml])).toEqual([
			[
				true,
				'Rows are sorted by […] in a B-tree.',
				'Rows are sorted by <mark class="cloze">the key</mark> in a B-tree.'
			],
			[true, '[…] is in France.', '<mark class="cloze">Paris</mark> is in France.'],
			[false, 'Two {{a}} and {{b}} make no cloze.', '']
		]);
	});

	it('skips rows that make no card, saying why, by row number', () => {
		const { skipped, deck } = csvToDeck(
			[
				['front', 'back'],
				['', 'orphan back'],
				['no back', ''],
				['dup', 'first'],
				['dup', 'second'],
				['<script>x()</script>', 'b'],
				['ok', 'fine']
			],
			{ ...OPTIONS, tags: undefined, hasHeader: true }
		);
		expect(skipped).toEqual([
			{ row: 2, reason: 'the front is empty' },
			{ row: 3, reason: 'the back is empty' },
			{ row: 5, reason: 'the same front as row 4' },
			{ row: 6, reason: 'the front has no text once cleaned' }
		]);
		expect(cards(parsedDeck(deck)).map((c) => c.promptText)).toEqual(['dup', 'ok']);
	});

	it('keeps item ids across imports and takes a free deck id', () => {
		const rows = [['Hola', 'Hello']];
		const first = csvToDeck(rows, OPTIONS).deck;
		expect(csvToDeck(rows, OPTIONS).deck).toEqual(first);
		expect(csvToDeck([['Hola', 'Hi there'], ...rows], OPTIONS).deck.markdown).toContain(
			first.markdown.split('\n').find((l) => l.startsWith('## '))
		);
		expect(csvToDeck(rows, { ...OPTIONS, takenIds: new Set(['my-spanish']) }).deck.id).toBe('my-spanish-2');
	});
});

describe('deckToCsv', () => {
	const source = [
		'---',
		'id: my-mixed',
		'title: Mixed',
		'topic: databases',
		'description: D.',
		'---',
		'',
		'## What does `EXPLAIN` show? {#explain}',
		'tags: sql, plans',
		'',
		'The **plan**, with "quotes", commas and',
		'a second line.',
		'',
		'```sql',
		'SELECT 1;',
		'```',
		'',
		'## Rows are sorted by {{the key}} first. {#cloze .cloze}',
		'',
		'## =SUM(A1) in a cell? {#formula}',
		'',
		'@mention, +1 and -1',
		'',
		'## Pick one {#quiz .quiz}',
		'',
		'### Choices',
		'- [x] a',
		'- [ ] b',
		'',
		'### Explanation',
		'Because.'
	].join('\n');
	const deck = parseDeck(source, { file: 'my/my-mixed.md', renderer, own: true }).deck!;

	it('writes front, back and tags of flashcards, quoted where needed, formulas defused', () => {
		expect(deckToCsv(deck)).toBe(
			'front,back,tags\r\n' +
				'What does `EXPLAIN` show?,"The **plan**, with ""quotes"", commas and a second line.\n\n```sql\nSELECT 1;\n```","sql, plans"\r\n' +
				'Rows are sorted by {{the key}} first.,,\r\n' +
				'\\=SUM(A1) in a cell?,"\\@mention, +1 and -1",\r\n'
		);
		expect(csvExportCounts(deck)).toEqual({ exported: 3, leftOut: 1 });
	});

	it('re-imports to the same cards', () => {
		const { rows, hasHeader } = readCsv(deckToCsv(deck));
		const again = parsedDeck(csvToDeck(rows, { ...OPTIONS, hasHeader }).deck);
		expect(cards(again).map(seen)).toEqual(
			cards(deck)
				.filter((c) => c.kind === 'flashcard')
				.map(seen)
		);
	});

	it('round-trips every flashcard of the shipped decks', () => {
		const root = path.resolve('decks');
		let checked = 0;
		for (const topic of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
			for (const name of readdirSync(path.join(root, topic.name)).filter((n) => n.endsWith('.md'))) {
				const file = `decks/${topic.name}/${name}`;
				const shipped = parseDeck(readFileSync(file, 'utf8'), { file, renderer }).deck!;
				const { rows } = readCsv(deckToCsv(shipped));
				const { deck: draft, skipped } = csvToDeck(rows, {
					...OPTIONS,
					hasHeader: true,
					title: shipped.title
				});
				expect(skipped, file).toEqual([]);
				const expected = cards(shipped).filter((c) => c.kind === 'flashcard');
				expect(cards(parsedDeck(draft)).map(seen), file).toEqual(expected.map(seen));
				checked += expected.length;
			}
		}
		expect(checked).toBeGreaterThan(1000);
	}, 120_000);
});
