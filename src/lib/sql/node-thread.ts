import { Worker } from 'node:worker_threads';
import type { WorkerLike } from './client.ts';
import type { EngineMessage } from './protocol.ts';

/**
 * The SQL worker as a Node worker thread (node-worker.ts, run through tsx), shaped like the browser's
 * `Worker` for `createSqlClient({ createWorker: nodeSqlWorker })`: tests and the bench drive the real
 * client, time limits and restarts included, without a browser.
 */
export function nodeSqlWorker(): WorkerLike {
	// Node 20 does not apply `--import tsx` to a worker's entry module: the thread registers tsx itself.
	const entry = JSON.stringify(new URL('./node-worker.ts', import.meta.url).href);
	const thread = new Worker(
		`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`,
		{ eval: true }
	);
	const like: WorkerLike = {
		postMessage: (message) => thread.postMessage(message),
		terminate: () => void thread.terminate(),
		onmessage: null,
		onerror: null
	};
	thread.on('message', (data: EngineMessage) => like.onmessage?.({ data }));
	thread.on('error', (e) => like.onerror?.({ message: e.message }));
	return like;
}
