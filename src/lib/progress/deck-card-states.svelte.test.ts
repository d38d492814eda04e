import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import { newCardState } from '$lib/scheduling/card';
import { DeckCardStates } from './deck-card-states.svelte';

const T0 = Date.parse('2026-03-10T12:00:00Z');
let db: RehearseDB;
let n = 0;
let stop: () => void = () => {};

beforeEach(async () => {
	db = new RehearseDB(`deck-card-states-test-${++n}`);
	await db.cards.bulkPut([newCardState('a/one', T0), newCardState('b/two', T0)]);
});

afterEach(async () => {
	stop();
	await db.delete();
});

describe('DeckCardStates', () => {
	it('reads the new deck when the page shows another one (B6)', async () => {
		let deckId = $state('a');
		let open = $state<RehearseDB | null>(null);
		let states!: DeckCardStates;
		stop = $effect.root(() => {
			states = new DeckCardStates(
				() => open,
				() => deckId
			);
		});
		flushSync();
		expect(states.states).toBeNull();

		open = db;
		flushSync();
		await vi.waitFor(() => expect([...(states.states?.keys() ?? [])]).toEqual(['a/one']));

		deckId = 'b';
		flushSync();
		await vi.waitFor(() => expect([...(states.states?.keys() ?? [])]).toEqual(['b/two']));
	});
});
