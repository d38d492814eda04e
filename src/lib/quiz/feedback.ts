import type { Deck, QuizQuestion } from '$lib/decks/types';

/**
 * The flashcards a missed quiz question sends back to daily review: the ones it links to, or, when it
 * links none, the flashcards of its own deck that share one of its tags.
 *
 * @example cardsForMiss(question, deck) // ['db-indexes/sargable', 'db-indexes/expression-index']
 */
export function cardsForMiss(question: QuizQuestion, deck: Deck): string[] {
	if (question.links.length) return [...new Set(question.links)];
	if (!question.tags.length) return [];
	return deck.items
		.filter((i) => i.kind === 'flashcard' && i.tags.some((t) => question.tags.includes(t)))
		.map((i) => `${deck.id}/${i.id}`);
}
