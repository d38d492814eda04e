import { describe, expect, it } from 'vitest';
import { DECK_SCHEMA_VERSION, type Deck, type SqlDataset, type SqlExercise } from '../decks/types';
import { checkSqlDecks } from './check-decks';

const SHOP = `
CREATE TABLE customers (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, city text,
  label text GENERATED ALWAYS AS (name || '@' || coalesce(city, '-')) STORED);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers ON DELETE CASCADE,
  total numeric(8,2) NOT NULL);
INSERT INTO customers (name, city) VALUES ('Ada', 'Leeds'), ('Bo', NULL), ('Cy', 'York'), ('Di', 'Leeds');
INSERT INTO orders (customer_id, total) VALUES (1, 12.50), (1, 3.00), (3, 7.25), (4, 9.00);
`;

function makeDataset(overrides: Partial<SqlDataset> = {}): SqlDataset {
	return { id: 'shop', line: 5, title: 'A small shop', descriptionHtml: '', sql: SHOP, ...overrides };
}

function makeExercise(overrides: Partial<SqlExercise> = {}): SqlExercise {
	return {
		kind: 'sql',
		id: 'customers',
		line: 20,
		promptHtml: 'List the customers.',
		promptText: 'List the customers.',
		tags: [],
		links: [],
		level: 'junior',
		dataset: 'shop',
		ordered: false,
		namedColumns: false,
		stemHtml: '',
		modelSql: 'SELECT name FROM customers',
		modelHtml: '',
		hintsHtml: [],
		explanationHtml: '',
		...overrides
	};
}

function makeDeck(items: SqlExercise[], datasets: SqlDataset[] = [makeDataset()]): Deck {
	return {
		schema: DECK_SCHEMA_VERSION,
		id: 'db-sql',
		title: 'SQL',
		topic: 'databases',
		description: '',
		file: 'decks/databases/db-sql.md',
		items,
		datasets
	};
}

/** The messages of one deck of exercises, checked (one PGlite for all of them). */
async function messages(...exercises: Partial<SqlExercise>[]): Promise<string[]> {
	const items = exercises.map((e, n) => makeExercise({ id: `e${n}`, line: 20 + n, ...e }));
	const errors = await checkSqlDecks([makeDeck(items)]);
	return items.map((item) => errors.filter((e) => e.line === item.line).map((e) => e.message)).flat();
}

const ORDER_DEPENDS = 'the result depends on the order of rows (a LIMIT without a total ORDER BY?)';

describe('checkSqlDecks', () => {
	it('starts nothing for decks without SQL', async () => {
		const deck = { ...makeDeck([]), datasets: undefined };
		expect(await checkSqlDecks([deck])).toEqual([]);
	});

	it('passes good model queries and reports each bad one at its line', { timeout: 120_000 }, async () => {
		const items = [
			makeExercise({ id: 'good', line: 20, modelSql: 'SELECT name, city FROM customers' }),
			makeExercise({
				id: 'good-ordered',
				line: 21,
				ordered: true,
				modelSql: 'SELECT name FROM customers ORDER BY city NULLS FIRST, name'
			}),
			makeExercise({ id: 'fails', line: 30, modelSql: 'SELECT nope FROM customers' }),
			makeExercise({ id: 'empty', line: 31, modelSql: `SELECT name FROM customers WHERE city = 'Paris'` }),
			makeExercise({ id: 'no-query', line: 32, modelSql: `UPDATE customers SET city = 'Hull'` }),
			makeExercise({ id: 'limit', line: 33, modelSql: 'SELECT name FROM customers LIMIT 2' }),
			makeExercise({
				id: 'ties',
				line: 34,
				ordered: true,
				modelSql: 'SELECT name FROM customers ORDER BY city NULLS FIRST'
			}),
			makeExercise({ id: 'agg', line: 35, modelSql: `SELECT string_agg(name, ',') FROM customers` }),
			makeExercise({
				id: 'child-table',
				line: 36,
				modelSql: 'SELECT customer_id FROM orders LIMIT 1'
			})
		];
		const errors = await checkSqlDecks([makeDeck(items)]);
		expect(errors).toEqual([
			{
				file: 'decks/databases/db-sql.md',
				line: 30,
				message: 'the model query fails: column "nope" does not exist'
			},
			{ file: 'decks/databases/db-sql.md', line: 31, message: 'the model query returns no rows' },
			{
				file: 'decks/databases/db-sql.md',
				line: 32,
				message: 'the model query returns no rows: its last statement must be a query'
			},
			{ file: 'decks/databases/db-sql.md', line: 33, message: ORDER_DEPENDS },
			{ file: 'decks/databases/db-sql.md', line: 34, message: ORDER_DEPENDS },
			{ file: 'decks/databases/db-sql.md', line: 35, message: ORDER_DEPENDS },
			{ file: 'decks/databases/db-sql.md', line: 36, message: ORDER_DEPENDS }
		]);
	});

	it('accepts a LIMIT after a total ORDER BY, and ties when order does not count', async () => {
		expect(
			await messages(
				{ modelSql: 'SELECT name FROM customers ORDER BY id LIMIT 2' },
				{ modelSql: 'SELECT name FROM customers ORDER BY city' },
				{ modelSql: `SELECT string_agg(name, ',' ORDER BY name) FROM customers` }
			)
		).toEqual([]);
	}, 120_000);

	it('reports a dataset whose SQL fails at the dataset’s line, and skips its exercises', async () => {
		const broken = makeDataset({ line: 7, sql: 'CREATE TABLE t (n int);\nINSERT INTO t VALUES (1, 2);' });
		const errors = await checkSqlDecks([makeDeck([makeExercise({ modelSql: 'SELECT * FROM t' })], [broken])]);
		expect(errors).toEqual([
			{
				file: 'decks/databases/db-sql.md',
				line: 7,
				message:
					"the dataset's SQL fails (line 2 of its SQL): INSERT has more expressions than target columns"
			}
		]);
	}, 120_000);
});
