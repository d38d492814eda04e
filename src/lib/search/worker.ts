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
	| { kind: 'hits'; id: number; ids: string[]; scores: number[] }
	| { kind: 'error'; id?: number; message: string };

let index: TextIndex | null = null;
const texts = new Map<string, string>();

function reply(message: SearchReply): void {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
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
				const hits = index
					? searchText(index, request.words, request.phrases, (id) => texts.get(id))
					: new Map();
				reply({ kind: 'hits', id: request.id, ids: [...hits.keys()], scores: [...hits.values()] });
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
