import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlEngine, dataDirWithDatasets, datasetSchema } from './engine';
import { cachedDataDirBlob } from './node-datadir';
import { LIST_TABLES, tablesOf } from './tables';
import type { RunOutcome, SqlEngine } from './types';

// Real PGlite, started once for the file (about two seconds from the cached data directory).
let engine: SqlEngine;

const SHOP = `
CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, city text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers, total numeric(8,2));
INSERT INTO customers VALUES (1, 'Ada', 'Leeds'), (2, 'Bo', NULL), (3, 'Cy', 'York');
INSERT INTO orders VALUES (10, 1, 12.50), (11, 1, 3.00), (12, 3, 7.25);
`;

beforeAll(async () => {
	engine = await createSqlEngine({ dataDir: await cachedDataDirBlob(), maxRows: 5 });
	expect(await engine.prepare('shop', SHOP)).toEqual({ kind: 'ready' });
}, 120_000);
afterAll(() => engine?.close());

function rows(outcome: RunOutcome): unknown[][] {
	if (outcome.kind !== 'result') throw new Error(`expected a result, got ${JSON.stringify(outcome)}`);
	return outcome.result.rows;
}

/** The dataset as a person would see it: every table's rows, counted. */
async function counts(): Promise<unknown[][]> {
	return rows(
		await engine.run(
			'shop',
			`SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM orders), (SELECT sum(total) FROM orders)`
		)
	);
}

const ORIGINAL = [[3, 3, '22.75']];

describe('run', () => {
	it('returns the last statement’s result with its columns, command and time', async () => {
		const outcome = await engine.run('shop', 'SELECT 1;\nSELECT name, city FROM customers ORDER BY id;');
		expect(outcome).toMatchObject({
			kind: 'result',
			command: 'SELECT',
			rowCount: 3,
			truncated: false,
			result: {
				columns: [
					{ name: 'name', type: 25 },
					{ name: 'city', type: 25 }
				],
				rows: [
					['Ada', 'Leeds'],
					['Bo', null],
					['Cy', 'York']
				]
			}
		});
		expect(outcome.kind === 'result' && outcome.ms).toBeGreaterThanOrEqual(0);
	});

	it('cuts the rows kept for display but counts them all', async () => {
		const outcome = await engine.run('shop', 'SELECT * FROM generate_series(1, 12)');
		expect(outcome).toMatchObject({ kind: 'result', rowCount: 12, truncated: true });
		expect(rows(outcome)).toHaveLength(5);
	});

	it('answers a statement without rows, and an empty query, with no columns', async () => {
		expect(await engine.run('shop', `UPDATE customers SET city = 'Hull'`)).toMatchObject({
			kind: 'result',
			command: 'UPDATE',
			rowCount: 3,
			result: { columns: [], rows: [] }
		});
		expect(await engine.run('shop', '-- nothing yet')).toMatchObject({
			kind: 'result',
			command: '',
			result: { columns: [], rows: [] }
		});
	});

	it('reports PostgreSQL’s error with its code and position in the person’s own text', async () => {
		const query = "SELECT 'é😀' AS x,\n  nope FROM customers";
		const outcome = await engine.run('shop', query);
		expect(outcome).toMatchObject({
			kind: 'error',
			error: { code: '42703', message: 'column "nope" does not exist' }
		});
		const position = outcome.kind === 'error' ? outcome.error.position! : 0;
		expect(query.slice(position - 1)).toBe('nope FROM customers');
	});

	it('reports the hint and detail when PostgreSQL gives them', async () => {
		const outcome = await engine.run(
			'shop',
			`DO $$ BEGIN RAISE EXCEPTION 'no' USING DETAIL = 'why not', HINT = 'try again'; END $$`
		);
		expect(outcome).toMatchObject({
			kind: 'error',
			error: { code: 'P0001', message: 'no', detail: 'why not', hint: 'try again' }
		});
	});

	it('reads a timestamp as its wall time in UTC, whatever the local time zone', async () => {
		const zone = process.env.TZ;
		process.env.TZ = 'America/New_York';
		try {
			const outcome = await engine.run(
				'shop',
				`SELECT '2026-03-01 09:30:00.25'::timestamp, '2026-03-01'::date, '2026-03-01 09:30:00+02'::timestamptz`
			);
			expect(rows(outcome)[0]!.map((d) => (d as Date).toISOString())).toEqual([
				'2026-03-01T09:30:00.250Z',
				'2026-03-01T00:00:00.000Z',
				'2026-03-01T07:30:00.000Z'
			]);
		} finally {
			process.env.TZ = zone;
		}
	});

	it('refuses a dataset that was never prepared', async () => {
		await expect(engine.run('nowhere', 'SELECT 1')).rejects.toThrow("dataset 'nowhere' was not prepared");
	});
});

