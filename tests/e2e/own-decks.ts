import type { Locator, Page } from '@playwright/test';
import { expect } from './helpers';

/** Creates a deck from the decks page, as a person would. */
export async function newDeck(page: Page, title: string, description: string): Promise<void> {
	await page.goto('/decks');
	await page.getByRole('link', { name: 'New deck' }).click();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Topic').selectOption({ label: 'Databases' });
	await page.getByLabel('Description (one line: what the deck is for)').fill(description);
	await page.getByRole('button', { name: 'Create deck' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

// Saving a card compiles the whole deck with the editor's renderer before the form closes: quick, but the
// tests allow a loaded CI machine 30 s, and a form that stays open fails with what it says. (Two CI runs
// once failed here with nothing said: the preview had pushed the Save button from under the click.)
export async function addFlashcard(page: Page, front: string, back: string): Promise<void> {
	await page.getByRole('button', { name: 'Add a card' }).click();
	const editor = page.getByRole('form', { name: 'New card' });
	await editor.getByLabel('Prompt (one line)').fill(front);
	await editor.getByLabel('Answer (Markdown; ``` for code)').fill(back);
	await editor.getByRole('button', { name: 'Save card' }).click();
	await expectClosed(editor);
}

export async function expectClosed(editor: Locator): Promise<void> {
	await expect(async () => {
		const says = (await editor.getByRole('alert').allTextContents()).join(' ').trim();
		expect(await editor.isVisible(), `the card form is still open; it says: "${says}"`).toBe(false);
	}).toPass({ timeout: 30_000 });
}
