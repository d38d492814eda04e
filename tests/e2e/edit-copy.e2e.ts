import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Deck, Flashcard } from '../../src/lib/decks/types';
import { answerByKeyboard, deckIndex, expect, prompt, saveSetting, storedRows, test } from './helpers';

interface LogRow {
	id: string;
	cardId: string;
}

/**
 * Serious or critical axe findings in these parts of the page as it is now, light and dark (the whole of a
 * long deck page takes axe a while; screens.e2e.ts checks it).
 */
async function axeSerious(page: Page, parts: string[]): Promise<string[]> {
	const found: string[] = [];
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		const axe = new AxeBuilder({ page });
		for (const part of parts) axe.include(part);
		const results = await axe.analyze();
		for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
			found.push(`${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}
	return found;
}

/** A shipped deck whose first card (the first a review of it introduces) is a plain flashcard. */
async function deckStartingWithFlashcard(page: Page): Promise<{ deck: string; card: Flashcard }> {
	for (const summary of (await deckIndex(page)).decks) {
		if (summary.counts.flashcards < 2) continue;
		const deck = (await (await page.request.get(`/api/decks/${summary.id}.json`)).json()) as Deck;
		const first = deck.items.find((i) => i.kind === 'flashcard' || i.kind === 'sql');
		if (first?.kind === 'flashcard' && !first.cloze) return { deck: deck.id, card: first };
	}
	throw new Error('no deck starts with a plain flashcard');
}

const MINE = 'In my own words: what is this card about?';

test('a person edits their copy of one of our cards: review shows it, its history stays, and revert brings ours back', async ({
	page
}) => {
	// One new card a day, so that review comes back to this card (shown early, within 20 minutes).
	await saveSetting(page, 'New cards per day', 1);
	const { deck, card } = await deckStartingWithFlashcard(page);
	const cardId = `${deck}/${card.id}`;
	await page.goto(`/review?deck=${deck}`);
	await expect(prompt(page)).toContainText(card.promptText);
	await answerByKeyboard(page, ['1']);
	await expect
		.poll(async () => (await storedRows<LogRow>(page, 'log')).map((r) => r.cardId))
		.toEqual([cardId]);
	const history = await storedRows<LogRow>(page, 'log');

	// "Edit my copy" opens the card editor on our card, from the deck file.
	await page.goto(`/decks/${deck}`);
	const item = page.locator(`li[id="${card.id}"]`);
	await item.getByRole('button', { name: `Edit my copy: ${card.promptText}` }).click();
	const editor = item.getByRole('form', { name: 'Edit card' });
	await expect(editor.getByLabel('Prompt (one line)')).not.toHaveValue('');
	await editor.getByLabel('Prompt (one line)').fill(MINE);
	await expect(editor.getByRole('region', { name: 'Preview' })).toContainText(MINE);
	await editor.getByRole('button', { name: 'Save card' }).click();
	await expect(editor).toBeHidden({ timeout: 15_000 });
	await expect(item.getByText('Your copy', { exact: true })).toBeVisible();
	await expect(item.getByRole('heading', { name: MINE })).toBeVisible();
	const copies = await storedRows<{ id: string; deckId: string; markdown: string }>(page, 'itemCopies');
	expect(copies).toEqual([expect.objectContaining({ id: cardId, deckId: deck })]);
	expect(copies[0]!.markdown).toContain(`## ${MINE} {#${card.id}}`);

	// The prerendered page (ours) shows the copy once it has loaded, after a reload too.
	await page.reload();
	await expect(item.getByRole('heading', { name: MINE })).toBeVisible();
	await expect(item.getByText('Your copy', { exact: true })).toBeVisible();
	await page.getByText(/^Quiz and interview questions/).click();
	await expect(page.getByRole('button', { name: /^Edit my copy: / }).last()).toBeVisible();
	await item.getByRole('button', { name: `Revert to ours: ${MINE}` }).click();
	expect(await axeSerious(page, [`li[id="${card.id}"]`, 'details'])).toEqual([]);
	await item.getByRole('button', { name: 'Keep my copy' }).click();

	// Review shows the copy, and the card's history is still its history.
	await page.goto(`/review?deck=${deck}`);
	await expect(prompt(page)).toContainText(MINE);
	expect(await storedRows<LogRow>(page, 'log')).toEqual(history);
	await answerByKeyboard(page, ['3']);
	await expect
		.poll(async () => (await storedRows<LogRow>(page, 'log')).map((r) => r.cardId))
		.toEqual([cardId, cardId]);

	// Revert asks first, then ours is back everywhere; the history stays.
	await page.goto(`/decks/${deck}`);
	await item.getByRole('button', { name: `Revert to ours: ${MINE}` }).click();
	await item
		.getByRole('group', { name: 'Confirm reverting to ours' })
		.getByRole('button', { name: 'Revert to ours', exact: true })
		.click();
	await expect(item.getByText('Your copy', { exact: true })).toHaveCount(0);
	await expect(item.getByRole('heading', { name: card.promptText })).toBeVisible();
	expect(await storedRows(page, 'itemCopies')).toEqual([]);
	await page.goto(`/review?deck=${deck}`);
	await expect(prompt(page)).toContainText(card.promptText);
	expect(await storedRows<LogRow>(page, 'log')).toHaveLength(2);
});

