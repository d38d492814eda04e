import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import { CARD, newCardState } from '$lib/scheduling/card';
import { makeDeck, makeFlashcard, makeIndex } from '$lib/testing/decks';
import { TopicSummary } from './topic-summary.svelte';

// The review day starts at 04:00 (the default); tests run in UTC.
const DAY_START = Date.parse('2026-03-11T04:00:00Z');
const index = makeIndex([makeDeck('a', [makeFlashcard('one'), makeFlashcard('two')])]);
let db: RehearseDB;
let n = 0;
let stop: () => void = () => {};

beforeEach(async () => {
	db = new RehearseDB(`topic-summary-test-${++n}`);
	// A review card due half an hour into the next review day.
	await db.cards.put({
		...newCardState('a/one', DAY_START - 86_400_000),
		state: CARD.Review,
		due: DAY_START + 1_800_000,
		rev: 1
	});
	await db.deckTotals.put({ deckId: 'a', known: 1 });
});

afterEach(async () => {
	stop();
	await db.delete();
});

describe('TopicSummary', () => {
	it('reads the figures again when a new review day starts while the page stays open', async () => {
		let t = DAY_START - 100;
		let summary!: TopicSummary;
		stop = $effect.root(() => {
			summary = new TopicSummary({
				db: () => db,
				index: () => index,
				topic: () => 'databases',
				now: () => t
			});
		});
		flushSync();
		await vi.waitFor(() => expect(summary.cards).toEqual({ due: 0, unseen: 1 }));

		// The day ends 100 ms later; nothing is written, yet the card is due in the new day.
		t = DAY_START + 1;
		await vi.waitFor(() => expect(summary.cards).toEqual({ due: 1, unseen: 1 }));
	});
});
