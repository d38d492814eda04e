import { ANKI_LIMITS, AnkiImportError, tooLargeError } from './errors';
import { unpackReviews, type ReadMessage, type ReadRequest } from './protocol';
import type { AnkiReadStep } from './read';
import type { AnkiCollection } from './types';

export { AnkiImportError } from './errors';

/**
 * Reads an Anki package the person picked, in a Web Worker so the page stays responsive: the file's
 * bytes go to the worker (transferred, not copied), progress comes back as each step ends, and the
 * worker is ended when it has answered. Rejects with an `AnkiImportError` whose message can be shown
 * as it is. The importer page loads this module with `import()` when a file is picked: it brings in
 * nothing heavy itself, but it is not for any page's first load.
 *
 * @example
 * const { readAnkiFile } = await import('$lib/import/anki/client');
 * const collection = await readAnkiFile(file, (done, total) => (progress = done / total));
 */
export function readAnkiFile(
	file: File,
	onProgress?: (done: number, total: number, step: AnkiReadStep) => void
): Promise<AnkiCollection> {
	// Refused before the file is read into memory at all.
	if (file.size > ANKI_LIMITS.maxBytes) return Promise.reject(tooLargeError(file.size, ANKI_LIMITS.maxBytes));

	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
		const fail = (error: AnkiImportError) => {
			worker.terminate();
			reject(error);
		};
		const failed = (what: string) =>
			fail(new AnkiImportError('reader-failed', `The Anki reader could not run in this browser (${what}).`));

		worker.onmessage = (e: MessageEvent<ReadMessage>) => {
			const message = e.data;
			if (message.kind === 'progress') onProgress?.(message.done, message.total, message.step);
			else if (message.kind === 'done') {
				worker.terminate();
				resolve({ ...message.collection, reviews: unpackReviews(message.reviews) });
			} else fail(new AnkiImportError(message.problem, message.message));
		};
		worker.onerror = (e) => {
			// Without this the browser would also report the failure as an uncaught error.
			e.preventDefault();
			failed(e.message || 'it did not start');
		};
		worker.onmessageerror = () => failed('its answer could not be received');

		file.arrayBuffer().then(
			(bytes) => worker.postMessage({ bytes } satisfies ReadRequest, [bytes]),
			(e: unknown) =>
				fail(
					new AnkiImportError(
						'reader-failed',
						`The file could not be read (${e instanceof Error ? e.message : String(e)}). Pick it again.`
					)
				)
		);
	});
}
