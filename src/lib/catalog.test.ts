import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection } from '$lib/db/connection.svelte';
import { putItemCopy } from '$lib/db/item-copies';
import type { RehearseDB } from '$lib/db/schema';
import { makeDeck, makeFlashcard, makeQuiz, serveDecks } from '$lib/testing/decks';
import { deckCardIds, forgetCopies, loadCard, loadDeck, loadIndex } from './catalog';

// The catalog reads the person's data only in the browser; here it believes it is in one.
vi.mock('$app/environment', () => ({ browser: true, building: false, dev: false, version: 'test' }));

const decks = [
	makeDeck(
		'git-basics',
		[makeFlashcard('head', { line: 12 }), makeFlashcard('tag'), makeQuiz('which')],
		'git'
	)
];
let db: RehearseDB;

beforeEach(async () => {
	db = (await connection.open())!;
	serveDecks(decks);
});

afterEach(async () => {
	vi.unstubAllGlobals();
	await db.itemCopies.clear();
});

const mine = makeFlashcard('head', { promptHtml: 'My own prompt', promptText: 'My own prompt', line: 8 });

describe("the catalog and the person's copies of our items", () => {
	it('loads a shipped deck with the copies in place, for every screen, and the index unchanged', async () => {
		const before = await loadIndex();
		await putItemCopy(db, {
			id: 'git-basics/head',
			deckId: 'git-basics',
			markdown: '',
			item: mine,
			updatedAt: 1
		});
		forgetCopies('git-basics');

		const { deck, items } = await loadDeck('git-basics');
		expect(deck.items.map((i) => i.promptText)).toEqual(['My own prompt', 'Prompt tag', 'Question which']);
		expect(items.get('head')).toEqual({ ...mine, line: 12 });
		expect(await loadCard('git-basics/head')).toMatchObject({ promptText: 'My own prompt' });
		// Same ids and kinds: the card ids and the index's counts do not change.
		expect(await deckCardIds('git-basics')).toEqual(['git-basics/head', 'git-basics/tag']);
		expect(await loadIndex()).toEqual(before);
	});

	it('shows ours again once the copy is gone, and ignores a copy that no longer fits', async () => {
		await putItemCopy(db, {
			id: 'git-basics/head',
			deckId: 'git-basics',
			markdown: '',
			item: mine,
			updatedAt: 1
		});
		forgetCopies('git-basics');
		expect((await loadCard('git-basics/head'))?.promptText).toBe('My own prompt');

		await db.itemCopies.delete('git-basics/head');
		// A copy of an item a newer build removed, and one of another kind than ours.
		const gone = makeFlashcard('removed');
		const otherKind = makeFlashcard('which');
		await putItemCopy(db, {
			id: 'git-basics/removed',
			deckId: 'git-basics',
			markdown: '',
			item: gone,
			updatedAt: 1
		});
		await putItemCopy(db, {
			id: 'git-basics/which',
			deckId: 'git-basics',
			markdown: '',
			item: otherKind,
			updatedAt: 1
		});
		forgetCopies();
		const { deck } = await loadDeck('git-basics');
		expect(deck).toEqual(decks[0]);
	});
});
