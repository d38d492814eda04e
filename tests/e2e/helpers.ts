import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every browser test runs at a fixed local noon (Playwright's clock), so "due today" and the 04:00
 * rollover do not depend on when CI happens to run.
 */
export const NOON = new Date('2026-03-10T12:00:00');

export const test = base.extend({
	context: async ({ context }, use) => {
		await context.clock.setFixedTime(NOON);
		await use(context);
	}
});

export { expect };
import type { DeckIndex } from '../../src/lib/decks/types';

/** The deck index as the app serves it. */
export async function deckIndex(page: Page): Promise<DeckIndex> {
	const response = await page.request.get('/api/decks.json');
	expect(response.ok()).toBe(true);
	return (await response.json()) as DeckIndex;
}

/** A deck with at least `min` flashcards (the content changes; the tests should not care which). */
export async function deckWithCards(page: Page, min: number): Promise<string> {
	const deck = (await deckIndex(page)).decks.find((d) => d.counts.flashcards >= min);
	if (!deck) throw new Error(`no deck with ${min} flashcards`);
	return deck.id;
}

/** Rows of one store, read straight from IndexedDB (what really persisted, not what the UI shows). */
export async function storedRows<T = unknown>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('rehearse');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction(name, 'readonly').objectStore(name).getAll();
					request.onsuccess = () => {
						db.close();
						resolve(request.result as T[]);
					};
					request.onerror = () => reject(request.error);
				};
			}),
		store
	);
}

export async function counts(page: Page): Promise<{ new: number; learning: number; review: number }> {
	const read = async (id: string) => Number(await page.getByTestId(id).innerText());
	return {
		new: await read('count-new'),
		learning: await read('count-learning'),
		review: await read('count-review')
	};
}

/** The prompt of the card on screen. */
export function prompt(page: Page) {
	return page.locator('#prompt');
}
