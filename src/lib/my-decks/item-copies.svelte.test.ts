import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { putItemCopy } from '$lib/db/item-copies';
import { RehearseDB } from '$lib/db/schema';
import { makeDeck, makeFlashcard, makeQuiz } from '$lib/testing/decks';
import { DeckCopies } from './item-copies.svelte';

const deck = makeDeck('git-basics', [makeFlashcard('head'), makeQuiz('which')], 'git');
let db: RehearseDB;
let n = 0;
let stop: () => void = () => {};

beforeEach(() => {
	db = new RehearseDB(`deck-copies-${++n}`);
});

afterEach(async () => {
	stop();
	vi.unstubAllGlobals();
	await db.delete();
});

function pageState(changed = vi.fn(async () => {})) {
	let open = $state<RehearseDB | null>(null);
	let copies!: DeckCopies;
	stop = $effect.root(() => {
		copies = new DeckCopies(
			() => open,
			() => deck,
			changed
		);
	});
	flushSync();
	return { copies, changed, open: () => ((open = db), flushSync()) };
}

describe('DeckCopies', () => {
	it('has no copies until read (so the page hydrates ours), then those that fit the deck', async () => {
		await putItemCopy(db, {
			id: 'git-basics/head',
			deckId: 'git-basics',
			markdown: '## Mine {#head}\n\nMine.',
			item: makeFlashcard('head', { promptText: 'Mine' }),
			updatedAt: 1
		});
		// A flashcard where the deck has a quiz question: left aside.
		await putItemCopy(db, {
			id: 'git-basics/which',
			deckId: 'git-basics',
			markdown: '## Which {#which}\n\nA card.',
			item: makeFlashcard('which'),
			updatedAt: 1
		});
		const { copies, open } = pageState();
		expect(copies.copies).toBeNull();
		open();
		await vi.waitFor(() => expect([...(copies.copies?.keys() ?? [])]).toEqual(['head']));
	});

	it('edits from our deck file, saves the copy, and reverts it, telling the page each time', async () => {
		vi.stubGlobal('fetch', async (url: string) =>
			url === '/api/decks/git-basics.md'
				? new Response('---\nid: git-basics\n---\n\n## What is HEAD? {#head}\n\nOurs.\n')
				: new Response('', { status: 404 })
		);
		const { copies, changed, open } = pageState();
		open();
		await copies.edit(deck.items[0]!);
		expect(copies.editing).toEqual({ itemId: 'head', source: '## What is HEAD? {#head}\n\nOurs.' });

		expect(await copies.save('head', '## What is HEAD, really? {#head}\n\nMine.')).toEqual([]);
		expect(copies.editing).toBeNull();
		expect(changed).toHaveBeenCalledTimes(1);
		await vi.waitFor(() => expect(copies.copies?.get('head')?.item.promptText).toBe('What is HEAD, really?'));

		// Opened again, the editor holds the person's copy.
		await copies.edit(deck.items[0]!);
		expect(copies.editing?.source).toBe('## What is HEAD, really? {#head}\n\nMine.');
		copies.cancel();

		await copies.revert('head');
		expect(changed).toHaveBeenCalledTimes(2);
		expect(await db.itemCopies.count()).toBe(0);
		await vi.waitFor(() => expect(copies.copies?.size).toBe(0));
	});

	it('says why the editor cannot open when our deck file does not load', async () => {
		vi.stubGlobal('fetch', async () => new Response('', { status: 503 }));
		const { copies, open } = pageState();
		open();
		await copies.edit(deck.items[1]!);
		expect(copies.editing).toBeNull();
		expect(copies.problem).toEqual({
			itemId: 'which',
			message:
				'The editor could not open: our deck file could not be loaded (HTTP 503); check your connection.'
		});
	});
});
