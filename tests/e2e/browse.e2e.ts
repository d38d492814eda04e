import type { Page } from '@playwright/test';
import type { Deck, Flashcard } from '../../src/lib/decks/types';
import {
	answerByKeyboard,
	browseReady,
	deckWithCards,
	expect,
	NOON,
	openBrowse,
	saveSetting,
	storedRows,
	test
} from './helpers';
import { addFlashcard, newDeck } from './own-decks';

// The card browser (/browse), as a person uses it: find a card by a misspelled word, open it, read its
// history, act on it, and see the effect on today's review and the home counts.

async function flashcard(page: Page, deck: string, cardId: string): Promise<Flashcard> {
	const d = (await (await page.request.get(`/api/decks/${deck}.json`)).json()) as Deck;
	const item = d.items.find((i) => `${deck}/${i.id}` === cardId);
	if (item?.kind !== 'flashcard') throw new Error(`${cardId} is not a flashcard`);
	return item;
}

/** The results' rows (the filters' drop-downs have options too). */
const results = (page: Page) => page.getByRole('listbox', { name: 'Cards found' }).getByRole('option');

/** A misspelling of the prompt's longest word (a letter dropped), and another of its words as written. */
function misspelled(prompt: string): string {
	const words = prompt
		.split(/[^A-Za-z]+/)
		.filter((w) => w.length >= 4)
		.sort((a, b) => b.length - a.length);
	const long = words[0]!;
	const typo = long.slice(0, 2) + long.slice(3);
	return [typo, ...words.slice(1, 2)].join(' ').toLowerCase();
}

test('find a card by a misspelled word, open it, read its history, suspend it: it leaves review and the due count', async ({
	page,
	context
}) => {
	await saveSetting(page, 'New cards per day', 2);
	const deck = await deckWithCards(page, 3);
	await page.goto(`/review?deck=${deck}`);
	const ids: string[] = [];
	for (let i = 0; i < 2; i++) {
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
		ids.push((await page.locator('article.review').getAttribute('data-card-id'))!);
		await answerByKeyboard(page, ['1']);
	}
	const [target, other] = ids as [string, string];
	const card = await flashcard(page, deck, target);
	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('2');

	await openBrowse(page);
	await page.keyboard.press('/');
	const box = page.getByRole('searchbox');
	await expect(box).toBeFocused();
	await box.fill(misspelled(card.promptText));
	const result = page.locator(`[role="option"][data-card-id="${target}"]`);
	await expect(result).toBeVisible();
	await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(misspelled(card.promptText));

	// Arrows move through the results, Enter opens one.
	await box.press('ArrowDown');
	const list = page.getByRole('listbox', { name: 'Cards found' });
	await expect(list).toBeFocused();
	await expect(list).toHaveAttribute('aria-activedescendant', 'row-0');
	const index = await list
		.getByRole('option')
		.evaluateAll((options, id) => options.findIndex((o) => o.getAttribute('data-card-id') === id), target);
	for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
	await expect(page.locator(`#row-${index}`)).toHaveAttribute('data-card-id', target);
	await expect(list).toHaveAttribute('aria-activedescendant', `row-${index}`);
	await page.keyboard.press('Enter');
	await expect(page.locator('#detail-prompt')).toHaveText(card.promptText);
	expect(new URL(page.url()).searchParams.get('card')).toBe(target);
	await expect(page.getByTestId('history').locator('tbody tr')).toHaveCount(1);
	await expect(page.getByTestId('history')).toContainText('Again');
	await expect(page.getByTestId('memory')).toContainText('learning');

	await page.getByRole('group', { name: 'Card actions' }).getByRole('button', { name: 'Suspend' }).click();
	await expect(page.getByTestId('marks')).toHaveText('suspended');
	await expect(
		page.getByRole('group', { name: 'Card actions' }).getByRole('button', { name: 'Unsuspend' })
	).toBeVisible();
	expect(await storedRows<{ id: string; suspended: boolean }>(page, 'cardMarks')).toEqual([
		expect.objectContaining({ id: target, suspended: true })
	]);
	// The filter finds it, and the address keeps the whole query (reload, Back).
	await openBrowse(page, 'is:suspended');
	await expect(results(page)).toHaveCount(1);
	await page.reload();
	await browseReady(page);
	await expect(results(page)).toHaveCount(1);

	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('1');
	// Learning cards come back after their step: only the other one does.
	await context.clock.setFixedTime(NOON.getTime() + 5 * 60_000);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.locator('article.review')).toHaveAttribute('data-card-id', other);
	await answerByKeyboard(page, ['4']);
	// The suspended one never comes: today's new cards were the two.
	await expect(page.getByText('You are done for today')).toBeVisible();
});

