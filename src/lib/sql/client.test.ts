import { afterEach, describe, expect, it } from 'vitest';
import { createSqlClient, type SqlClient, type WorkerLike } from './client';
import { nodeSqlWorker } from './node-thread';
import type { EngineMessage, EngineRequest } from './protocol';
import { ONE_ROW } from '$lib/testing/sql-outcomes';

/** Stands in for the SQL worker: records what the client sends and lets the test answer. */
class FakeWorker implements WorkerLike {
	static all: FakeWorker[] = [];
	static #spawned: (() => void)[] = [];
	/** The `n`-th worker the client made (0-based), once it has made it. */
	static async nth(n: number): Promise<FakeWorker> {
		while (FakeWorker.all.length <= n) await new Promise<void>((wake) => FakeWorker.#spawned.push(wake));
		return FakeWorker.all[n]!;
	}
	onmessage: ((e: { data: EngineMessage }) => void) | null = null;
	onerror: ((e: { message?: string }) => void) | null = null;
	received: EngineRequest[] = [];
	terminated = false;
	#waiting: (() => void)[] = [];

	constructor() {
		FakeWorker.all.push(this);
		FakeWorker.#spawned.splice(0).forEach((wake) => wake());
	}
	postMessage(message: EngineRequest) {
		this.received.push(message);
		this.#waiting.splice(0).forEach((wake) => wake());
	}
	terminate() {
		this.terminated = true;
	}
	answer(message: EngineMessage) {
		this.onmessage?.({ data: message });
	}
	/** The next request the client sends (waiting for it if need be). */
	async next(): Promise<EngineRequest> {
		while (this.received.length === 0) await new Promise<void>((wake) => this.#waiting.push(wake));
		return this.received.shift()!;
	}
}

const READY = { kind: 'ready' } as const;

function fakeClient(timeoutMs = 50): SqlClient {
	FakeWorker.all = [];
	return createSqlClient({ timeoutMs, startTimeoutMs: 1000, createWorker: () => new FakeWorker() });
}

/** Prepares dataset `d` through a fake worker that starts and loads it. */
async function prepared(client: SqlClient): Promise<FakeWorker> {
	const preparing = client.prepare('d', 'CREATE TABLE t (n int)');
	const worker = await FakeWorker.nth(0);
	worker.answer({ kind: 'started', ms: 5 });
	const request = await worker.next();
	expect(request).toMatchObject({ kind: 'prepare', datasetId: 'd', sql: 'CREATE TABLE t (n int)' });
	worker.answer({ id: request.id, kind: 'prepared', outcome: READY });
	await expect(preparing).resolves.toEqual(READY);
	return worker;
}

describe('createSqlClient (fake worker)', () => {
	it('starts one worker, waits for PostgreSQL, and relays runs', async () => {
		const client = fakeClient();
		const worker = await prepared(client);
		const running = client.run('d', 'SELECT 1');
		const request = await worker.next();
		expect(request).toMatchObject({ kind: 'run', datasetId: 'd', query: 'SELECT 1' });
		worker.answer({ id: request.id, kind: 'ran', outcome: ONE_ROW });
		await expect(running).resolves.toEqual(ONE_ROW);
		expect(FakeWorker.all).toHaveLength(1);
	});

	it('starts the worker ahead of need, once, and uses it for the first request', async () => {
		const client = fakeClient();
		expect(FakeWorker.all).toHaveLength(0);
		client.start();
		client.start();
		expect(FakeWorker.all).toHaveLength(1);
		const worker = await prepared(client);
		expect(worker).toBe(FakeWorker.all[0]);
		expect(FakeWorker.all).toHaveLength(1);
		await client.close();
		client.start();
		expect(FakeWorker.all).toHaveLength(1);
	});

	it('ends the worker on a query too long, starts another, and loads the dataset into it', async () => {
		const client = fakeClient();
		const first = await prepared(client);
		const running = client.run('d', 'SELECT forever()');
		await first.next();
		const outcome = await running;
		expect(outcome.kind).toBe('timeout');
		expect(outcome.ms).toBeGreaterThanOrEqual(45);
		expect(first.terminated).toBe(true);
		expect(client.restarts).toBe(1);

		const second = await FakeWorker.nth(1);
		const next = client.run('d', 'SELECT 1');
		second.answer({ kind: 'started', ms: 5 });
		const reload = await second.next();
		expect(reload).toMatchObject({ kind: 'prepare', datasetId: 'd', sql: 'CREATE TABLE t (n int)' });
		second.answer({ id: reload.id, kind: 'prepared', outcome: READY });
		const run = await second.next();
		second.answer({ id: run.id, kind: 'ran', outcome: ONE_ROW });
		await expect(next).resolves.toEqual(ONE_ROW);
	});

	it('answers a check that runs too long with a timeout outcome and no verdict', async () => {
		const client = fakeClient();
		const worker = await prepared(client);
		const checking = client.check(
			{ datasetId: 'd', modelSql: 'SELECT 1', ordered: false, namedColumns: false },
			'x'
		);
		expect(await worker.next()).toMatchObject({ kind: 'check', query: 'x', task: { modelSql: 'SELECT 1' } });
		const checked = await checking;
		expect(checked.outcome.kind).toBe('timeout');
		expect(checked.verdict).toBeUndefined();
	});

	it('starts a request’s time limit only when the one before it has answered', async () => {
		const client = fakeClient(100);
		const worker = await prepared(client);
		const a = client.run('d', 'SELECT 1');
		const b = client.run('d', 'SELECT 2');
		const first = await worker.next();
		await new Promise((wait) => setTimeout(wait, 80));
		worker.answer({ id: first.id, kind: 'ran', outcome: ONE_ROW });
		const second = await worker.next();
		expect(second).toMatchObject({ query: 'SELECT 2' });
		await new Promise((wait) => setTimeout(wait, 60));
		worker.answer({ id: second.id, kind: 'ran', outcome: ONE_ROW });
		await expect(a).resolves.toEqual(ONE_ROW);
		await expect(b).resolves.toEqual(ONE_ROW);
		expect(client.restarts).toBe(0);
	});

	it('turns a worker crash into an error outcome and restarts', async () => {
		const client = fakeClient(1000);
		const worker = await prepared(client);
		const running = client.run('d', 'SELECT 1');
		await worker.next();
		worker.onerror?.({ message: 'memory access out of bounds' });
		await expect(running).resolves.toMatchObject({
			kind: 'error',
			error: { code: 'XX000', message: expect.stringContaining('memory access out of bounds') }
		});
		expect(worker.terminated).toBe(true);
		await FakeWorker.nth(1);
	});

	it('rejects what the engine refused, and a dataset never prepared', async () => {
		const client = fakeClient(1000);
		const worker = await prepared(client);
		const checking = client.check(
			{ datasetId: 'd', modelSql: 'nope', ordered: false, namedColumns: false },
			'x'
		);
		const request = await worker.next();
		worker.answer({ id: request.id, kind: 'refused', message: 'the model query fails: syntax error' });
		await expect(checking).rejects.toThrow('the model query fails: syntax error');
		await expect(client.run('elsewhere', 'SELECT 1')).rejects.toThrow("dataset 'elsewhere' was not prepared");
	});

	it('rejects when PostgreSQL cannot start, and tries a new worker next time', async () => {
		const client = fakeClient();
		const preparing = client.prepare('d', 'SELECT 1');
		(await FakeWorker.nth(0)).answer({ kind: 'failed', message: 'no WebAssembly' });
		await expect(preparing).rejects.toThrow('PostgreSQL could not start: no WebAssembly');
		expect(FakeWorker.all[0]!.terminated).toBe(true);
		const again = client.prepare('d', 'SELECT 1');
		const second = await FakeWorker.nth(1);
		second.answer({ kind: 'started', ms: 1 });
		const request = await second.next();
		second.answer({ id: request.id, kind: 'prepared', outcome: READY });
		await expect(again).resolves.toEqual(READY);
	});
});

describe('createSqlClient (real PGlite in a Node worker thread)', () => {
	let client: SqlClient | null = null;
	afterEach(() => client?.close());

	it('stops a runaway query within its time limit, keeps the caller’s thread free, and runs the next one', async () => {
		client = createSqlClient({ timeoutMs: 3000, createWorker: nodeSqlWorker });
		expect(await client.prepare('shop', 'CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2);')).toEqual(
			READY
		);
		expect(await client.run('shop', 'SELECT sum(n) FROM t')).toMatchObject({
			kind: 'result',
			result: { rows: [[3]] }
		});

		let ticks = 0;
		const ticking = setInterval(() => ticks++, 100);
		const t = performance.now();
		const outcome = await client.run(
			'shop',
			'SELECT count(*) FROM generate_series(1, 1e7) a, generate_series(1, 1e7) b'
		);
		const elapsed = performance.now() - t;
		clearInterval(ticking);
		expect(outcome.kind).toBe('timeout');
		expect(elapsed).toBeGreaterThanOrEqual(2900);
		expect(elapsed).toBeLessThan(4000);
		// The caller's event loop kept running all along (a tick every 100 ms, give or take a busy machine).
		expect(ticks).toBeGreaterThan(15);

		expect(await client.run('shop', 'SELECT sum(n) FROM t')).toMatchObject({
			kind: 'result',
			result: { rows: [[3]] }
		});
		expect(client.restarts).toBe(1);
	}, 60_000);
});
