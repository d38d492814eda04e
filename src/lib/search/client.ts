import type { SearchDoc } from './documents';
import type { SearchReply, SearchRequest } from './worker';

/** What the client needs of a worker: the browser's `Worker`, or a stand-in in tests. */
export interface WorkerLike {
	postMessage(message: SearchRequest): void;
	terminate(): void;
	onmessage: ((e: { data: SearchReply }) => void) | null;
}

/**
 * The card browser's text search, in a Web Worker: `index` builds it from the documents (off the main
 * thread), `search` answers with the scores of the documents that match. Loaded only by the browser page.
 */
export class SearchClient {
	#worker: WorkerLike;
	#next = 0;
	#pending = new Map<number, { resolve: (scores: Float64Array) => void; reject: (e: Error) => void }>();
	#indexed: { resolve: () => void; reject: (e: Error) => void } | null = null;

	constructor(
		createWorker: () => WorkerLike = () =>
			new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike
	) {
		this.#worker = createWorker();
		this.#worker.onmessage = (e) => this.#receive(e.data);
	}

	/**
	 * Builds the index of these documents; resolves once it is ready. The index numbers them in this
	 * order, and each document put after them with the next number (slots.ts).
	 */
	index(docs: SearchDoc[]): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#indexed = { resolve, reject };
			this.#worker.postMessage({ kind: 'index', docs });
		});
	}

	/** Adds or replaces documents (the person's own decks and copies). */
	put(docs: SearchDoc[]): void {
		if (docs.length > 0) this.#worker.postMessage({ kind: 'put', docs });
	}

	drop(ids: string[]): void {
		if (ids.length > 0) this.#worker.postMessage({ kind: 'drop', ids });
	}

	/** The documents' scores by number (`NOT_FOUND` where a document does not match). */
	search(words: string[], phrases: string[]): Promise<Float64Array> {
		const id = ++this.#next;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ kind: 'search', id, words, phrases });
		});
	}

	close(): void {
		this.#worker.terminate();
		for (const p of this.#pending.values()) p.reject(new Error('The search was closed.'));
		this.#pending.clear();
	}

	#receive(reply: SearchReply): void {
		if (reply.kind === 'indexed') {
			this.#indexed?.resolve();
			this.#indexed = null;
		} else if (reply.kind === 'hits') {
			const p = this.#pending.get(reply.id);
			this.#pending.delete(reply.id);
			p?.resolve(reply.scores);
		} else {
			const error = new Error(`The search failed: ${reply.message}`);
			if (reply.id === undefined) {
				this.#indexed?.reject(error);
				this.#indexed = null;
			} else {
				this.#pending.get(reply.id)?.reject(error);
				this.#pending.delete(reply.id);
			}
		}
	}
}
