import { seededRandom, shuffled } from '$lib/random';

/** What the person's past attempts say about one question. */
export interface QuestionHistory {
	/** When it was last answered (ms), or undefined if never. */
	lastAnsweredAt?: number;
	/** Whether that last answer was right. */
	lastCorrect?: boolean;
}

/** Misses within this window count as "recent" and come first. */
export const RECENT_MISS_MS = 14 * 86_400_000;

/**
 * Picks `length` question refs from the pool. When the quiz is shorter than the pool, recently
 * missed questions come first, then never-seen ones, then the rest (least recently answered first);
 * within each group the order is shuffled by `seed`, so the same seed gives the same quiz.
 */
export function selectQuestions(
	pool: readonly string[],
	history: ReadonlyMap<string, QuestionHistory>,
	length: number,
	seed: number,
	now: number
): string[] {
	const random = seededRandom(seed);
	const missed: string[] = [];
	const unseen: string[] = [];
	const seen: string[] = [];
	for (const ref of pool) {
		const h = history.get(ref);
		if (!h?.lastAnsweredAt) unseen.push(ref);
		else if (h.lastCorrect === false && now - h.lastAnsweredAt <= RECENT_MISS_MS) missed.push(ref);
		else seen.push(ref);
	}
	const byAge = shuffled(seen, random).sort(
		(a, b) => (history.get(a)?.lastAnsweredAt ?? 0) - (history.get(b)?.lastAnsweredAt ?? 0)
	);
	const ordered = [...shuffled(missed, random), ...shuffled(unseen, random), ...byAge];
	return shuffled(ordered.slice(0, Math.max(0, length)), random);
}

/** The order to show a question's choices in, reproducible from the attempt seed and the question. */
export function choiceOrder(count: number, seed: number, ref: string): number[] {
	let h = seed >>> 0;
	for (let i = 0; i < ref.length; i++) h = Math.imul(h ^ ref.charCodeAt(i), 2654435761) >>> 0;
	return shuffled(
		Array.from({ length: count }, (_, i) => i),
		seededRandom(h)
	);
}
