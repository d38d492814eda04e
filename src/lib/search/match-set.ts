import MiniSearch from 'minisearch';
import type { SearchDoc } from './documents';

// Which documents match every word of a query, found without scoring them. MiniSearch scores every
// document each word matches before it keeps those that match them all, so a word found in most of a
// large collection ("which" in 50,000 cards, or "wh" on the way to it) costs 80–300 ms however few
// documents the whole query finds. Here MiniSearch's own matching (prefix, typos, fields) only marks each
// word's documents in an array, so the set is exactly the one its search gives; the caller then has
// MiniSearch score that set when it is small, or ranks it cheaply when it is not (docs/search.md).

/**
 * A number for each document the index has held, stored with the document in MiniSearch (as `s`) so a
 * search can mark documents in an array without looking their ids up. A document put again gets a new
 * number; its old one no longer matches anything.
 */
export class DocSlots {
	#ids: string[] = [];

	/** The document's new number. */
	add(id: string): number {
		return this.#ids.push(id) - 1;
	}

	id(slot: number): string {
		return this.#ids[slot]!;
	}

	get size(): number {
		return this.#ids.length;
	}
}

const tokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize');
const processTerm: (term: string) => string | string[] | null | undefined | false =
	MiniSearch.getDefault('processTerm');

/** The query's terms as MiniSearch reads them (the index keeps its default tokenizer and lower case). */
export function termsOf(query: string): string[] {
	return tokenize(query)
		.flatMap((token) => processTerm(token) || [])
		.filter((term) => term.length > 0);
}

/** A document's number, from the fields MiniSearch stored with it. */
export function slotOf(stored: Record<string, unknown> | undefined): number {
	return stored?.s as number;
}

/**
 * Which documents match every term (prefix and typos as the index's search options say), by number:
 * 0 for a document that misses a term, else a cheap rank, 1 plus the number of terms found in its
 * prompt. Nothing is scored: MiniSearch calls `boostDocument` for each document a term matches, and a
 * boost of 0 tells it to skip the document.
 *
 * @example matchEvery(mini, slots, ['which', 'va'])[slot] // 3: both words in the prompt
 */
export function matchEvery(
	mini: MiniSearch<SearchDoc>,
	slots: DocSlots,
	terms: readonly string[]
): Uint32Array {
	const ranks = new Uint32Array(slots.size);
	if (terms.length === 0) return ranks;
	// matched[slot] counts the terms a document has matched, in order: term i moves it from i to i + 1
	// only, so a document that missed a term stays behind, and two forms of one term (a prefix matches
	// "which" and "why") or two fields count once.
	const matched = new Uint32Array(slots.size);
	terms.forEach((term, i) => {
		const mark = (prompt: boolean) => (_id: string, _term: string, stored?: Record<string, unknown>) => {
			const slot = slotOf(stored);
			if (matched[slot] === i) {
				matched[slot] = i + 1;
				if (prompt) ranks[slot]! += 1;
			}
			return 0;
		};
		mini.search(term, { fields: ['p'], boostDocument: mark(true) });
		mini.search(term, { fields: ['b', 't'], boostDocument: mark(false) });
	});
	for (let slot = 0; slot < slots.size; slot++)
		ranks[slot] = matched[slot] === terms.length ? 1 + ranks[slot]! : 0;
	return ranks;
}

/** The matched documents' ids and ranks. */
export function rankedIds(slots: DocSlots, ranks: Uint32Array): Map<string, number> {
	const out = new Map<string, number>();
	ranks.forEach((rank, slot) => {
		if (rank > 0) out.set(slots.id(slot), rank);
	});
	return out;
}
