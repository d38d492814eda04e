import { loadDeck } from '$lib/catalog';
import { cardEvents } from '$lib/db/card-events';
import { LiveQuery } from '$lib/db/live.svelte';
import { cardHistory } from '$lib/db/entries';
import type { CardEvent, CardMarks, RehearseDB, ReviewLogEntry } from '$lib/db/schema';
import type { Item } from '$lib/decks/types';
import type { CardState } from '$lib/scheduling/card';

/** What the browser shows of one item: the item, and for a card its state, marks, answers and actions. */
export interface CardRecord {
	state: CardState | undefined;
	marks: CardMarks | undefined;
	history: ReviewLogEntry[];
	events: CardEvent[];
}

/**
 * One item opened in the browser: the item from its deck (as review shows it) and, live, the card's
 * stored state, marks, review history and actions, so an action shows its effect at once.
 */
export class CardPage {
	item = $state.raw<Item | null>(null);
	deckTitle = $state('');
	loadError = $state<string | null>(null);
	#record: LiveQuery<CardRecord, readonly [RehearseDB, string]>;

	constructor(db: () => RehearseDB | null, id: () => string | null) {
		this.#record = new LiveQuery(
			async ([db, cardId]) => {
				const [state, marks, history, events] = await Promise.all([
					db.cards.get(cardId),
					db.cardMarks.get(cardId),
					cardHistory(db, cardId),
					cardEvents(db, cardId)
				]);
				return { state, marks, history, events };
			},
			() => {
				const d = db();
				const cardId = id();
				return d && cardId ? ([d, cardId] as const) : null;
			}
		);
		$effect(() => {
			const cardId = id();
			this.item = null;
			this.loadError = null;
			if (!cardId) return;
			const [deckId, itemId] = cardId.split('/') as [string, string];
			let live = true;
			loadDeck(deckId).then(
				(loaded) => {
					if (!live) return;
					this.deckTitle = loaded.deck.title;
					this.item = loaded.items.get(itemId) ?? null;
					if (!this.item) this.loadError = `The deck '${deckId}' has no item '${itemId}' any more.`;
				},
				(e: unknown) => {
					if (live) this.loadError = e instanceof Error ? e.message : String(e);
				}
			);
			return () => {
				live = false;
			};
		});
	}

	get record(): CardRecord | undefined {
		return this.#record.current;
	}
}