test('flag a card in review, then find it by its flag, with the syntax and with the Flag control; a bad token is named', async ({
	page
}) => {
	const deck = await deckWithCards(page, 2);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	const card = (await page.locator('article.review').getAttribute('data-card-id'))!;
	await page.keyboard.press('Space');
	await page.getByTestId('card-flag').selectOption('3');
	await expect(page.getByRole('status').filter({ hasText: 'Flagged green.' })).toBeVisible();

	await openBrowse(page, 'flag:green');
	await expect(results(page)).toHaveCount(1);
	await expect(results(page)).toHaveAttribute('data-card-id', card);
	await expect(results(page)).toContainText('green');

	await openBrowse(page);
	await page.getByRole('combobox', { name: 'Flag' }).selectOption('flag:green');
	await expect(page.getByRole('searchbox')).toHaveValue('flag:green');
	await expect(results(page)).toHaveCount(1);
	await page.getByRole('combobox', { name: 'Flag' }).selectOption('flag:red');
	await expect(page.getByText('Nothing matches.')).toBeVisible();
	await page.goBack();
	await expect(page.getByRole('searchbox')).toHaveValue('flag:green');
	await expect(results(page)).toHaveCount(1);

	await page.getByRole('searchbox').fill('flag:purple raft');
	await expect(page.getByRole('alert')).toContainText(
		'At 1: "flag:purple": flag: takes red, orange, green, blue'
	);
});

test('select cards and act on all of them at once: a new due date, then forget (history kept)', async ({
	page
}) => {
	await saveSetting(page, 'New cards per day', 3);
	const deck = await deckWithCards(page, 4);
	await page.goto(`/review?deck=${deck}`);
	await answerByKeyboard(page, ['4', '4', '4']);
	await expect(page.getByText('You are done for today')).toBeVisible();

	await openBrowse(page, `deck:${deck} is:review`);
	await expect(results(page)).toHaveCount(3);
	await page.getByRole('button', { name: 'Select all 3 cards' }).click();
	const bulk = page.getByRole('group', { name: 'Actions on the selected cards' });
	await expect(bulk).toContainText('3 selected');
	await bulk.getByLabel('Due on').fill('2026-03-10');
	await bulk.getByRole('button', { name: 'Set due date' }).click();
	await expect(page.getByText('3 cards due on 2026-03-10.')).toBeVisible();
	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('3');

	await openBrowse(page, `deck:${deck} is:due`);
	await expect(results(page)).toHaveCount(3);
	await page.getByRole('button', { name: 'Select all 3 cards' }).click();
	await bulk.getByRole('button', { name: 'Forget…' }).click();
	await bulk.getByRole('button', { name: 'Forget', exact: true }).click();
	await expect(page.getByText('3 cards forgotten: new again, history kept.')).toBeVisible();
	await expect(page.getByText('Nothing matches.')).toBeVisible();
	expect(await storedRows(page, 'log')).toHaveLength(3);
	expect(await storedRows(page, 'cards')).toHaveLength(0);
	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('0');
});

// The page numbers the documents it sends the search's worker as the worker does; an own card written
// while the browser is open is sent, numbered, and searched for again.
test('your own cards are found, also one written in another tab while the browser is open', async ({
	page,
	context
}) => {
	await newDeck(page, 'Brewing notes', 'Words no shipped deck holds.');
	await addFlashcard(page, 'What is zymurgy?', 'The chemistry of fermentation.');
	await openBrowse(page, 'zymurgy');
	await expect(results(page)).toHaveCount(1);
	await expect(results(page).first()).toContainText('What is zymurgy?');

	const other = await context.newPage();
	await other.goto('/decks/my-brewing-notes');
	await expect(other.getByRole('heading', { level: 1, name: 'Brewing notes' })).toBeVisible();
	await addFlashcard(other, 'Which zymurgy step turns grain into wort?', 'Mashing.');
	await other.close();
	await expect(results(page)).toHaveCount(2);
	await expect(results(page).nth(1)).toContainText('Which zymurgy step');
});
