import type { CardState } from '$lib/scheduling/card';
import type { CardMarks } from '$lib/scheduling/marks';

/** One row of the browser's results: what the list shows of an item. */
export interface BrowseRow {
	/** `deck-id/item-id` */
	id: string;
	deckTitle: string;
	/** flashcard, cloze, quiz, interview or sql. */
	kind: string;
	prompt: string;
	/** A card (a flashcard or an SQL exercise): it has a memory state and can be acted on. */
	card: boolean;
	state: CardState | undefined;
	marks: CardMarks | undefined;
	leech: boolean;
}
