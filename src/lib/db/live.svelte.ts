import { liveQuery } from 'dexie';

/**
 * A Dexie live query as runes: `current` updates whenever the data it read changes (in this tab or
 * another). Create it during component initialisation (or in a state class built there); it
 * unsubscribes when the component goes.
 *
 * `deps` names what the query depends on. It is read synchronously in an effect, so a change to any
 * reactive value it reads (a prop, a `$state`) starts the query again with the new values; a value the
 * query reads by itself is not seen, because Dexie runs the query later, outside the effect. While
 * `deps` returns `false`, `null` or `undefined` the query waits (e.g. until the database is open).
 * Without `deps` the query runs once and then again only when its data changes.
 *
 * @example
 * const states = new LiveQuery(([db, id]) => loadCardStates(db, [id]), () => db && ([db, deckId] as const));
 */
export class LiveQuery<T, D = true> {
	current = $state.raw<T | undefined>(undefined);
	isLoading = $state(true);
	error = $state.raw<unknown>(undefined);

	constructor(query: (deps: D) => Promise<T>, deps: () => D | false | null | undefined = () => true as D) {
		$effect(() => {
			const values = deps();
			if (values === false || values === null || values === undefined) return;
			// What was read for other values is not the answer for these.
			this.current = undefined;
			this.isLoading = true;
			const subscription = liveQuery(() => query(values)).subscribe({
				next: (value) => {
					this.current = value;
					this.isLoading = false;
					this.error = undefined;
				},
				error: (error: unknown) => {
					this.error = error;
					this.isLoading = false;
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
