/// <reference lib="webworker" />
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { AnkiImportError } from './errors';
import type { ReadMessage, ReadRequest } from './protocol';
import { readAnkiPackage } from './read';

// The Anki reader's worker: unzipping, decompressing and reading SQLite take seconds on a large
// collection, and the page must stay responsive meanwhile. One package per worker; client.ts ends it.

const post = (message: ReadMessage, transfer: Transferable[] = []) => postMessage(message, transfer);

onmessage = async (e: MessageEvent<ReadRequest>) => {
	try {
		const collection = await readAnkiPackage(new Uint8Array(e.data.bytes), {
			sqlWasmUrl: wasmUrl,
			onProgress: (done, total, step) => post({ kind: 'progress', done, total, step })
		});
		// Images move to the page rather than being copied (each owns its buffer; see read.ts).
		const images = Object.values(collection.media).map((image) => image.buffer as ArrayBuffer);
		post({ kind: 'done', collection }, images);
	} catch (err) {
		if (err instanceof AnkiImportError) post({ kind: 'error', problem: err.problem, message: err.message });
		else
			post({
				kind: 'error',
				problem: 'reader-failed',
				message: `The Anki reader stopped unexpectedly (${err instanceof Error ? err.message : String(err)}).`
			});
	}
};
