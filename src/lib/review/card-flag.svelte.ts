import { connection } from '$lib/db/connection.svelte';
import { LiveQuery } from '$lib/db/live.svelte';
import type { RehearseDB } from '$lib/db/schema';
import type { FlagColour } from '$lib/scheduling/marks';

/**
 * The flag of the card a review shows, read live (a flag set in Browse or another tab shows here too).
 * Loaded with the review's card actions, not with its first card. Create it while a component initialises.
 */
export class CardFlag {
	#marks: LiveQuery<{ flag: FlagColour } | null, readonly [RehearseDB, string]>;

	constructor(cardId: () => string | null) {
		this.#marks = new LiveQuery(
			async ([db, id]) => (await db.cardMarks.get(id)) ?? null,
			() => {
				const id = cardId();
				return connection.db && id ? ([connection.db, id] as const) : null;
			}
		);
	}

	get colour(): FlagColour {
		return this.#marks.current?.flag ?? 0;
	}
}
