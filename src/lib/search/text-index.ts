import MiniSearch, { type SearchResult } from 'minisearch';
import type { SearchDoc } from './documents';
import { TermCache, matchEvery, slotOf, termsOf } from './match-set';
import { DocSlots, NOT_FOUND } from './slots';

// Full-text search over the documents, with MiniSearch (docs/search.md says why): the prompt, the rest of
// the item and the tags, the prompt weighing most; every word of the query must match (so more words
// narrow the results), each as a prefix and, from four letters on, with a typo or two.

export interface TextIndex {
	/** Matches the words and scores the documents (BM25). */
	readonly mini: MiniSearch<SearchDoc>;
	/** The documents' numbers: a search answers with a score per number (slots.ts). */
	readonly slots: DocSlots;
	/** The matches of the last terms searched: cleared whenever documents are put or dropped. */
	readonly terms: TermCache;
}

/**
 * The most documents a search scores with BM25. A query matching more (a common word in a large
 * collection) ranks them by the words found in their prompts instead: scoring 50,000 costs a keystroke
 * 80–300 ms a word, and the first screen of a list that long is no better for it.
 */
export const SCORE_AT_MOST = 5_000;

export function createTextIndex(docs: readonly SearchDoc[]): TextIndex {
	const slots = new DocSlots();
	const mini = new MiniSearch<SearchDoc>({
		fields: ['p', 'b', 't'],
		storeFields: ['s'],
		extractField: (doc, field) => {
			if (field === 's') return slots.add(doc.id);
			return field === 't' ? doc.t.join(' ') : doc[field as 'id' | 'p' | 'b'];
		},
		searchOptions: {
			boost: { p: 3, t: 2 },
			// A single letter is no word yet: as a prefix it matches most of the index, for nothing.
			prefix: (term) => term.length >= 2,
			fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
			combineWith: 'AND'
		}
	});
	mini.addAll(docs);
	return { mini, slots, terms: new TermCache() };
}

/** Adds documents, replacing any with the same id (an own deck edited, a copy saved). */
export function putDocs(index: TextIndex, docs: readonly SearchDoc[]): void {
	index.terms.clear();
	for (const doc of docs) {
		if (index.mini.has(doc.id)) index.mini.discard(doc.id);
		index.mini.add(doc);
	}
}

/** Takes documents out by id (an own deck deleted). */
export function dropDocs(index: TextIndex, ids: readonly string[]): void {
	index.terms.clear();
	for (const id of ids) if (index.mini.has(id)) index.mini.discard(id);
}

/**
 * The scores of the documents matching the words and containing every phrase, by document number
 * (`index.slots`; `NOT_FOUND` where a document does not match). `text` reads a document's words for the phrase
 * check. Without words, a phrase's own words find the candidates. `scoreAtMost` is the most documents
 * scored with BM25 (tests lower it to check both ways agree).
 */
export function searchText(
	index: TextIndex,
	words: readonly string[],
	phrases: readonly string[],
	text: (id: string) => string | undefined,
	scoreAtMost = SCORE_AT_MOST
): Float64Array {
	const scores = new Float64Array(index.slots.size).fill(NOT_FOUND);
	const terms = [...words, ...phrases].join(' ');
	if (!terms.trim()) return scores;
	score(index, terms, scoreAtMost, scores);
	if (phrases.length === 0) return scores;
	scores.forEach((s, slot) => {
		if (s === NOT_FOUND) return;
		const body = text(index.slots.id(slot))?.toLowerCase() ?? '';
		if (!phrases.every((p) => body.includes(p))) scores[slot] = NOT_FOUND;
	});
	return scores;
}

/**
 * MiniSearch's scores when the index is small enough that no query can match too many documents.
 * Otherwise the matching documents are found first, unscored; MiniSearch then scores only those (a
 * document with a boost of 0 is skipped), or, when there are too many, their cheap rank stands.
 */
function score(index: TextIndex, terms: string, scoreAtMost: number, into: Float64Array): void {
	const { mini, slots } = index;
	if (mini.documentCount <= scoreAtMost) return put(mini.search(terms), into);
	const ranks = matchEvery(mini, slots, termsOf(terms), index.terms);
	let count = 0;
	for (const rank of ranks) if (rank > 0) count++;
	if (count > scoreAtMost) {
		ranks.forEach((rank, slot) => {
			if (rank > 0) into[slot] = rank;
		});
		return;
	}
	const found = (_id: string, _term: string, stored?: Record<string, unknown>) =>
		ranks[slotOf(stored)]! > 0 ? 1 : 0;
	put(mini.search(terms, { boostDocument: found }), into);
}

/** MiniSearch's results by document number (stored with each document as `s`). */
function put(hits: SearchResult[], into: Float64Array): void {
	for (const hit of hits) into[slotOf(hit)] = hit.score;
}

/** The words a phrase check looks in: prompt, body and tags. */
export function docText(doc: SearchDoc): string {
	return `${doc.p} ${doc.b} ${doc.t.join(' ')}`;
}
