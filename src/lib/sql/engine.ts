import { PGlite, type Results } from '@electric-sql/pglite';
import { fnv1a } from '../hash.ts';
import { compareResults, type ResultSet } from './compare.ts';
import { dataDirBlob } from './datadir.ts';
import { isPgError, toSqlError } from './errors.ts';
import type { CheckOutcome, PrepareOutcome, RunOutcome, SqlEngine, SqlTask } from './types.ts';

export interface SqlEngineOptions {
	/**
	 * A pre-initialised data directory (datadir.ts), gzipped or not (bytes are sniffed). Without one PGlite
	 * runs initdb: seconds longer.
	 */
	dataDir?: Blob | ArrayBuffer;
	/** PGlite's wasm, compiled; by default PGlite fetches it from beside its own code. */
	wasmModule?: WebAssembly.Module;
	/** PGlite's file-system bundle (`pglite.data`); by default PGlite fetches it. */
	fsBundle?: Blob;
	/** How many rows of a result are kept for display (all of them are compared). */
	maxRows?: number;
}

/** Rows of a result kept for display by default: a person reads a few dozen; a runaway join has millions. */
export const DISPLAY_ROWS = 500;

/**
 * Starts PostgreSQL (PGlite) in this thread and returns an engine that runs people's queries on datasets,
 * each attempt starting from the dataset exactly as it was loaded.
 *
 * **How attempts are isolated.** Each dataset lives in a schema of its own, loaded once. An attempt runs
 * inside a transaction that is always rolled back, so DROP, UPDATE, TRUNCATE and CREATE leave nothing
 * behind, and a query never pays for reloading its data. A person's SQL can end that transaction itself
 * (`COMMIT; DROP TABLE orders`, `ROLLBACK`, `END`, `COMMIT AND CHAIN`), and what it does after that sticks.
 * So the transaction carries a marker (`SET LOCAL` of a random token, which dies with the transaction) and
 * a savepoint (to read the marker when the attempt left the transaction failed): if the marker is not the
 * one set, the transaction was ended, anything may have been committed, and the engine resets the
 * database (every schema dropped, session state discarded) and reloads each dataset when next used. The
 * rare attempt that commits pays a few milliseconds per dataset; every other one, a rollback. PGlite's
 * `clone()` was the other way: a full copy of the database per attempt costs a second, not a millisecond.
 *
 * This engine cannot stop a runaway query: PGlite runs a query to its end in one synchronous call, and
 * `statement_timeout` never fires in its WebAssembly build (no signals; docs/sql.md). In the browser the
 * worker client (client.ts) enforces time limits by ending the worker.
 *
 * @example
 * const engine = await createSqlEngine({ dataDir: await cachedDataDirBlob() });
 * await engine.prepare('shop/shop', 'CREATE TABLE t (n int); INSERT INTO t VALUES (1);');
 * await engine.run('shop/shop', 'SELECT n FROM t'); // { kind: 'result', result: { rows: [[1]], … }, … }
 */
export async function createSqlEngine(options: SqlEngineOptions = {}): Promise<SqlEngine> {
	return new PgliteEngine(await startPglite(options), options.maxRows ?? DISPLAY_ROWS);
}

async function startPglite(options: SqlEngineOptions): Promise<PGlite> {
	return PGlite.create({
		loadDataDir: options.dataDir instanceof ArrayBuffer ? dataDirBlob(options.dataDir) : options.dataDir,
		pgliteWasmModule: options.wasmModule,
		fsBundle: options.fsBundle,
		// In a browser PGlite fetches initdb's wasm (300 KB) as it starts, unless it is given one. With a data
		// directory initdb never runs: an empty module saves the download.
		initdbWasmModule: options.dataDir ? await WebAssembly.compile(EMPTY_WASM) : undefined,
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
		parsers: { [TIMESTAMP]: parseTimestamp }
	});
}

const TIMESTAMP = 1114;

/**
 * PostgreSQL's page cache. Its default, 128 MB, is zeroed as PostgreSQL starts: a third of PGlite's start
 * (0.4 s of 1.1 s in Node). An exercise's dataset is a few hundred rows, a few dozen pages.
 */
