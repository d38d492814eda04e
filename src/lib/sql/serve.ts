import type { EngineMessage, EngineRequest } from './protocol.ts';
import type { SqlEngine } from './types.ts';

/**
 * The worker's side of the protocol, whatever the worker: starts the engine at once (PostgreSQL takes a
 * second or two to start, and the page asks for a dataset meanwhile), then answers each request in
 * order. Returns the function to hand each request to. Used by worker.ts (the browser's Web Worker) and
 * node-worker.ts (a Node worker thread).
 */
export function serveSqlEngine(
	start: () => Promise<SqlEngine>,
	post: (message: EngineMessage) => void
): (request: EngineRequest) => void {
	const t = performance.now();
	const engine = start();
	engine.then(
		() => post({ kind: 'started', ms: performance.now() - t }),
		(e: unknown) => post({ kind: 'failed', message: messageOf(e) })
	);
	return (request) => {
		void answer(request).then(post, (e: unknown) =>
			post({ id: request.id, kind: 'refused', message: messageOf(e) })
		);
	};

	async function answer(request: EngineRequest): Promise<EngineMessage> {
		const sql = await engine;
		switch (request.kind) {
			case 'prepare':
				return {
					id: request.id,
					kind: 'prepared',
					outcome: await sql.prepare(request.datasetId, request.sql)
				};
			case 'run':
				return { id: request.id, kind: 'ran', outcome: await sql.run(request.datasetId, request.query) };
			case 'check':
				return { id: request.id, kind: 'checked', outcome: await sql.check(request.task, request.query) };
		}
	}
}

function messageOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
