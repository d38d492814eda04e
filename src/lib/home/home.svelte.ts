import { browser } from '$app/environment';
import { now as clock } from '$lib/clock';
import type { DeckIndex } from '$lib/decks/types';
import { LiveQuery } from '$lib/db/live.svelte';
import { readOverview } from '$lib/db/overview';
import type { RehearseDB } from '$lib/db/schema';
import { refreshSnapshot } from '$lib/first-paint/build';
import { countsFromSnapshot } from '$lib/first-paint/counts';
import { timeZone } from '$lib/first-paint/format';
import { readSnapshot } from '$lib/first-paint/store';
import { dayEndsAt } from '$lib/scheduling/day';
import { countsFromOverview, flashcardCounts, topicsOf, type Overview } from '$lib/stats/home';
import { headlineText } from './headline';

/**
 * The home screen's figures: from the stored snapshot (the same counts the boot script painted) until
 * the live read of IndexedDB arrives, then live, re-read on every write and at each review day's start
 * while the page stays open. Each live read brings the stored snapshot up to date for the next visit.
 * Create it during component initialisation.
 */
export class HomeState {
	#db: () => RehearseDB | null;
	#index: () => DeckIndex;
	#now: () => number;
	#overview: LiveQuery<Overview>;
	/** Bumped at each day start, so the live read runs again with the new day. */
	#day = $state(0);

	/** What the last visit left, or null (the prerendered page has none). */
	#saved = $derived.by(() =>
		browser
			? countsFromSnapshot(readSnapshot(), this.#now(), timeZone(), flashcardCounts(this.#index()))
			: null
	);
	readonly counts = $derived.by(() => {
		const live = this.#overview.current;
		return live ? countsFromOverview(this.#index(), live) : this.#saved;
	});
	readonly text = $derived.by(() => (this.counts ? headlineText(this.counts) : null));
	readonly topics = $derived.by(() => (this.counts ? topicsOf(this.#index(), this.counts) : null));
	readonly source = $derived.by(() => (this.#overview.current ? 'live' : this.counts ? 'saved' : 'none'));

	/** `db` gives null until the database is open. */
	constructor(db: () => RehearseDB | null, index: () => DeckIndex, now: () => number = clock) {
		this.#db = db;
		this.#index = index;
		this.#now = now;
		this.#overview = new LiveQuery(
			() => readOverview(this.#db()!, this.#now()),
			() => this.#db() !== null && this.#day >= 0
		);
		$effect(() => {
			const live = this.#overview.current;
			const open = this.#db();
			if (!live || !open) return;
			refreshSnapshot(open, live, this.#now()).catch(() => undefined);
			const t = this.#now();
			const timer = setTimeout(() => this.#day++, dayEndsAt(t, live.settings.dayStartHour) - t);
			return () => clearTimeout(timer);
		});
	}

	get error(): unknown {
		return this.#overview.error;
	}
}
