import type { EngineMessage, EngineRequest } from './protocol.ts';
import type { CheckOutcome, PrepareOutcome, RunOutcome, SqlEngine, SqlError, SqlTask } from './types.ts';

/** What the client needs of a worker: the browser's `Worker`, or a Node worker thread in tests. */
export interface WorkerLike {
	postMessage(message: EngineRequest): void;
	terminate(): void;
	onmessage: ((e: { data: EngineMessage }) => void) | null;
	onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface SqlClientOptions {
	/** How long a run or check may take before the worker is ended and restarted. */
	timeoutMs?: number;
	/** How long PostgreSQL may take to start, downloads included (the first time: ~8 MB gzip). */
	startTimeoutMs?: number;
	/** Makes the worker; by default the SQL worker of this folder, as a module worker. */
	createWorker?: () => WorkerLike;
}

export interface SqlClient extends SqlEngine {
	/** How many times the worker was ended and started again (a query too long, a crash). */
	readonly restarts: number;
	/**
	 * Starts the worker, and PostgreSQL in it, ahead of the first request: a page that knows an exercise is
	 * coming calls it before it has read the exercise's deck. Does nothing once a worker runs.
	 */
	start(): void;
}

export const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_START_TIMEOUT_MS = 120_000;
/** A dataset is trusted content of a few hundred rows: this only guards against a mistake. */
const PREPARE_TIMEOUT_MS = 15_000;
/** SQLSTATE query_canceled, for a dataset that took too long to load. */
const QUERY_CANCELED = '57014';

/**
 * The SQL engine for the page: the same API as `createSqlEngine`, with PostgreSQL in a Web Worker so the
 * page stays responsive, and a time limit on every run and check. A query that runs past it (PGlite
 * cannot be interrupted: see engine.ts) ends the worker, and the answer is `{ kind: 'timeout' }`; a new
 * worker starts at once, and each dataset is loaded again into it when next used. Requests run one at a
 * time, so a time limit counts only its own query. Loads PGlite only when first used; the screen should
 * itself import this module with `import()` when an SQL exercise opens.
 *
 * @example
 * const { createSqlClient } = await import('$lib/sql/client');
 * const sql = createSqlClient();
 * await sql.prepare('db-joins/shop', dataset.sql);
 * const { outcome, verdict } = await sql.check({ datasetId: 'db-joins/shop', ...exercise }, query);
 */
export function createSqlClient(options: SqlClientOptions = {}): SqlClient {
	return new WorkerSqlClient(options);
}

/** One worker's life: what it has been asked, and which datasets it holds. */
interface Generation {
	worker: WorkerLike;
	started: Promise<void>;
	pending: Map<number, (reply: Reply) => void>;
	prepared: Set<string>;
}

type Reply = EngineMessage | { kind: 'timeout'; ms: number } | { kind: 'crashed'; message: string };

class WorkerSqlClient implements SqlClient {
	readonly #timeoutMs: number;
	readonly #startTimeoutMs: number;
	readonly #createWorker: () => WorkerLike;
	/** Every dataset prepared, to load again into a new worker. */
	readonly #datasets = new Map<string, string>();
	#current: Generation | null = null;
	#queue: Promise<unknown> = Promise.resolve();
	#nextId = 1;
	#closed = false;
	restarts = 0;

	constructor(options: SqlClientOptions) {
		this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.#startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
		this.#createWorker =
			options.createWorker ??
			(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as WorkerLike);
	}

	start(): void {
		if (!this.#closed) this.#current ??= this.#spawn();
	}

	prepare(datasetId: string, datasetSql: string): Promise<PrepareOutcome> {
		return this.#serial(async () => {
			const generation = await this.#started();
			const outcome = await this.#prepareIn(generation, datasetId, datasetSql);
			if (outcome.kind === 'ready') this.#datasets.set(datasetId, datasetSql);
			return outcome;
		});
	}

