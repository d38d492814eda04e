import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveQuery } from './live.svelte';
import { RehearseDB } from './schema';

let db: RehearseDB;
let n = 0;

beforeEach(async () => {
	db = new RehearseDB(`live-test-${++n}`);
	await db.settings.put({
		id: 'settings',
		retention: 0.9,
		newPerDay: 20,
		reviewsPerDay: 200,
		dayStartHour: 4,
		disabledDecks: ['a'],
		theme: 'system'
	});
});

afterEach(async () => {
	await db.delete();
});

/** Builds a live query inside an effect root, as a component would; returns it and the cleanup. */
function live<T, D>(query: (deps: D) => Promise<T>, deps?: () => D | false | null | undefined) {
	let made!: LiveQuery<T, D>;
	const stop = $effect.root(() => {
		made = new LiveQuery(query, deps);
	});
	flushSync();
	return { query: made, stop };
}

describe('LiveQuery', () => {
	it('runs the query again when a dependency changes (B6)', async () => {
		let deck = $state('a');
		const { query, stop } = live(
			async ([id]) => (await db.settings.get('settings'))!.disabledDecks.includes(id),
			() => [deck] as const
		);
		await vi.waitFor(() => expect(query.current).toBe(true));

		deck = 'b';
		flushSync();
		// The answer for 'a' is not the answer for 'b': it is dropped at once, then read again.
		expect(query.current).toBeUndefined();
		await vi.waitFor(() => expect(query.current).toBe(false));
		stop();
	});

	it('waits while its dependencies say so, then runs', async () => {
		let open = $state(false);
		const { query, stop } = live(
			async ([database]) => (await database.settings.get('settings'))!.newPerDay,
			() => open && ([db] as const)
		);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(query.isLoading).toBe(true);
		expect(query.current).toBeUndefined();

		open = true;
		flushSync();
		await vi.waitFor(() => expect(query.current).toBe(20));
		stop();
	});

	it('follows writes to what it read', async () => {
		const { query, stop } = live(async () => (await db.settings.get('settings'))!.newPerDay);
		await vi.waitFor(() => expect(query.current).toBe(20));
		await db.settings.update('settings', { newPerDay: 5 });
		await vi.waitFor(() => expect(query.current).toBe(5));
		stop();
	});
});