const SHARED_BUFFERS = '16MB';

/**
 * A `timestamp` (without time zone) as the Date whose UTC fields are its wall time. PGlite's own parser
 * reads `2026-03-01 09:30:00` in the local time zone of whatever runs it, so the same value came out
 * hours apart in a browser outside UTC and in the build. (`date` is read as UTC midnight already, and
 * `timestamptz` carries its offset.) `infinity` stays an invalid Date, as before.
 *
 * @example parseTimestamp('2026-03-01 09:30:00').toISOString() // '2026-03-01T09:30:00.000Z', in any zone
 */
export function parseTimestamp(text: string): Date {
	return new Date(`${text.replace(' ', 'T')}Z`);
}

/** The smallest valid WebAssembly module: the magic number and version 1. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

const READY: PrepareOutcome = { kind: 'ready' };

/**
 * The schema a dataset is loaded into, named after its SQL (FNV-1a, 32 bits): the same on every device
 * and in the build, so that the data directory made at build time can hold the shipped datasets already
 * loaded (`dataDirWithDatasets`). A name two SQL texts share is told apart by the engine (`#schemaFor`).
 *
 * @example datasetSchema('CREATE TABLE t (n int);') // 'dataset_' and 8 hex digits
 */
export function datasetSchema(sql: string): string {
	return `dataset_${fnv1a(sql).toString(16).padStart(8, '0')}`;
}

/**
 * A data directory with datasets already loaded, each as the engine loads it (its schema, its statistics),
 * so that the first exercise on one of them skips loading it: the build makes it from the base data
 * directory (vite-plugin.ts) with every shipped dataset. Rejects with the first dataset that fails.
 */
export async function dataDirWithDatasets(dataDir: Blob, datasets: string[]): Promise<Blob> {
	const pg = await startPglite({ dataDir });
	try {
		const engine = new PgliteEngine(pg, 0);
		for (const [i, sql] of datasets.entries()) {
			const outcome = await engine.prepare(String(i), sql);
			if (outcome.kind === 'error') throw new Error(`a dataset fails: ${outcome.error.message}`);
		}
		await pg.exec('CHECKPOINT');
		return await pg.dumpDataDir('gzip');
	} finally {
		await pg.close();
	}
}

interface Dataset {
	sql: string;
	schema: string;
	/** Whether the schema holds the dataset now (false after a reset, until the next use). */
	loaded: boolean;
}

/** What an attempt came to, with every row (the outcome for the page cuts them). */
type Attempt =
	| { kind: 'result'; result: ResultSet; command: string; rowCount: number; ms: number }
	| Extract<RunOutcome, { kind: 'error' }>;

class PgliteEngine implements SqlEngine {
	readonly #pg: PGlite;
	readonly #maxRows: number;
	readonly #datasets = new Map<string, Dataset>();
	/** Model results by dataset id and model query. */
	readonly #expected = new Map<string, ResultSet>();
	/** Which dataset SQL each schema this engine named holds (two datasets with the same SQL share one). */
	readonly #schemaSql = new Map<string, string>();
	/** The work in progress: one thing at a time, as attempts are several statements long. */
	#queue: Promise<unknown> = Promise.resolve();

	constructor(pg: PGlite, maxRows: number) {
		this.#pg = pg;
		this.#maxRows = maxRows;
	}

