import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connection } from '$lib/db/connection.svelte';
import { mergeLog } from '$lib/db/merge';
import type { RehearseDB } from '$lib/db/schema';
import { logEntryId } from '$lib/id';
import { dayOf } from '$lib/scheduling/day';
import type { LogEntry } from '$lib/scheduling/log';
import { makeDeck, makeFlashcard, serveDecks } from '$lib/testing/decks';
import { RemovedCards } from './removed-cards.svelte';

const T0 = Date.parse('2026-01-05T09:00:00Z');
let counter = 0;
let stop: () => void = () => {};

function entry(cardId: string): LogEntry {
	const reviewedAt = T0 + ++counter * 60_000;
	const id = logEntryId(reviewedAt, counter);
	return {
		id,
		cardId,
		rating: 3,
		reviewedAt,
		durationMs: 4000,
		source: 'review',
		day: dayOf(reviewedAt, 4),
		retention: 0.9
	};
}

afterEach(async () => {
	stop();
	vi.unstubAllGlobals();
	const db = (await connection.open())!;
	await Promise.all(db.tables.map((t) => t.clear()));
});

/** The decks page's state, once the database is open. */
async function decksPage(db: RehearseDB): Promise<RemovedCards> {
	let removed!: RemovedCards;
	stop = $effect.root(() => {
		removed = new RemovedCards(() => db);
	});
	flushSync();
	return removed;
}

const decks = [
	makeDeck('git', [makeFlashcard('a'), makeFlashcard('b')], 'git'),
	makeDeck('sql', [makeFlashcard('x')])
];

describe('RemovedCards', () => {
	it('finds the cards with history that their deck no longer has, or whose deck is gone, and purges them', async () => {
		const db = (await connection.open())!;
		serveDecks(decks);
		await mergeLog(db, [
			entry('git/a'),
			entry('git/dropped'),
			entry('git/dropped'),
			entry('gone-deck/q'),
			entry('sql/x')
		]);
		const removed = await decksPage(db);
		await vi.waitFor(() => expect(removed.found).not.toBeNull());
		expect(removed.found).toEqual({ cards: ['git/dropped', 'gone-deck/q'], answers: 3 });
		expect(removed.summary).toBe('Review history of 2 removed cards (3 answers)');

		await removed.purge();
		expect(removed.confirming).toBe(true);
		expect(await db.log.count()).toBe(5);
		await removed.purge();
		expect(removed.status).toBe('Purged 3 answers of 2 removed cards.');
		expect(removed.summary).toBeNull();
		expect((await db.log.toArray()).map((e) => e.cardId)).toEqual(['git/a', 'sql/x']);
	});

	it('offers nothing when a deck cannot be read (offline): those cards may still exist', async () => {
		const db = (await connection.open())!;
		const server = serveDecks(decks);
		server.fail('sql', 503);
		await mergeLog(db, [entry('git/dropped'), entry('sql/x')]);
		const removed = await decksPage(db);
		await removed.look(db);
		expect(server.requests).toContain('/api/decks/sql.json');
		expect(removed.found).toBeNull();
		expect(removed.summary).toBeNull();
	});
});
