import { untrack } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { base } from '$app/paths';
import { applyCardAction } from '$lib/db/card-events';
import { describeStorageError } from '$lib/db/errors';
import { LiveQuery } from '$lib/db/live.svelte';
import type { ItemCopy, OwnDeckFile, RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { DECK_SCHEMA_VERSION, type DeckIndex } from '$lib/decks/types';
import { CARD, type CardState } from '$lib/scheduling/card';
import { LEECH_LAPSES } from '$lib/scheduling/marks';
import { SearchClient } from '$lib/search/client';
import type { SearchDoc } from '$lib/search/documents';
import { matching, type FilterContext } from '$lib/search/filter';
import { parseQuery, type Query } from '$lib/search/query';
import { fetchShippedDocs } from '$lib/search/shipped';
import { DocSlots, scoreAt, slotsOf } from '$lib/search/slots';
import { actionDone, changeFor, type BrowserAction } from './actions';
import type { BrowseRow } from './rows';
import { allDocuments, browseRows, filterContext, isCardDoc, storedView, type Stored } from './collection';

/** Rows shown at first, and added by "Show more": a long list is read a screen at a time. */
export const PAGE_ROWS = 200;

/**
 * The card browser's state: every item's search document (the shipped decks' from the build, the
 * person's own decks and copies from storage), the text index in a worker, the stored card states and
 * marks (live: an action shows at once), and the query, read from the page's address. Create it while
 * a component initialises.
 */
export class CardBrowser {
	/** 'loading' until the documents are read and the index is built; 'error' says why not in `error`. */
	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	/** What the last action did, or why it did not. */
	notice = $state<string | null>(null);
	selected = new SvelteSet<string>();
	active = $state(0);
	shown = $state(PAGE_ROWS);

	#db: () => RehearseDB | null = () => null;
	#index: () => DeckIndex = () => ({ schema: DECK_SCHEMA_VERSION, topics: [], decks: [] });
	#text: () => string = () => '';
	#shipped = $state.raw<SearchDoc[]>([]);
	#client: SearchClient | null = null;
	#ready = $state(false);
	/** The last search's scores, by document number. */
	#hits = $state.raw<Float64Array | null>(null);
	/** The documents' numbers as the worker's index has them: the page numbers what it sends, in order. */
	#slots = new DocSlots();
	/** Changes whenever documents are numbered. */
	#numbered = $state(0);
	#searchRun = 0;
	#stored: LiveQuery<Stored, readonly [RehearseDB]>;
	#own: LiveQuery<{ files: OwnDeckFile[]; copies: ItemCopy[] }, readonly [RehearseDB]>;
	#now: () => number = () => 0;

	constructor(options: {
		db: () => RehearseDB | null;
		index: () => DeckIndex;
		/** The query as the address has it. */
		query: () => string;
		now: () => number;
		fetcher?: typeof fetch;
	}) {
		this.#db = options.db;
		this.#index = options.index;
		this.#text = options.query;
		this.#now = options.now;
		const dbDeps = () => {
			const db = this.#db();
			return db ? ([db] as const) : null;
		};
		this.#stored = new LiveQuery(async ([db]) => {
			const [cards, marks, settings] = await Promise.all([
				db.cards.toArray(),
				db.cardMarks.toArray(),
				readSettings(db)
			]);
			return storedView(cards, marks, settings);
		}, dbDeps);
		this.#own = new LiveQuery(
			async ([db]) => ({ files: await db.ownDeckFiles.toArray(), copies: await db.itemCopies.toArray() }),
			dbDeps
		);
		const fetcher = options.fetcher ?? fetch;
		$effect(() => {
			const client = new SearchClient();
			this.#client = client;
			let live = true;
			fetchShippedDocs(base, fetcher)
				.then(async (docs) => {
					if (!live) return;
					this.#shipped = docs;
					const slots = new DocSlots();
					for (const doc of docs) slots.add(doc.id);
					this.#slots = slots;
					this.#numbered = untrack(() => this.#numbered) + 1;
					await client.index(docs);
					if (live) this.#ready = true;
				})
				.catch((e: unknown) => {
					if (!live) return;
					this.status = 'error';
					this.error = `${e instanceof Error ? e.message : String(e)} Check your connection and reload.`;
				});
			return () => {
				live = false;
				client.close();
				this.#client = null;
			};
		});
		// The person's own decks and copies go into the index as they change.
		$effect(() => {
			const shipped = this.#shipped.length;
			const own = this.docs
				.slice(shipped)
				.concat(this.docs.slice(0, shipped).filter((d, i) => d !== this.#shipped[i]));
			if (!this.#ready || !this.#client || own.length === 0) return;
			for (const doc of own) this.#slots.add(doc.id);
			this.#client.put(own);
			this.#numbered = untrack(() => this.#numbered) + 1;
		});
		// The text search runs in the worker; the last answer to come back for the query now wins. It runs
		// again when documents are put: they have new numbers, which the last answer does not score.
		$effect(() => {
			const { words, phrases } = this.query;
			void this.#numbered;
			if (!this.#ready || !this.#client) return;
			if (words.length === 0 && phrases.length === 0) {
				this.#hits = null;
				return;
			}
			const run = ++this.#searchRun;
			void this.#client.search(words, phrases).then(
				(hits) => {
					if (run === this.#searchRun) this.#hits = hits;
				},
				() => undefined
			);
		});
		$effect(() => {
			if (this.#ready && this.#stored.current && this.status === 'loading') this.status = 'ready';
		});
	}

	/** The query the address holds, read. */
	query = $derived<Query>(parseQuery(this.#text()));

	/** Every document: the shipped ones (the person's copies in their place), then the own decks'. */
	docs = $derived.by(() => allDocuments(this.#shipped, this.#own.current));

	/** Each document's number, by its position in `docs`. */
	#slotAt = $derived.by(() => {
		void this.#numbered;
		return slotsOf(this.docs, this.#slots);
	});

	#context = $derived.by((): FilterContext | null => {
		const stored = this.#stored.current;
		return stored ? filterContext(this.#index(), stored, this.#now()) : null;
	});

	/** The documents the query finds, in its order; empty until ready. */
	found = $derived.by(() => {
		const ctx = this.#context;
		if (!ctx || !this.#ready) return [];
		const text = this.query.words.length > 0 || this.query.phrases.length > 0;
		// Until the first answer of the text search for a new query comes, nothing rather than everything.
		if (text && this.#hits === null) return [];
		return matching(this.docs, text ? scoreAt(this.#slotAt, this.#hits!) : null, this.query, ctx);
	});

	/** The rows on screen: the first `shown` of what was found. */
	rows = $derived.by((): BrowseRow[] =>
		browseRows(this.found.slice(0, this.shown), this.#index(), this.#context)
	);

	/** The recall probability of a stored state now (for the card's page). */
	recall(state: CardState | undefined): number | null {
		if (!state || state.state === CARD.New) return null;
		return this.#context?.recall(state) ?? null;
	}

	get leechLapses(): number {
		return this.#stored.current?.leechLapses ?? LEECH_LAPSES;
	}

	/** Selects every card found (questions cannot be acted on), or clears the selection. */
	selectAll(on: boolean): void {
		this.selected.clear();
		if (on) for (const d of this.found) if (isCardDoc(d)) this.selected.add(d.id);
	}

	toggle(id: string): void {
		const doc = this.found.find((d) => d.id === id);
		if (!doc || !isCardDoc(doc)) return;
		if (this.selected.has(id)) this.selected.delete(id);
		else this.selected.add(id);
	}

	/**
	 * Does an action on these cards in one transaction (a new due date only to cards studied: a new card
	 * has none to move), then says what was done.
	 */
	async act(ids: readonly string[], action: BrowserAction): Promise<void> {
		const db = this.#db();
		const stored = this.#stored.current;
		if (!db || !stored) return;
		const targets =
			action.kind === 'reschedule' || action.kind === 'forget'
				? ids.filter((id) => stored.states.has(id))
				: ids;
		const change = changeFor(action, this.#now(), stored.dayStartHour);
		if (!change) {
			this.notice = 'That is not a date.';
			return;
		}
		if (targets.length === 0) {
			this.notice = 'None of these cards has been studied yet: a new card has no due date to move.';
			return;
		}
		try {
			await applyCardAction(db, targets, change, this.#now());
			const skipped = ids.length - targets.length;
			this.notice =
				actionDone(action, targets.length) +
				(skipped > 0 ? ` ${skipped.toLocaleString('en')} new cards were left as they are.` : '');
		} catch (e) {
			this.notice = `${describeStorageError(e)} Nothing was changed.`;
		}
	}
}