describe('isolation: every attempt starts from the dataset as loaded', () => {
	const attempts: [string, string][] = [
		['DROP TABLE', 'DROP TABLE orders'],
		['UPDATE', 'UPDATE orders SET total = 0'],
		['DELETE', 'DELETE FROM orders; DELETE FROM customers'],
		['TRUNCATE', 'TRUNCATE orders, customers'],
		['CREATE TABLE', 'CREATE TABLE extra AS SELECT * FROM customers'],
		['INSERT', `INSERT INTO customers VALUES (4, 'Di', NULL)`],
		['COMMIT then DROP', 'COMMIT; DROP TABLE orders;'],
		['ROLLBACK then DELETE', 'ROLLBACK; DELETE FROM orders;'],
		['END then TRUNCATE', 'END; TRUNCATE orders, customers;'],
		['COMMIT AND CHAIN then DELETE', 'COMMIT AND CHAIN; DELETE FROM orders;'],
		['COMMIT, BEGIN, DROP', 'COMMIT; BEGIN; DROP TABLE orders;'],
		['COMMIT, DROP, then an error', 'COMMIT; DROP TABLE orders; SELECT 1/0;'],
		['DROP then an error', 'DROP TABLE orders; SELECT 1/0;'],
		['COMMIT then DROP SCHEMA', 'COMMIT; DROP SCHEMA dataset_1 CASCADE;'],
		['COMMIT then a table in public', 'COMMIT; CREATE TABLE public.customers (x int);'],
		['a savepoint released, then an error', 'RELEASE SAVEPOINT rehearse_attempt; SELECT 1/0;'],
		['a session setting after COMMIT', 'COMMIT; SET search_path TO public;'],
		['a prepared statement', 'PREPARE p AS SELECT 1; EXECUTE p;'],
		['a temporary table after COMMIT', 'COMMIT; CREATE TEMP TABLE orders AS SELECT 1 AS id;']
	];

	it.each(attempts)('after %s', async (_name, query) => {
		await engine.run('shop', query);
		expect(await counts()).toEqual(ORIGINAL);
		// The same attempt again behaves the same (nothing left over, such as a prepared statement).
		const again = await engine.run('shop', query);
		expect(again.kind === 'error' ? again.error.message : '').not.toMatch(/already exists/);
		expect(await counts()).toEqual(ORIGINAL);
	});

	it('keeps datasets apart', async () => {
		expect(
			await engine.prepare('other', 'CREATE TABLE orders (n int); INSERT INTO orders VALUES (42);')
		).toEqual({
			kind: 'ready'
		});
		expect(rows(await engine.run('other', 'SELECT * FROM orders'))).toEqual([[42]]);
		await engine.run('other', 'COMMIT; DROP TABLE orders;');
		expect(await counts()).toEqual(ORIGINAL);
		expect(rows(await engine.run('other', 'SELECT * FROM orders'))).toEqual([[42]]);
	});
});

describe('prepare', () => {
	it('lists a dataset’s tables and views with their columns in order, dropped columns left out', async () => {
		const sql = `${SHOP}
ALTER TABLE orders ADD COLUMN note text; ALTER TABLE orders DROP COLUMN total;
CREATE VIEW big_spenders AS SELECT c.name FROM customers c;`;
		expect(await engine.prepare('listed', sql)).toEqual({ kind: 'ready' });
		expect(tablesOf(await engine.run('listed', LIST_TABLES))).toEqual({
			big_spenders: ['name'],
			customers: ['id', 'name', 'city'],
			orders: ['id', 'customer_id', 'note']
		});
		expect(tablesOf(await engine.run('listed', 'SELECT nonsense'))).toEqual({});
	});

	it('starts PostgreSQL with a small page cache, as zeroing the default 128 MB was a third of the start', async () => {
		expect(rows(await engine.run('shop', 'SHOW shared_buffers'))).toEqual([['16MB']]);
	});

	it('reports an error in the dataset’s SQL at its position, and keeps nothing of it', async () => {
		const sql = 'CREATE TABLE t (n int);\nINSERT INTO t VALUES (1, 2);';
		const outcome = await engine.prepare('broken', sql);
		expect(outcome).toMatchObject({ kind: 'error', error: { code: '42601' } });
		const position = outcome.kind === 'error' ? outcome.error.position! : 0;
		expect(sql.slice(position - 1)).toBe('2);');
		await expect(engine.run('broken', 'SELECT 1')).rejects.toThrow('was not prepared');
	});

	it('replaces a dataset prepared again with other SQL', async () => {
		await engine.prepare('swap', 'CREATE TABLE t AS SELECT 1 AS n');
		await engine.prepare('swap', 'CREATE TABLE t AS SELECT 2 AS n');
		expect(rows(await engine.run('swap', 'SELECT n FROM t'))).toEqual([[2]]);
	});
});

