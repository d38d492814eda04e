// Documents by number. The worker's text index gives every document it holds a number (its slot), and
// answers a search with a score per slot: a typed array it hands to the page without copying, where a
// map of ids would cost a keystroke tens of milliseconds to build, send and look up in a collection of
// 50,000 cards. The page keeps a copy of the numbering: it numbers the documents it sends the worker,
// in the order it sends them, as the worker does.

/**
 * A number for each document the index has held. A document put again gets a new number; its old one
 * no longer matches anything.
 */
export class DocSlots {
	#ids: string[] = [];
	#latest = new Map<string, number>();

	/** The document's new number. */
	add(id: string): number {
		const slot = this.#ids.push(id) - 1;
		this.#latest.set(id, slot);
		return slot;
	}

	id(slot: number): string {
		return this.#ids[slot]!;
	}

	/** The number of the document's latest version; -1 for a document never added. */
	latest(id: string): number {
		return this.#latest.get(id) ?? -1;
	}

	get size(): number {
		return this.#ids.length;
	}
}

/**
 * The score of a document the search did not find. Not 0: MiniSearch's BM25 scores can be 0 or below
 * (just after documents are dropped, a word's document count still includes them for a search).
 */
export const NOT_FOUND = -Infinity;

/** The text search's score of the document at a position of the list searched (`NOT_FOUND` if not found). */
export type ScoreAt = (position: number) => number;

/** Each document's number, by its position in the list: worked out when the list changes, not per keystroke. */
export function slotsOf(docs: readonly { id: string }[], slots: DocSlots): Int32Array {
	return Int32Array.from(docs, (doc) => slots.latest(doc.id));
}

/**
 * A search's scores (by number) read by position. A document numbered after the search was answered
 * (put again since) is not found until the next answer.
 */
export function scoreAt(slotOfPosition: Int32Array, scores: Float64Array): ScoreAt {
	return (position) => scores[slotOfPosition[position]!] ?? NOT_FOUND;
}
