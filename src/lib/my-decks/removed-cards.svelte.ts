import { deckCardIds, loadIndex } from '$lib/catalog';
import type { RehearseDB } from '$lib/db/schema';
import { deckOf } from '$lib/scheduling/card';
import { removedCards } from './removed-cards';

/** What was found: the removed cards with history, and how many answers they have. */
export interface RemovedHistory {
	cards: string[];
	answers: number;
}

function count(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The removed cards with history: the log's card ids checked against the decks they belong to. */
async function findRemoved(db: RehearseDB): Promise<RemovedHistory> {
	const [{ loggedCardIds, entryCount }, index] = await Promise.all([
		import('$lib/db/removed-cards'),
		loadIndex()
	]);
	const logged = await loggedCardIds(db);
	const listed = new Set(index.decks.map((d) => d.id));
	const deckIds = [...new Set(logged.map(deckOf))];
	const decks = await Promise.all(
		deckIds.map(async (id) => [id, listed.has(id) ? new Set(await deckCardIds(id)) : null] as const)
	);
	const cards = removedCards(logged, new Map(decks));
	return { cards, answers: await entryCount(db, cards) };
}

/**
 * The decks page's line about the review history of removed cards (an own deck or card deleted, or an
 * item a newer build dropped), and its purge. It looks once the database is open, reading the log's card
 * ids and the decks they belong to; when any deck cannot be read (offline), it says nothing rather than
 * offer to purge cards that may still exist. The purge asks first. Create it while a component initialises.
 */
export class RemovedCards {
	#db: () => RehearseDB | null;
	/** Null until looked (or when the decks could not all be read). */
	found = $state.raw<RemovedHistory | null>(null);
	confirming = $state(false);
	busy = $state(false);
	status = $state('');
	problem = $state('');

	/** `db` gives null until the database is open. */
	constructor(db: () => RehearseDB | null) {
		this.#db = db;
		$effect(() => {
			const open = db();
			if (open) void this.look(open);
		});
	}

	/** Finds the removed cards with history, and counts their answers. */
	async look(db: RehearseDB): Promise<void> {
		try {
			this.found = await findRemoved(db);
		} catch {
			this.found = null;
		}
	}

	/** Purges their history, on the second call (the first asks). */
	async purge(): Promise<void> {
		if (!this.confirming) {
			this.confirming = true;
			return;
		}
		const db = this.#db();
		const found = this.found;
		this.confirming = false;
		if (!db || !found) return;
		this.busy = true;
		this.problem = '';
		try {
			const { purgeCards } = await import('$lib/db/purge');
			const answers = await purgeCards(db, found.cards);
			this.status = `Purged ${count(answers, 'answer')} of ${count(found.cards.length, 'removed card')}.`;
			this.found = { cards: [], answers: 0 };
		} catch (e) {
			this.problem = `Nothing was purged: ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			this.busy = false;
		}
	}

	/** The sentence for what was found, or null when there is nothing to say. */
	get summary(): string | null {
		const found = this.found;
		if (!found || found.cards.length === 0) return null;
		return `Review history of ${count(found.cards.length, 'removed card')} (${count(found.answers, 'answer')})`;
	}
}