describe('check', () => {
	const task = {
		datasetId: 'shop',
		modelSql: `SELECT c.name, count(o.id) AS orders FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name`,
		ordered: false,
		namedColumns: false
	};

	it('says right for a different query with the same result', async () => {
		const checked = await engine.check(
			task,
			`SELECT name, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) FROM customers c ORDER BY name DESC`
		);
		expect(checked.verdict).toEqual({ correct: true });
		expect(checked.expected?.rows).toHaveLength(3);
	});

	it('says what is missing for an inner join', async () => {
		const checked = await engine.check(
			task,
			`SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name`
		);
		expect(checked.verdict).toMatchObject({
			correct: false,
			problem: 'rows',
			missing: [{ row: ['Bo', 0], count: 1 }],
			extra: []
		});
	});

	it('gives no verdict for a query that fails, and judges the next one on intact data', async () => {
		const failed = await engine.check(task, 'COMMIT; DROP TABLE orders; SELECT nope;');
		expect(failed.outcome.kind).toBe('error');
		expect(failed.verdict).toBeUndefined();
		expect((await engine.check(task, task.modelSql)).verdict).toEqual({ correct: true });
	});

	it('throws when the model query itself fails', async () => {
		await expect(engine.check({ ...task, modelSql: 'SELECT nope' }, 'SELECT 1')).rejects.toThrow(
			'the model query fails: column "nope" does not exist'
		);
	});
});

describe('dataDirWithDatasets: datasets loaded at build time', () => {
	// `loaded_at` says when the dataset's SQL ran: at build time, or again when an exercise opened.
	const STAMPED = `CREATE TABLE stamp AS SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS loaded_at;
CREATE TABLE t (n integer); INSERT INTO t VALUES (1), (2);`;

	it('names a dataset’s schema after its SQL, the same everywhere', () => {
		// FNV-1a's published 32-bit values: the empty string is the offset basis.
		expect(datasetSchema('')).toBe('dataset_811c9dc5');
		expect(datasetSchema('a')).toBe('dataset_e40c292c');
		expect(datasetSchema(STAMPED)).toMatch(/^dataset_[0-9a-f]{8}$/);
		expect(datasetSchema(STAMPED)).not.toBe(datasetSchema(`${STAMPED} `));
	});

	it('opens a shipped dataset without running its SQL again, and any other dataset by running it', async () => {
		const dataDir = await dataDirWithDatasets(await cachedDataDirBlob(), [STAMPED, SHOP]);
		const built = Date.now();
		const preloaded = await createSqlEngine({ dataDir });
		try {
			expect(await preloaded.prepare('deck/stamped', STAMPED)).toEqual({ kind: 'ready' });
			const loadedAt = rows(await preloaded.run('deck/stamped', 'SELECT loaded_at FROM stamp'))[0]?.[0];
			expect(Number(loadedAt)).toBeLessThan(built);
			expect(rows(await preloaded.run('deck/stamped', 'SELECT sum(n) FROM t'))).toEqual([[3]]);

			const changed = `${STAMPED}\nINSERT INTO t VALUES (3);`;
			expect(await preloaded.prepare('deck/changed', changed)).toEqual({ kind: 'ready' });
			const changedAt = rows(await preloaded.run('deck/changed', 'SELECT loaded_at FROM stamp'))[0]?.[0];
			expect(Number(changedAt)).toBeGreaterThanOrEqual(built);
			expect(rows(await preloaded.run('deck/changed', 'SELECT sum(n) FROM t'))).toEqual([[6]]);

			// Still isolated: an attempt that commits empties the database, and the dataset loads again.
			await preloaded.run('deck/stamped', 'COMMIT; DELETE FROM t;');
			expect(rows(await preloaded.run('deck/stamped', 'SELECT sum(n) FROM t'))).toEqual([[3]]);
		} finally {
			await preloaded.close();
		}
	}, 120_000);

	it('refuses a dataset that fails, naming why', async () => {
		await expect(dataDirWithDatasets(await cachedDataDirBlob(), ['SELECT * FROM nowhere'])).rejects.toThrow(
			/a dataset fails: .*nowhere/
		);
	}, 120_000);
});