	run(datasetId: string, query: string): Promise<RunOutcome> {
		return this.#serial(async () => {
			const generation = await this.#withDataset(datasetId);
			if ('kind' in generation) return { ...generation, ms: 0 };
			const reply = await this.#send(generation, { kind: 'run', datasetId, query }, this.#timeoutMs);
			if (reply.kind === 'ran') return reply.outcome;
			return this.#failedRun(reply);
		});
	}

	check(task: SqlTask, query: string): Promise<CheckOutcome> {
		return this.#serial(async () => {
			const generation = await this.#withDataset(task.datasetId);
			if ('kind' in generation) return { outcome: { ...generation, ms: 0 } };
			const reply = await this.#send(generation, { kind: 'check', task, query }, this.#timeoutMs);
			if (reply.kind === 'checked') return reply.outcome;
			return { outcome: this.#failedRun(reply) };
		});
	}

	close(): Promise<void> {
		return this.#serial(async () => {
			this.#closed = true;
			this.#current?.worker.terminate();
			this.#current = null;
		});
	}

	#serial<T>(work: () => Promise<T>): Promise<T> {
		const next = this.#queue.then(work, work);
		this.#queue = next.catch(() => undefined);
		return next;
	}

	/** The worker, started, with `datasetId` loaded; or the error that kept the dataset from loading. */
	async #withDataset(datasetId: string): Promise<Generation | { kind: 'error'; error: SqlError }> {
		const sql = this.#datasets.get(datasetId);
		if (sql === undefined) throw new Error(`dataset '${datasetId}' was not prepared`);
		const generation = await this.#started();
		if (generation.prepared.has(datasetId)) return generation;
		const outcome = await this.#prepareIn(generation, datasetId, sql);
		return outcome.kind === 'ready' ? generation : outcome;
	}

	async #prepareIn(generation: Generation, datasetId: string, sql: string): Promise<PrepareOutcome> {
		const reply = await this.#send(generation, { kind: 'prepare', datasetId, sql }, PREPARE_TIMEOUT_MS);
		if (reply.kind === 'prepared') {
			if (reply.outcome.kind === 'ready') generation.prepared.add(datasetId);
			return reply.outcome;
		}
		const failed = this.#failedRun(reply);
		if (failed.kind === 'timeout')
			return {
				kind: 'error',
				error: { code: QUERY_CANCELED, message: 'The dataset took too long to load.' }
			};
		return { kind: 'error', error: failed.error };
	}

	/** The outcome of a request that got no outcome: the time limit, a crash, or a refusal (thrown). */
	#failedRun(reply: Reply): Extract<RunOutcome, { kind: 'timeout' | 'error' }> {
		if (reply.kind === 'timeout') return { kind: 'timeout', ms: reply.ms };
		if (reply.kind === 'crashed')
			return { kind: 'error', error: { code: 'XX000', message: reply.message }, ms: 0 };
		if (reply.kind === 'refused') throw new Error(reply.message);
		throw new Error(`the SQL worker answered '${reply.kind}' out of turn`);
	}

	/** The current worker once PostgreSQL has started in it, starting one if there is none. */
	async #started(): Promise<Generation> {
		if (this.#closed) throw new Error('the SQL engine is closed');
		const generation = (this.#current ??= this.#spawn());
		try {
			await generation.started;
		} catch (e) {
			this.#end(generation, false);
			throw e;
		}
		return generation;
	}

	#spawn(): Generation {
		const worker = this.#createWorker();
		const pending = new Map<number, (reply: Reply) => void>();
		let started!: () => void;
		let failed!: (e: Error) => void;
		const generation: Generation = {
			worker,
			pending,
			prepared: new Set(),
			started: new Promise<void>((resolve, reject) => {
				started = resolve;
				failed = reject;
			})
		};
		// Nobody may be waiting for a worker started ahead of need.
		generation.started.catch(() => undefined);
		const timer = setTimeout(
			() => failed(new Error(`PostgreSQL did not start within ${this.#startTimeoutMs / 1000} s.`)),
			this.#startTimeoutMs
		);
		void generation.started.finally(() => clearTimeout(timer)).catch(() => undefined);

		worker.onmessage = (e) => {
			const message = e.data;
			if (message.kind === 'started') started();
			else if (message.kind === 'failed') failed(new Error(`PostgreSQL could not start: ${message.message}`));
			else {
				pending.get(message.id)?.(message);
				pending.delete(message.id);
			}
		};
		worker.onerror = (e) => {
			// Without this the browser would also report it as an uncaught error.
			e.preventDefault?.();
			const message = `The SQL worker stopped (${e.message || 'it did not start'}).`;
			failed(new Error(message));
			for (const reply of pending.values())
				reply({ kind: 'crashed', message: `${message} It was restarted.` });
			pending.clear();
			this.#end(generation, true);
		};
		return generation;
	}

	/** Sends a request and waits for its answer, or ends the worker when `ms` run out. */
	#send(generation: Generation, request: DistributiveOmit<EngineRequest, 'id'>, ms: number): Promise<Reply> {
		const id = this.#nextId++;
		const sent = performance.now();
		return new Promise<Reply>((resolve) => {
			const timer = setTimeout(() => {
				generation.pending.delete(id);
				this.#end(generation, true);
				resolve({ kind: 'timeout', ms: performance.now() - sent });
			}, ms);
			generation.pending.set(id, (reply) => {
				clearTimeout(timer);
				resolve(reply);
			});
			generation.worker.postMessage({ ...request, id } as EngineRequest);
		});
	}

	/** Ends a worker; with `restart`, starts the next one at once so that the next query waits less. */
	#end(generation: Generation, restart: boolean): void {
		generation.worker.terminate();
		if (this.#current !== generation) return;
		this.#current = null;
		if (!restart) return;
		this.restarts++;
		if (!this.#closed) this.#current = this.#spawn();
	}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
