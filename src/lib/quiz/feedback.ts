import type { Deck } from '$lib/decks/types';
import { deckOf } from '$lib/scheduling/card';
import type { QuizItem } from './types';

/**
 * The cards a missed quiz question sends back to daily review: the flashcards it links to, or, when it
 * links none, the flashcards of its own deck that share one of its tags. A missed SQL exercise, itself
 * a card in review, goes back too, first.
 *
 * @example cardsForMiss(question, deck) // ['db-indexes/sargable', 'db-indexes/expression-index']
 */
export function cardsForMiss(question: QuizItem, deck: Deck): string[] {
	const linked = linkedFlashcards(question, deck);
	return question.kind === 'sql' ? [...new Set([`${deck.id}/${question.id}`, ...linked])] : linked;
}

function linkedFlashcards(question: Pick<QuizItem, 'links' | 'tags'>, deck: Deck): string[] {
	if (question.links.length) return [...new Set(question.links)];
	if (!question.tags.length) return [];
	return deck.items
		.filter((i) => i.kind === 'flashcard' && i.tags.some((t) => question.tags.includes(t)))
		.map((i) => `${deck.id}/${i.id}`);
}

/**
 * What to tell the person about the flashcards a miss sent back to review. Cards from a deck they
 * switched off in Settings are due again but the daily review leaves them out, so the note says where
 * they will show instead of promising them today.
 *
 * @example reviewNote(['graphs/bfs'], new Set(), (id) => id) // "Its flashcard is due in today's review."
 */
export function reviewNote(
	sent: readonly string[],
	switchedOff: ReadonlySet<string>,
	deckTitle: (deckId: string) => string
): string | null {
	const off = sent.filter((id) => switchedOff.has(deckOf(id)));
	const on = sent.length - off.length;
	const notes: string[] = [];
	if (on === 1) notes.push("Its flashcard is due in today's review.");
	else if (on > 1) notes.push(`${on} flashcards are due in today's review.`);
	if (off.length) {
		const titles = [...new Set(off.map(deckOf))].map((d) => `“${deckTitle(d)}”`);
		const one = off.length === 1;
		const subject = on
			? one
				? 'One more is'
				: `${off.length} more are`
			: one
				? 'Its flashcard is'
				: `${off.length} flashcards are`;
		const decks = titles.length === 1 ? `the deck ${titles[0]} is` : `the decks ${titles.join(', ')} are`;
		notes.push(
			`${subject} due again, but ${decks} switched off in Settings: ${one ? 'it shows' : 'they show'} in the daily review once switched on, or when you review that deck directly.`
		);
	}
	return notes.length ? notes.join(' ') : null;
}
