/// <reference lib="webworker" />
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { AnkiImportError } from './errors';
import { packReviews, type ReadMessage, type ReadRequest } from './protocol';
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
		// Images and the reviews' numbers move to the page rather than being copied (each image owns its
		// buffer; see read.ts).
		const images = Object.values(collection.media).map((image) => image.buffer as ArrayBuffer);
		const { reviews, ...rest } = collection;
		const numbers = packReviews(reviews);
		post({ kind: 'done', collection: rest, reviews: numbers }, [...images, numbers.buffer]);
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
