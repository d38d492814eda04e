import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDeckIfPresent, loadCard, loadIndex } from '$lib/catalog';
import { makeDeck, makeFlashcard, serveDecks } from './decks';

afterEach(() => vi.unstubAllGlobals());

describe('serveDecks', () => {
	it('serves the index and the decks, and tells a removed deck from a failing one', async () => {
		const server = serveDecks([makeDeck('a', [makeFlashcard('c1')])]);
		expect((await loadIndex()).decks.map((d) => d.counts.flashcards)).toEqual([1]);
		expect((await loadCard('a/c1'))?.promptText).toBe('Prompt c1');
		expect(await loadDeckIfPresent('gone')).toBeNull();
		expect(await loadCard('gone/c1')).toBeNull();
		// A deck already loaded stays loaded; a new page load that cannot fetch it fails loudly.
		server.fail('a', 503);
		expect(await loadDeckIfPresent('a')).not.toBeNull();
		serveDecks([makeDeck('a', [makeFlashcard('c1')])]).fail('a', 503);
		await expect(loadDeckIfPresent('a')).rejects.toThrow('HTTP 503');
	});
});
