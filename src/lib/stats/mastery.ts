import { deckOf, type CardState } from '../scheduling/card';

// The topic mastery map: for each deck and topic, the share of its cards the person would recall today
// (the mean FSRS retrievability over all its cards, cards never answered counting as 0), the cards seen
// of the total, and what quizzes say; and from that, the decks where an hour of study gains the most.

export interface MasteryDeck {
	id: string;
	title: string;
	topic: string;
	/** Flashcards in the deck. */
	total: number;
}

export interface Mastery {
	id: string;
	title: string;
	/** Cards in scope, and those answered at least once. */
	total: number;
	seen: number;
	/** Expected number of cards recalled today: the sum of every card's retrievability. */
	recalled: number;
	/** recalled / total: the share of the cards recalled today (0 when there are no cards). */
	recall: number;
	/** Quiz questions whose last answer was wrong. */
	quizMisses: number;
}

function mastery(
	id: string,
	title: string,
	total: number,
	seen: number,
	recalled: number,
	misses: number
): Mastery {
	return { id, title, total, seen, recalled, recall: total === 0 ? 0 : recalled / total, quizMisses: misses };
}

/**
 * Mastery per deck, in the order given. `recall(card)` is the probability of recalling a stored card
 * now; `quizMisses` counts, per deck, the quiz questions whose last answer was wrong.
 *
 * @example deckMastery(decks, cards, recall, new Map())[0] // { id: 'db-indexes', total: 40, seen: 12, recall: 0.27, … }
 */
export function deckMastery(
	decks: readonly MasteryDeck[],
	cards: readonly CardState[],
	recall: (card: CardState) => number,
	quizMisses: ReadonlyMap<string, number>
): Mastery[] {
	const sums = new Map<string, { seen: number; recalled: number }>();
	for (const c of cards) {
		const s = sums.get(c.deckId) ?? { seen: 0, recalled: 0 };
		s.seen++;
		s.recalled += recall(c);
		sums.set(c.deckId, s);
	}
	return decks.map((d) => {
		const s = sums.get(d.id) ?? { seen: 0, recalled: 0 };
		// A card may outlive its deck's current content (removed in a later build): never count more than there are.
		const seen = Math.min(s.seen, d.total);
		return mastery(d.id, d.title, d.total, seen, Math.min(s.recalled, d.total), quizMisses.get(d.id) ?? 0);
	});
}

/** Several decks' figures as one line (a topic, or the whole scope): the same sums, over all their cards. */
export function combined(id: string, title: string, rows: readonly Mastery[]): Mastery {
	const sum = (f: (m: Mastery) => number) => rows.reduce((n, m) => n + f(m), 0);
	return mastery(
		id,
		title,
		sum((m) => m.total),
		sum((m) => m.seen),
		sum((m) => m.recalled),
		sum((m) => m.quizMisses)
	);
}

/** Mastery per topic, from its decks' figures. */
export function topicMastery(
	topics: readonly { slug: string; title: string }[],
	decks: readonly MasteryDeck[],
	perDeck: readonly Mastery[]
): Mastery[] {
	const byId = new Map(perDeck.map((m) => [m.id, m]));
	return topics
		.map((t) =>
			combined(
				t.slug,
				t.title,
				decks.filter((d) => d.topic === t.slug).map((d) => byId.get(d.id)!)
			)
		)
		.filter((m) => m.total > 0);
}

/**
 * How much study of a deck is worth: each card seen and not recalled today counts 2 (it is being lost,
 * and relearning is quicker than learning), each card never seen 1, each quiz question last answered
 * wrong 2.
 */
export function studyGain(m: Mastery): number {
	return 2 * (m.seen - m.recalled) + (m.total - m.seen) + 2 * m.quizMisses;
}

/**
 * The `count` decks where study gains the most (`studyGain`: low recall, many cards, failing quiz
 * questions), highest first; ties go to the lower recall. Decks fully recalled with no failing question
 * are never suggested.
 */
export function studyNext(perDeck: readonly Mastery[], count = 3): Mastery[] {
	return perDeck
		.filter((m) => m.total > 0 && studyGain(m) >= 0.5)
		.sort((a, b) => studyGain(b) - studyGain(a) || a.recall - b.recall || (a.id < b.id ? -1 : 1))
		.slice(0, count);
}

/** Per deck, the quiz questions whose last answer was wrong (refs are `deck-id/item-id`). */
export function quizMissesPerDeck(
	history: ReadonlyMap<string, { lastCorrect?: boolean }>
): Map<string, number> {
	const out = new Map<string, number>();
	for (const [ref, h] of history) {
		if (h.lastCorrect !== false) continue;
		const deck = deckOf(ref);
		out.set(deck, (out.get(deck) ?? 0) + 1);
	}
	return out;
}
