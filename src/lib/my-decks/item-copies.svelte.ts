import { LiveQuery } from '$lib/db/live.svelte';
import { copiesOfDeck } from '$lib/db/own-reads';
import type { ItemCopy } from '$lib/db/schema';
import type { RehearseDB } from '$lib/db/schema';
import type { ParseResult } from '$lib/decks/parse';
import { copyFits } from '$lib/decks/copies';
import type { Deck, DeckError, Item } from '$lib/decks/types';

function reason(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** The copies that fit the deck (decks/copies.ts), by item id. */
function fitting(deck: Deck, copies: readonly ItemCopy[]): ReadonlyMap<string, ItemCopy> {
	return new Map(copies.filter((c) => copyFits(deck, c.item)).map((c) => [c.item.id, c]));
}

/**
 * A shipped deck's page: the person's copies of its items, kept up to date (here or in another tab),
 * and what they do to them: edit a copy (from ours the first time), save it, revert to ours. The
 * compiler and the editor load on the first edit, never with the page. Create it while a component
 * initialises; the copies are null until read (never while the page hydrates, so the prerendered
 * HTML of our items is what hydrates).
 */
export class DeckCopies {
	#db: () => RehearseDB | null;
	#deck: () => Deck;
	#copies: LiveQuery<ItemCopy[], readonly [RehearseDB, string]>;
	/** The item whose copy is open in the editor, and the Markdown the editor opened on. */
	editing = $state.raw<{ itemId: string; source: string } | null>(null);
	/** The item whose "Revert to ours" waits for a yes. */
	confirming = $state<string | null>(null);
	/** What went wrong with an item, for the person. */
	problem = $state.raw<{ itemId: string; message: string } | null>(null);
	#changed: () => Promise<void>;

	/**
	 * `db` gives null until the database is open; `changed` runs after a copy is saved or removed here
	 * (the page loads the deck again, which the catalog now gives with the change).
	 */
	constructor(db: () => RehearseDB | null, deck: () => Deck, changed: () => Promise<void>) {
		this.#db = db;
		this.#deck = deck;
		this.#changed = changed;
		this.#copies = new LiveQuery(
			([open, id]) => copiesOfDeck(open, id),
			() => {
				const open = db();
				return open && ([open, deck().id] as const);
			}
		);
	}

	#fitting = $derived.by(() => {
		const rows = this.#copies.current;
		return rows ? fitting(this.#deck(), rows) : null;
	});

	/** The copies that take the place of our items, by item id; null until read. */
	get copies(): ReadonlyMap<string, ItemCopy> | null {
		return this.#fitting;
	}

	/** Opens the editor on the person's copy of `item`, or on ours (from the deck file) if there is none yet. */
	async edit(item: Item): Promise<void> {
		this.problem = null;
		this.confirming = null;
		const copy = this.copies?.get(item.id);
		try {
			const { shippedItemSource } = await import('./copies');
			const source = copy?.markdown ?? (await shippedItemSource(this.#deck().id, item.id));
			if (source === null) throw new Error('our deck file no longer has this item; reload the page');
			this.editing = { itemId: item.id, source };
		} catch (e) {
			this.problem = { itemId: item.id, message: `The editor could not open: ${reason(e)}.` };
		}
	}

	/** Compiles a file of copies of this deck's items (the editor's preview). */
	compile = async (markdown: string): Promise<ParseResult> => {
		const { compileCopyFile } = await import('./copies');
		return compileCopyFile(this.#deck().id, markdown);
	};

	/** Stores the copy the editor holds; the errors that kept it out, if any. */
	save = async (_itemId: string, block: string): Promise<DeckError[]> => {
		const db = this.#db();
		const item = this.#deck().items.find((i) => i.id === this.editing?.itemId);
		const { COPY_FILE, saveItemCopy } = await import('./copies');
		if (!db) return [{ file: COPY_FILE, line: 1, message: 'this browser is not keeping data for this site' }];
		if (!item)
			return [{ file: COPY_FILE, line: 1, message: 'this deck no longer has the item: reload the page' }];
		const errors = await saveItemCopy(db, this.#deck(), item, block);
		if (errors.length > 0) return errors;
		this.editing = null;
		await this.#changed();
		return [];
	};

	cancel(): void {
		this.editing = null;
	}

	/** Removes the person's copy of the item (after a yes): ours shows again, the card's history stays. */
	async revert(itemId: string): Promise<void> {
		const db = this.#db();
		this.confirming = null;
		if (!db) return;
		try {
			const { revertItemCopy } = await import('./copies');
			await revertItemCopy(db, `${this.#deck().id}/${itemId}`);
			await this.#changed();
		} catch (e) {
			this.problem = { itemId, message: `Your copy was not removed: ${reason(e)}` };
		}
	}
}
