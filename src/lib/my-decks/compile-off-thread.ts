import type { Deck } from '$lib/decks/types';

export interface CompileRequest {
	sources: { id: string; markdown: string }[];
}

export type CompileAnswer = { ok: true; decks: Map<string, Deck> } | { ok: false; message: string };

/**
 * `compileDecks` (compile.ts) in a Web Worker, so that a large import or restore leaves the page
 * responsive: the same decks, or the same error (the first deck's, naming it and its line). Where there
 * are no workers (Node, in tests) it compiles here; with no decks it starts no worker.
 */
export async function compileDecksOffThread(
	sources: readonly { id: string; markdown: string }[]
): Promise<Map<string, Deck>> {
	if (sources.length === 0) return new Map();
	if (typeof Worker === 'undefined') return (await import('./compile')).compileDecks(sources);
	const worker = new Worker(new URL('./compile-worker.ts', import.meta.url), { type: 'module' });
	try {
		const answer = await new Promise<CompileAnswer>((resolve, reject) => {
			worker.onmessage = (e: MessageEvent<CompileAnswer>) => resolve(e.data);
			worker.onerror = (e) => {
				e.preventDefault();
				reject(
					new Error(
						`The decks could not be checked in this browser (${e.message || 'the worker did not start'}).`
					)
				);
			};
			worker.onmessageerror = () => reject(new Error('The checked decks could not be received.'));
			worker.postMessage({ sources: [...sources] } satisfies CompileRequest);
		});
		if (!answer.ok) throw new Error(answer.message);
		return answer.decks;
	} finally {
		worker.terminate();
	}
}
