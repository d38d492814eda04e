import { liveQuery } from 'dexie';

/**
 * A Dexie live query as runes: `current` updates whenever the data it read changes (in this tab or
 * another). Create it during component initialisation; it unsubscribes when the component goes.
 *
 * `ready` (tracked) holds the query back until it returns true, e.g. until the database is open.
 *
 * @example const due = new LiveQuery(() => countDue(db, now()));  // then use due.current
 */
export class LiveQuery<T> {
	current = $state.raw<T | undefined>(undefined);
	isLoading = $state(true);
	error = $state.raw<unknown>(undefined);

	constructor(query: () => Promise<T>, ready: () => boolean = () => true) {
		$effect(() => {
			if (!ready()) return;
			const subscription = liveQuery(query).subscribe({
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
