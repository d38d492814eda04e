import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { answerByKeyboard, deckIndex, expect, NOON, storedRows, test } from './helpers';

interface StoredSettings {
	newPerDay: number;
	disabledDecks: string[];
}

async function storedSettings(page: Page): Promise<StoredSettings | undefined> {
	return (await storedRows<StoredSettings>(page, 'settings'))[0];
}

test('two settings tabs each switch off a different deck, and both stay off', async ({ page, context }) => {
	const [first, second] = (await deckIndex(page)).decks;
	const other = await context.newPage();
	await page.goto('/settings');
	await other.goto('/settings');
	const firstHere = page.getByRole('checkbox', { name: first!.title, exact: true });
	const secondThere = other.getByRole('checkbox', { name: second!.title, exact: true });
	await expect(firstHere).toBeChecked();
	await expect(secondThere).toBeChecked();

	await firstHere.uncheck();
	await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
	// The other tab read its settings before this change; switching another deck off there keeps it.
	await secondThere.uncheck();
	await expect(other.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();

	await expect
		.poll(async () => (await storedSettings(page))?.disabledDecks.toSorted())
		.toEqual([first!.id, second!.id].toSorted());
	// Each tab shows both switches as they are stored.
	for (const tab of [page, other]) {
		await expect(tab.getByRole('checkbox', { name: first!.title, exact: true })).not.toBeChecked();
		await expect(tab.getByRole('checkbox', { name: second!.title, exact: true })).not.toBeChecked();
	}
});

test('clearing "New cards per day" keeps the number it had, and the box shows what was saved', async ({
	page
}) => {
	await page.goto('/settings');
	const field = page.getByLabel('New cards per day');
	await field.fill('12');
	await field.press('Tab');
	await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();

	await field.fill('');
	await field.press('Tab');
	await expect(
		page.getByRole('status').filter({ hasText: /^New cards per day needs a number, so it stays at 12\.$/ })
	).toBeVisible();
	await expect(field).toHaveValue('12');
	expect((await storedSettings(page))?.newPerDay).toBe(12);

	// Out of range: the box shows the number brought into range, also when it was already that number.
	for (let i = 0; i < 2; i++) {
		await field.fill('100000');
		await field.press('Tab');
		await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
		await expect(field).toHaveValue('9999');
	}
	await page.reload();
	await expect(page.getByLabel('New cards per day')).toHaveValue('9999');
});

test('a deck page says how long ago an overdue card came due', async ({ page, context }) => {
	const deck = (await deckIndex(page)).decks.find((d) => d.counts.flashcards >= 1)!;
	await page.goto(`/review?deck=${deck.id}`);
	await answerByKeyboard(page, ['4']);
	await expect(page.getByTestId('count-review')).toHaveText('0');

	// Easy on a new card gives days, not months; a year on, the card is long overdue.
	await context.clock.setFixedTime(NOON.getTime() + 365 * 86_400_000);
	await page.goto(`/decks/${deck.id}`);
	const badge = page.getByTestId('card-state').filter({ hasText: 'review' });
	await expect(badge).toContainText(/due \d+ days ago/);
	await expect(badge).not.toContainText('today');
});

test('deck pages do not scroll sideways on a 320 px screen', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	const decks = (await deckIndex(page)).decks;
	// The deck the audit measured first, and every ninth deck besides: several topics, code or not.
	const ids = new Set(['db-sql-queries', ...decks.filter((_, i) => i % 9 === 0).map((d) => d.id)]);
	for (const id of ids) {
		await page.goto(`/decks/${id}`);
		await expect(page.locator('main h1')).toBeVisible();
		const width = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth
		}));
		expect(width.scroll, id).toBeLessThanOrEqual(width.client);
	}
	// Code keeps its lines: a code block scrolls inside itself instead.
	await page.goto('/decks/db-sql-queries');
	const code = page.locator('pre.shiki').first();
	expect(await code.evaluate((pre) => getComputedStyle(pre).whiteSpace)).toBe('pre');
	expect(await code.evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
});

test('a deck page with code passes axe in the dark colour scheme', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/decks/git-remotes');
	await expect(page.locator('main h1')).toBeVisible();
	await expect(page.locator('pre.shiki .line span').first()).toBeVisible();
	await page.waitForLoadState('networkidle');
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious).toEqual([]);
});
