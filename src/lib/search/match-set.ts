import MiniSearch from 'minisearch';
import type { SearchDoc } from './documents';
import type { DocSlots } from './slots';

// Which documents match every word of a query, found without scoring them. MiniSearch scores every
// document each word matches before it keeps those that match them all, so a word found in most of a
// large collection ("which" in 50,000 cards, or "wh" on the way to it) costs 80–300 ms however few
// documents the whole query finds. Here MiniSearch's own matching (prefix, typos, fields) only marks each
// word's documents in an array, so the set is exactly the one its search gives; the caller then has
// MiniSearch score that set when it is small, or ranks it cheaply when it is not (docs/search.md).

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

/** How many terms' matches a `TermCache` keeps: the words of the query being typed, and a few before. */
const CACHED_TERMS = 16;

/**
 * Each term's matches, by document number: 2 where it matches the prompt, 1 where it matches only the
 * body or tags, 0 elsewhere. A query typed a letter at a time searches its earlier words again at every
 * keystroke ("which" in "which v", "which va", …); they come from here instead. Valid only while the
 * index is unchanged: whoever adds or removes documents clears it.
 */
export class TermCache {
	#terms = new Map<string, Uint8Array>();

	get(mini: MiniSearch<SearchDoc>, slots: DocSlots, term: string): Uint8Array {
		let found = this.#terms.get(term);
		if (found) {
			// Most recently used last, so the oldest is the first to go.
			this.#terms.delete(term);
		} else {
			found = termMatches(mini, slots, term);
			if (this.#terms.size >= CACHED_TERMS) this.#terms.delete(this.#terms.keys().next().value!);
		}
		this.#terms.set(term, found);
		return found;
	}

	clear(): void {
		this.#terms.clear();
	}
}

/** One term's matches by document number (see `TermCache`), found by MiniSearch without scoring. */
function termMatches(mini: MiniSearch<SearchDoc>, slots: DocSlots, term: string): Uint8Array {
	const found = new Uint8Array(slots.size);
	const mark = (value: 1 | 2) => (_id: string, _term: string, stored?: Record<string, unknown>) => {
		const slot = slotOf(stored);
		if (found[slot]! < value) found[slot] = value;
		return 0;
	};
	mini.search(term, { fields: ['p'], boostDocument: mark(2) });
	mini.search(term, { fields: ['b', 't'], boostDocument: mark(1) });
	return found;
}

/**
 * Which documents match every term (prefix and typos as the index's search options say), by number:
 * 0 for a document that misses a term, else a cheap rank, 1 plus the number of terms found in its
 * prompt. Nothing is scored: MiniSearch calls `boostDocument` for each document a term matches, and a
 * boost of 0 tells it to skip the document. A term given twice counts twice, as MiniSearch's AND does.
 *
 * @example matchEvery(mini, slots, ['which', 'va'], cache)[slot] // 3: both words in the prompt
 */
export function matchEvery(
	mini: MiniSearch<SearchDoc>,
	slots: DocSlots,
	terms: readonly string[],
	cache: TermCache
): Uint32Array {
	const ranks = new Uint32Array(slots.size);
	if (terms.length === 0) return ranks;
	ranks.fill(1);
	for (const term of terms) {
		const found = cache.get(mini, slots, term);
		for (let slot = 0; slot < ranks.length; slot++) {
			if (ranks[slot] === 0) continue;
			const where = found[slot]!;
			ranks[slot] = where === 0 ? 0 : ranks[slot]! + where - 1;
		}
	}
	return ranks;
}
