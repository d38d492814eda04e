import { NOT_FOUND, type DocSlots } from '$lib/search/slots';

/**
 * A search's scores (by document number) as a map by id, best first, equal scores in numbering order:
 * what tests compare and read.
 */
export function hitsById(slots: DocSlots, scores: Float64Array): Map<string, number> {
	const found: [string, number][] = [];
	scores.forEach((score, slot) => {
		if (score !== NOT_FOUND) found.push([slots.id(slot), score]);
	});
	return new Map(found.sort((a, b) => b[1] - a[1]));
}
