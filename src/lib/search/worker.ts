/// <reference lib="webworker" />
import type { SearchDoc } from './documents';
import { createTextIndex, docText, dropDocs, putDocs, searchText, type TextIndex } from './text-index';

// The text index of the card browser, built and searched here, off the page's main thread.

export type SearchRequest =
	| { kind: 'index'; docs: SearchDoc[] }
	| { kind: 'put'; docs: SearchDoc[] }
	| { kind: 'drop'; ids: string[] }
	| { kind: 'search'; id: number; words: string[]; phrases: string[] };

export type SearchReply =
	| { kind: 'indexed'; count: number; ms: number }
	/** Scores by document number (slots.ts): the page numbers the documents as the index does. */
	| { kind: 'hits'; id: number; scores: Float64Array }
	| { kind: 'error'; id?: number; message: string };

let index: TextIndex | null = null;
const texts = new Map<string, string>();

function reply(message: SearchReply, transfer: Transferable[] = []): void {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer);
}

self.onmessage = (e: MessageEvent<SearchRequest>) => {
	const request = e.data;
	try {
		switch (request.kind) {
			case 'index': {
				const t = performance.now();
				texts.clear();
				for (const doc of request.docs) texts.set(doc.id, docText(doc));
				index = createTextIndex(request.docs);
				reply({ kind: 'indexed', count: request.docs.length, ms: performance.now() - t });
				break;
			}
			case 'put':
				for (const doc of request.docs) texts.set(doc.id, docText(doc));
				if (index) putDocs(index, request.docs);
				break;
			case 'drop':
				for (const id of request.ids) texts.delete(id);
				if (index) dropDocs(index, request.ids);
				break;
			case 'search': {
				const scores = index
					? searchText(index, request.words, request.phrases, (id) => texts.get(id))
					: new Float64Array(0);
				// Handed over, not copied.
				reply({ kind: 'hits', id: request.id, scores }, [scores.buffer]);
				break;
			}
		}
	} catch (error) {
		reply({
			kind: 'error',
			id: request.kind === 'search' ? request.id : undefined,
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