	prepare(datasetId: string, datasetSql: string): Promise<PrepareOutcome> {
		return this.#serial(async () => {
			const known = this.#datasets.get(datasetId);
			if (known && known.sql === datasetSql && known.loaded) return { kind: 'ready' };
			const dataset: Dataset = { sql: datasetSql, schema: this.#schemaFor(datasetSql), loaded: false };
			if (known?.sql !== datasetSql) {
				for (const key of this.#expected.keys())
					if (key.startsWith(`${datasetId}\0`)) this.#expected.delete(key);
			}
			const outcome = (await this.#preloaded(dataset)) ? READY : await this.#load(dataset);
			if (outcome.kind === 'ready') this.#datasets.set(datasetId, dataset);
			return outcome;
		});
	}

	run(datasetId: string, query: string): Promise<RunOutcome> {
		return this.#serial(async () => this.#forPage(await this.#attemptOn(datasetId, query)));
	}

	check(task: SqlTask, query: string): Promise<CheckOutcome> {
		return this.#serial(async () => {
			const key = `${task.datasetId}\0${task.modelSql}`;
			let expected = this.#expected.get(key);
			if (!expected) {
				const model = await this.#attemptOn(task.datasetId, task.modelSql);
				if (model.kind === 'error') throw new Error(`the model query fails: ${model.error.message}`);
				expected = model.result;
				this.#expected.set(key, expected);
			}
			const attempt = await this.#attemptOn(task.datasetId, query);
			const outcome = this.#forPage(attempt);
			if (attempt.kind !== 'result') return { outcome };
			return {
				outcome,
				verdict: compareResults(expected, attempt.result, task),
				expected: { columns: expected.columns, rows: expected.rows.slice(0, this.#maxRows) }
			};
		});
	}

	async close(): Promise<void> {
		await this.#queue.catch(() => undefined);
		await this.#pg.close();
	}

	#serial<T>(work: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(work, work);
		this.#queue = next.catch(() => undefined);
		return next;
	}

