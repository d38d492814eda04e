import { parentPort } from 'node:worker_threads';
import { createSqlEngine } from './engine.ts';
import { cachedDataDirBlob } from './node-datadir.ts';
import type { EngineRequest } from './protocol.ts';
import { serveSqlEngine } from './serve.ts';

// The SQL worker as a Node worker thread (see `nodeSqlWorker` in node-client.ts): the browser worker's
// protocol, for tests and the bench to drive the client, time limits included, without a browser.

const port = parentPort!;
const handle = serveSqlEngine(
	async () => createSqlEngine({ dataDir: await cachedDataDirBlob() }),
	(message) => port.postMessage(message)
);
port.on('message', (request: EngineRequest) => handle(request));