test("the review history of a deleted deck's cards can be purged, for good", async ({ page }) => {
	await page.goto('/decks');
	await page.getByRole('link', { name: 'New deck' }).click();
	await page.getByLabel('Title').fill('Short-lived');
	await page.getByLabel('Topic').selectOption({ label: 'Databases' });
	await page.getByLabel('Description (one line: what the deck is for)').fill('Gone soon.');
	await page.getByRole('button', { name: 'Create deck' }).click();
	await page.getByRole('button', { name: 'Add a card' }).click();
	const editor = page.getByRole('form', { name: 'New card' });
	await editor.getByLabel('Prompt (one line)').fill('What is a phantom read?');
	await editor.getByLabel('Answer (Markdown; ``` for code)').fill('A second read of a range finds new rows.');
	await editor.getByRole('button', { name: 'Save card' }).click();
	await expect(editor).toBeHidden({ timeout: 15_000 });
	await page.getByRole('link', { name: 'Review this deck' }).click();
	await answerByKeyboard(page, ['3']);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(1);
	const [entry] = await storedRows<LogRow>(page, 'log');

	// Deleting the deck keeps its history; the decks page offers to purge it.
	await page.goto('/decks/my-short-lived');
	await page.getByRole('button', { name: 'Delete deck…' }).click();
	await page.getByRole('button', { name: 'Delete deck', exact: true }).click();
	await expect(page).toHaveURL(/\/decks$/);
	const yours = page.getByRole('region', { name: 'Your decks' });
	await expect(yours.getByText('Review history of 1 removed card (1 answer)')).toBeVisible();
	await yours.getByRole('button', { name: 'Purge…' }).click();
	expect(await axeSerious(page, ['main'])).toEqual([]);
	await yours
		.getByRole('group', { name: 'Confirm purging the history of removed cards' })
		.getByRole('button', { name: 'Purge', exact: true })
		.click();
	await expect(yours.getByRole('status')).toHaveText('Purged 1 answer of 1 removed card.');
	expect(await storedRows(page, 'log')).toEqual([]);
	expect(await storedRows(page, 'cards')).toEqual([]);
	// Removed as an undo removes: kept by id, so no backup merge or sync brings it back.
	expect(await storedRows(page, 'removed')).toEqual([{ id: entry!.id }]);
	await page.reload();
	await expect(yours.getByRole('link', { name: 'New deck' })).toBeVisible();
	await expect(yours.getByText(/Review history of/)).toHaveCount(0);
});
