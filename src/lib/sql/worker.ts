/// <reference lib="webworker" />
import wasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import fsBundleUrl from '@electric-sql/pglite/pglite.data?url';
import dataDirUrl from 'virtual:rehearse/sql-data-dir';
import type { EngineRequest } from './protocol.ts';
import { serveSqlEngine } from './serve.ts';

// The SQL worker: PostgreSQL (PGlite) off the page's thread, so that a long query never freezes the page,
// and so that client.ts can end a query that runs too long by ending the worker. This file is small; the
// engine and PGlite (~0.5 MB of script, 9.5 MB of wasm, 6 MB of file-system bundle and the 2.4 MB data
// directory) are fetched here, in parallel, when the first SQL exercise opens.

async function fetched(url: string): Promise<Response> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
	return response;
}

async function compiledWasm(): Promise<WebAssembly.Module> {
	try {
		return await WebAssembly.compileStreaming(fetched(wasmUrl));
	} catch {
		// A server that does not say application/wasm: compile it whole.
		return WebAssembly.compile(await (await fetched(wasmUrl)).arrayBuffer());
	}
}

const handle = serveSqlEngine(
	async () => {
		const [{ createSqlEngine }, wasmModule, fsBundle, dataDir] = await Promise.all([
			import('./engine.ts'),
			compiledWasm(),
			fetched(fsBundleUrl).then((r) => r.blob()),
			fetched(dataDirUrl).then((r) => r.arrayBuffer())
		]);
		return createSqlEngine({ wasmModule, fsBundle, dataDir });
	},
	(message) => postMessage(message)
);

onmessage = (e: MessageEvent<EngineRequest>) => handle(e.data);
