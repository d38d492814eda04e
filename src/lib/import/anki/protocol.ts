import type { AnkiImportProblem } from './errors';
import type { AnkiReadStep } from './read';
import type { AnkiCollection, AnkiReview } from './types';

/** What the page sends the Anki reader's worker: the package's bytes, transferred, not copied. */
export interface ReadRequest {
	bytes: ArrayBuffer;
}

/** What the worker answers: progress as each step ends, then the collection or what was wrong. */
export type ReadMessage =
	| { kind: 'progress'; done: number; total: number; step: AnkiReadStep }
	| { kind: 'done'; collection: Omit<AnkiCollection, 'reviews'>; reviews: Float64Array }
	| { kind: 'error'; problem: AnkiImportProblem; message: string };

/** The numbers of a review, in the order `packReviews` lays them out. */
const REVIEW_FIELDS = ['id', 'cardId', 'ease', 'type', 'timeMs'] as const;

/**
 * The reviews as one block of numbers, a review after another, which the worker hands the page whole
 * (transferred): 200,000 review objects took the page about 0.2 s to receive one by one.
 */
export function packReviews(reviews: readonly AnkiReview[]): Float64Array {
	const out = new Float64Array(reviews.length * REVIEW_FIELDS.length);
	reviews.forEach((r, i) => REVIEW_FIELDS.forEach((f, k) => (out[i * REVIEW_FIELDS.length + k] = r[f])));
	return out;
}

/** The reviews `packReviews` laid out. */
export function unpackReviews(numbers: Float64Array): AnkiReview[] {
	const width = REVIEW_FIELDS.length;
	const out: AnkiReview[] = [];
	for (let at = 0; at + width <= numbers.length; at += width)
		out.push({
			id: numbers[at]!,
			cardId: numbers[at + 1]!,
			ease: numbers[at + 2] as AnkiReview['ease'],
			type: numbers[at + 3]!,
			timeMs: numbers[at + 4]!
		});
	return out;
}
