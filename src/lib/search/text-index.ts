import MiniSearch from 'minisearch';
import type { SearchDoc } from './documents';

// Full-text search over the documents, with MiniSearch (docs/search.md says why): the prompt, the rest of
// the item and the tags, the prompt weighing most; every word of the query must match (so more words
// narrow the results), each as a prefix and, from four letters on, with a typo or two.

export type TextIndex = MiniSearch<SearchDoc>;

export function createTextIndex(docs: readonly SearchDoc[]): TextIndex {
	const index = new MiniSearch<SearchDoc>({
		fields: ['p', 'b', 't'],
		extractField: (doc, field) => (field === 't' ? doc.t.join(' ') : doc[field as 'id' | 'p' | 'b']),
		searchOptions: {
			boost: { p: 3, t: 2 },
			// A single letter is no word yet: as a prefix it matches most of the index, for nothing.
			prefix: (term) => term.length >= 2,
			fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
			combineWith: 'AND'
		}
	});
	index.addAll(docs);
	return index;
}

/** Adds documents, replacing any with the same id (an own deck edited, a copy saved). */
export function putDocs(index: TextIndex, docs: readonly SearchDoc[]): void {
	for (const doc of docs) {
		if (index.has(doc.id)) index.discard(doc.id);
		index.add(doc);
	}
}

/** Takes documents out by id (an own deck deleted). */
export function dropDocs(index: TextIndex, ids: readonly string[]): void {
	for (const id of ids) if (index.has(id)) index.discard(id);
}

/**
 * The documents matching the words and containing every phrase, with their scores. `text` reads the
 * document's words for the phrase check. Without words, a phrase's own words find the candidates.
 */
export function searchText(
	index: TextIndex,
	words: readonly string[],
	phrases: readonly string[],
	text: (id: string) => string | undefined
): Map<string, number> {
	const terms = [...words, ...phrases].join(' ');
	const out = new Map<string, number>();
	if (!terms.trim()) return out;
	for (const hit of index.search(terms)) {
		const id = hit.id as string;
		if (phrases.length > 0) {
			const body = text(id)?.toLowerCase() ?? '';
			if (!phrases.every((p) => body.includes(p))) continue;
		}
		out.set(id, hit.score);
	}
	return out;
}

/** The words a phrase check looks in: prompt, body and tags. */
export function docText(doc: SearchDoc): string {
	return `${doc.p} ${doc.b} ${doc.t.join(' ')}`;
}