	/** The schema for a dataset's SQL: `datasetSchema`'s name, unless another SQL already has it. */
	#schemaFor(sql: string): string {
		const base = datasetSchema(sql);
		let schema = base;
		for (let n = 2; (this.#schemaSql.get(schema) ?? sql) !== sql; n++) schema = `${base}_${n}`;
		this.#schemaSql.set(schema, sql);
		return schema;
	}

	/**
	 * Whether the database already holds this dataset as loaded, untouched: the data directory made at build
	 * time does (`dataDirWithDatasets`), for the shipped ones. Known by the SQL `#load` keeps as the
	 * schema's comment, so a schema of the same name but other SQL is never taken for it.
	 */
	async #preloaded(dataset: Dataset): Promise<boolean> {
		const { rows } = await this.#pg.query<{ same: boolean }>(
			`SELECT obj_description(oid, 'pg_namespace') = $1 AS same FROM pg_namespace WHERE nspname = $2`,
			[dataset.sql, dataset.schema]
		);
		dataset.loaded = rows[0]?.same === true;
		return dataset.loaded;
	}

	/** Loads a dataset into its schema, in one transaction: a dataset that fails leaves nothing behind. */
	async #load(dataset: Dataset): Promise<PrepareOutcome> {
		const pg = this.#pg;
		await pg.exec(`BEGIN; DROP SCHEMA IF EXISTS ${dataset.schema} CASCADE; CREATE SCHEMA ${dataset.schema};`);
		// A session setting (not LOCAL), so that it holds even if the dataset's SQL commits on its own.
		await pg.exec(`SET search_path TO ${dataset.schema}`);
		try {
			await pg.exec(dataset.sql);
		} catch (e) {
			await pg.exec('ROLLBACK');
			if (!isPgError(e)) throw e;
			return { kind: 'error', error: toSqlError(e, dataset.sql) };
		}
		// Statistics, as autovacuum would gather them on a server: plans (and a person's EXPLAIN) then fit the
		// data, and the bench's exercise-sized query ran in half the time.
		const [tables] = await pg.exec(
			`SELECT string_agg(oid::regclass::text, ', ') FROM pg_class WHERE relnamespace = '${dataset.schema}'::regnamespace AND relkind IN ('r', 'm')`,
			{ rowMode: 'array' }
		);
		const list = (tables?.rows as unknown[][] | undefined)?.[0]?.[0];
		if (typeof list === 'string') await pg.exec(`ANALYZE ${list}`);
		// The SQL, to know the schema for this dataset later (`#preloaded`); dollar-quoted with a tag the SQL
		// cannot hold, as COMMENT takes no parameters.
		const tag = `$q${crypto.randomUUID().replaceAll('-', '')}$`;
		await pg.exec(`COMMENT ON SCHEMA ${dataset.schema} IS ${tag}${dataset.sql}${tag}`);
		await pg.exec('COMMIT');
		dataset.loaded = true;
		return { kind: 'ready' };
	}

	async #attemptOn(datasetId: string, query: string): Promise<Attempt> {
		const dataset = this.#datasets.get(datasetId);
		if (!dataset) throw new Error(`dataset '${datasetId}' was not prepared`);
		if (!dataset.loaded) {
			const reloaded = await this.#load(dataset);
			if (reloaded.kind === 'error') return { kind: 'error', error: reloaded.error, ms: 0 };
		}
		return this.#attempt(dataset.schema, query);
	}

	/** Runs `query` in a transaction it cannot keep: see createSqlEngine. */
	async #attempt(schema: string, query: string): Promise<Attempt> {
		const pg = this.#pg;
		const token = crypto.randomUUID();
		// PREPARE is not undone by a rollback: a person's prepared statement would clash with their next try.
		await pg.exec(
			`DEALLOCATE ALL; BEGIN; SET search_path TO ${schema}; ` +
				`SET LOCAL rehearse.attempt = '${token}'; SAVEPOINT rehearse_attempt;`
		);
		const started = performance.now();
		let attempt: Attempt;
		try {
			const results = await pg.exec(query, { rowMode: 'array' });
			attempt = { kind: 'result', ms: performance.now() - started, ...lastResult(results) };
		} catch (e) {
			const ms = performance.now() - started;
			if (!isPgError(e)) throw e;
			attempt = { kind: 'error', error: toSqlError(e, query), ms };
		}
		const intact = await this.#stillOurs(token);
		// With no transaction open (the person ended it) this only warns.
		await pg.exec('ROLLBACK');
		if (!intact) await this.#reset();
		return attempt;
	}

	/** Whether the attempt's transaction is the one it started in (see createSqlEngine). */
	async #stillOurs(token: string): Promise<boolean> {
		const marker = async () => {
			const [r] = await this.#pg.exec(`SELECT current_setting('rehearse.attempt', true)`, {
				rowMode: 'array'
			});
			return (r?.rows as unknown[][] | undefined)?.[0]?.[0] === token;
		};
		try {
			return await marker();
		} catch (e) {
			if (!isPgError(e)) throw e;
			// A failed transaction refuses every query: back to the savepoint, if it is still there.
			try {
				await this.#pg.exec('ROLLBACK TO SAVEPOINT rehearse_attempt');
				return await marker();
			} catch (again) {
				if (!isPgError(again)) throw again;
				return false;
			}
		}
	}

	/** Empties the database after an attempt that may have committed: every schema goes, public comes back. */
	async #reset(): Promise<void> {
		const pg = this.#pg;
		await pg.exec('DISCARD ALL');
		const [schemas] = await pg.exec(
			`SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'`,
			{ rowMode: 'array' }
		);
		const names = ((schemas?.rows ?? []) as string[][]).map(([name]) => name);
		await pg.exec(
			`BEGIN; ${names.map((n) => `DROP SCHEMA ${n} CASCADE;`).join(' ')} CREATE SCHEMA public; COMMIT;`
		);
		for (const dataset of this.#datasets.values()) dataset.loaded = false;
	}

	#forPage(attempt: Attempt): RunOutcome {
		if (attempt.kind !== 'result') return attempt;
		const { rows, columns } = attempt.result;
		return {
			...attempt,
			result: { columns, rows: rows.slice(0, this.#maxRows) },
			truncated: rows.length > this.#maxRows
		};
	}
}

/** The last statement's result: what a person who writes `SELECT 1; SELECT 2;` expects to see. */
function lastResult(results: Results[]): { result: ResultSet; command: string; rowCount: number } {
	const last = results.at(-1);
	if (!last) return { result: { columns: [], rows: [] }, command: '', rowCount: 0 };
	return {
		result: {
			columns: last.fields.map((f) => ({ name: f.name, type: f.dataTypeID })),
			rows: last.rows as unknown[][]
		},
		command: last.command ?? '',
		rowCount: last.rowCount ?? last.rows.length
	};
}
