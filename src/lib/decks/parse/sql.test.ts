import { describe, expect, it } from 'vitest';
import { parseDeck } from '../parse';
import { createPlainRenderer } from '../render';
import type { SqlExercise } from '../types';

const renderer = createPlainRenderer();
const FILE = 'decks/databases/sql-test.md';
const HEAD = ['---', 'id: sql-test', 'title: SQL', 'topic: databases', 'description: For tests.', '---', ''];
const FENCE = '```';

/** A deck source: the frontmatter (lines 1–6), a blank line 7, then `body` from line 8. */
function deck(...body: string[]): string {
	return [...HEAD, ...body].join('\n');
}

const DATASET = [
	'## Dataset: a small shop {#shop .dataset}',
	'',
	'Customers and their orders.',
	'',
	FENCE + 'sql',
	'CREATE TABLE customers (id int PRIMARY KEY, name text);',
	"INSERT INTO customers VALUES (1, 'Ada');",
	FENCE,
	''
];

function exercise(attrs: string, ...sections: string[]): string[] {
	return [`## List every customer's name. {#names .sql ${attrs}}`, 'tags: basics', '', ...sections];
}

const MODEL = ['### Model query', FENCE + 'sql', 'SELECT name FROM customers;', FENCE, ''];
const EXPLANATION = ['### Explanation', 'A plain projection.', ''];

function errorsOf(source: string) {
	return parseDeck(source, { file: FILE, renderer }).errors.map((e) => `${e.line}: ${e.message}`);
}

describe('parseDeck: SQL exercises and datasets', () => {
	it('reads a dataset and an exercise with hints, flags and a stem', () => {
		const { deck: parsed, errors } = parseDeck(
			deck(
				...DATASET,
				...exercise(
					'dataset=shop level=junior .ordered .columns',
					'Return the column `name`.',
					'',
					...MODEL,
					'### Hints',
					'- Which table holds names?',
					'',
					...EXPLANATION
				)
			),
			{ file: FILE, renderer }
		);
		expect(errors).toEqual([]);
		expect(parsed?.datasets).toEqual([
			{
				id: 'shop',
				line: 8,
				title: 'a small shop',
				descriptionHtml: '<p>Customers and their orders.</p>\n',
				sql: "CREATE TABLE customers (id int PRIMARY KEY, name text);\nINSERT INTO customers VALUES (1, 'Ada');"
			}
		]);
		const item = parsed?.items[0] as SqlExercise;
		expect(item).toMatchObject({
			kind: 'sql',
			id: 'names',
			dataset: 'shop',
			level: 'junior',
			ordered: true,
			namedColumns: true,
			modelSql: 'SELECT name FROM customers;',
			tags: ['basics'],
			hintsHtml: ['Which table holds names?'],
			explanationHtml: '<p>A plain projection.</p>\n'
		});
		expect(item.stemHtml).toContain('<code>name</code>');
		expect(item.modelHtml).toContain('SELECT name FROM customers;');
		expect(parsed?.items).toHaveLength(1);
	});

	it('compares as a multiset with any column names unless the heading says otherwise', () => {
		const { deck: parsed } = parseDeck(deck(...DATASET, ...exercise('dataset=shop level=mid', ...MODEL, ...EXPLANATION)), {
			file: FILE,
			renderer
		});
		expect(parsed?.items[0]).toMatchObject({ ordered: false, namedColumns: false, hintsHtml: [], stemHtml: '' });
		expect(parsed?.datasets).toHaveLength(1);
	});

	it('reports a missing level, dataset, model query and explanation at the heading', () => {
		expect(errorsOf(deck(...DATASET, ...exercise('')))).toEqual([
			'17: an SQL exercise needs level=junior, level=mid or level=senior',
			'17: an SQL exercise needs dataset=<id>: the id of one of the deck’s datasets',
			"17: missing '### Model query': the query whose result is the right answer",
			"17: missing '### Explanation': say why the model query is right",
			"8: dataset 'shop' is not used by any exercise of this deck"
		]);
	});

	it('reports a dataset that is not in the deck, naming the ones that are', () => {
		expect(errorsOf(deck(...DATASET, ...exercise('dataset=shop level=junior', ...MODEL, ...EXPLANATION), ...exercise2()))).toEqual([
			"28: dataset 'hr' is not in this deck (its datasets: shop)"
		]);
	});

	it('wants exactly one sql block and nothing else in the model query', () => {
		const twoBlocks = ['### Model query', FENCE + 'sql', 'SELECT 1;', FENCE, FENCE + 'sql', 'SELECT 2;', FENCE, ''];
		expect(errorsOf(deck(...DATASET, ...exercise('dataset=shop level=junior', ...twoBlocks, ...EXPLANATION)))).toContain(
			"21: '### Model query' holds exactly one ```sql block, found 2"
		);
		const wrongLanguage = ['### Model query', FENCE + 'text', 'SELECT 1;', FENCE, ''];
		expect(errorsOf(deck(...DATASET, ...exercise('dataset=shop level=junior', ...wrongLanguage, ...EXPLANATION)))).toContain(
			"21: '### Model query' is a ```sql block (found 'text')"
		);
		const words = ['### Model query', 'The obvious one:', FENCE + 'sql', 'SELECT 1;', FENCE, ''];
		expect(errorsOf(deck(...DATASET, ...exercise('dataset=shop level=junior', ...words, ...EXPLANATION)))).toContain(
			"21: '### Model query' holds only the query's code block; put words in '### Explanation'"
		);
	});

	it('refuses a dataset with sections, links, or not exactly one sql block', () => {
		const noBlock = ['## Dataset: empty {#empty .dataset}', 'tags: x', '', 'Nothing here.', '', '### Tables', 'none', ''];
		expect(errorsOf(deck(...noBlock))).toEqual([
			'13: a dataset has no ### sections: a description, then one ```sql block',
			'8: links: and tags: belong on exercises, not on a dataset',
			'8: a dataset needs exactly one ```sql block (its CREATE TABLE and INSERT statements), found 0'
		]);
	});

	it('keeps SQL attributes on SQL exercises and ids unique across datasets and items', () => {
		expect(errorsOf(deck('## What is a join? {#join .ordered dataset=shop}', '', 'Rows combined.', ''))).toEqual([
			'8: dataset=, .ordered and .columns only apply to SQL exercises (.sql)'
		]);
		expect(errorsOf(deck(...DATASET, '## Shop? {#shop}', '', 'A store.', ''))).toEqual([
			"17: duplicate item id 'shop' (first used on line 8)",
			"8: dataset 'shop' is not used by any exercise of this deck"
		]);
	});

	it('lets an own deck keep a dataset no exercise uses yet', () => {
		const own = DATASET.join('\n');
		const source = ['---', 'id: my-sql', 'title: Mine', 'topic: databases', 'description: Mine.', '---', '', own].join('\n');
		const { deck: parsed, errors } = parseDeck(source, { file: 'my-sql', renderer, own: true });
		expect(errors).toEqual([]);
		expect(parsed?.datasets?.[0]?.id).toBe('shop');
	});
});

function exercise2(): string[] {
	return ['## List every department. {#departments .sql dataset=hr level=junior}', '', ...MODEL, ...EXPLANATION];
}
