import type { Page } from '@playwright/test';
import { answerByKeyboard, deckWithCards, expect, NOON, storedPacks, storedRows, test } from './helpers';

const DAY = 86_400_000;

/** How many records one store holds, read straight from IndexedDB. */
function records(page: Page, store: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('rehearse');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const count = db.transaction(name, 'readonly').objectStore(name).count();
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
					count.onerror = () => reject(count.error);
				};
			}),
		store
	);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

test('answers older than two days fold into packs in the background, never on the review, and no row changes', async ({
	page,
	context
}) => {
	test.slow();
	const deck = await deckWithCards(page, 4);
	await page.goto(`/review?deck=${deck}`);
	await answerByKeyboard(page, ['3', '4', '3']);
	const rows = (await storedRows<{ id: string }>(page, 'log')).sort(byId);
	expect(rows).toHaveLength(3);

	// Three days on, the review is open well past the moment compaction would start: it waits.
	await context.clock.setFixedTime(NOON.getTime() + 3 * DAY);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await page.waitForTimeout(13_000);
	expect(await records(page, 'log')).toBe(3);
	expect(await storedPacks(page)).toHaveLength(0);

	// On the home screen, it runs once the page is idle: each card's rows become one pack.
	await page.goto('/');
	const due = page.getByTestId('due-today');
	await expect(due).toHaveText(/^[0-9]+$/);
	const shown = await due.textContent();
	await expect.poll(async () => (await storedPacks(page)).length, { timeout: 30_000 }).toBe(3);
	expect(await records(page, 'log')).toBe(0);
	expect((await storedRows<{ id: string }>(page, 'log')).sort(byId)).toEqual(rows);

	// What the home screen shows is made from the same states: the same number after a reload.
	await page.reload();
	await expect(due).toHaveText(shown!);
});
