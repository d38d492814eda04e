import { LiveQuery } from '$lib/db/live.svelte';
import { loadCardStates } from '$lib/db/reviews';
import type { RehearseDB } from '$lib/db/schema';
import type { CardState } from '$lib/scheduling/fsrs';

/**
 * The stored state of each card of one deck, for the deck page's badges, kept up to date as cards are
 * answered (here or in another tab) and read again when the page shows another deck. Create it while a
 * component initialises.
 */
export class DeckCardStates {
	#states: LiveQuery<Map<string, CardState>, readonly [RehearseDB, string]>;

	/** `db` gives null until the database is open. */
	constructor(db: () => RehearseDB | null, deckId: () => string) {
		this.#states = new LiveQuery(
			([db, id]) => loadCardStates(db, [id]),
			() => {
				const open = db();
				return open && ([open, deckId()] as const);
			}
		);
	}

	/** States by card id (`deck/card`); null until read. A card with no entry was never studied. */
	get states(): ReadonlyMap<string, CardState> | null {
		return this.#states.current ?? null;
	}
}
