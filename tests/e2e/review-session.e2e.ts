import type { Page } from '@playwright/test';
import type { Deck } from '../../src/lib/decks/types';
import { deckIndex, expect, NOON, prompt, saveSetting, storedRows, test } from './helpers';

const DAY = 86_400_000;

/** The first flashcard of each of the first two decks that have one, as `deck-id/item-id` with its prompt. */
async function cardsInTwoDecks(page: Page): Promise<{ id: string; deckId: string; prompt: string }[]> {
	const decks = (await deckIndex(page)).decks.filter((d) => d.counts.flashcards > 0).slice(0, 2);
	return Promise.all(
		decks.map(async ({ id }) => {
			const deck = (await (await page.request.get(`/api/decks/${id}.json`)).json()) as Deck;
			const card = deck.items.find((i) => i.kind === 'flashcard')!;
			return { id: `${id}/${card.id}`, deckId: id, prompt: card.promptText };
		})
	);
}

/** Stores review cards due today (the first the more overdue), as if studied weeks ago. */
async function storeDueReviews(page: Page, ids: string[]): Promise<void> {
	const now = NOON.getTime();
	const states = ids.map((id, i) => ({
		id,
		deckId: id.split('/')[0],
		due: now - (ids.length - i) * DAY,
		stability: 12,
		difficulty: 5,
		elapsed_days: 0,
		scheduled_days: 12,
		learning_steps: 0,
		reps: 3,
		lapses: 0,
		state: 2,
		last_review: now - 14 * DAY,
		rev: 3
	}));
	await page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('rehearse');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('cards', 'readwrite');
					for (const row of rows) tx.objectStore('cards').put(row);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		states
	);
}

// B1 / exploratory 18: the answer saved, then the next card's deck failed to load.
test('an answer saved before the next card fails to load says so, and Retry shows the next card', async ({
	page
}) => {
	const [first, second] = await cardsInTwoDecks(page);
	// No new cards today: the review loads no deck but the ones of the cards it shows.
	await saveSetting(page, 'New cards per day', 0);
	await storeDueReviews(page, [first!.id, second!.id]);

	const failing = `**/api/decks/${second!.deckId}.json`;
	await page.route(failing, (route) => route.fulfill({ status: 503, body: '' }));
	await page.goto('/review');
	await expect(prompt(page)).toHaveText(first!.prompt);
	await page.keyboard.press('Space');
	await page.keyboard.press('3');

	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Your answer was saved. The next card could not be loaded');
	await expect(alert).not.toContainText('Saving failed');
	await expect(page.getByRole('button', { name: 'Retry' })).toBeFocused();
	expect(await storedRows(page, 'log')).toHaveLength(1);

	// Still offline: pressing an answer key tries the load again; it neither answers twice nor blames another tab.
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.keyboard.press('3');
	await expect
		.poll(() => requests.filter((url) => url.endsWith(`/api/decks/${second!.deckId}.json`)))
		.toHaveLength(1);
	await expect(alert).toContainText('Your answer was saved.');
	await expect(page.getByText(/another tab/)).toHaveCount(0);
	expect(await storedRows(page, 'log')).toHaveLength(1);

	await page.unroute(failing);
	await page.getByRole('button', { name: 'Retry' }).click();
	await expect(prompt(page)).toHaveText(second!.prompt);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await expect(page.getByRole('alert')).toHaveCount(0);
	const log = await storedRows<{ cardId: string; source: string }>(page, 'log');
	expect(log).toEqual([expect.objectContaining({ cardId: first!.id, source: 'review' })]);
});
