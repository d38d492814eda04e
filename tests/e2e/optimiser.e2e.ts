import AxeBuilder from '@axe-core/playwright';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { simulateLearnerLog, UNLIKE_DEFAULTS } from '../../src/lib/optimiser/synthetic';
import { dayOf } from '../../src/lib/scheduling/day';
import type { CardState } from '../../src/lib/scheduling/card';
import type { LogEntry } from '../../src/lib/scheduling/log';
import { replayCard, schedulerCache } from '../../src/lib/scheduling/replay';
import { answerByKeyboard, deckWithCards, expect, NOON, storedPacks, storedRows, test } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

/** A learner who forgets faster at first than FSRS's defaults assume: 240 days of it, ending yesterday. */
function learnerLog(): LogEntry[] {
	const start = NOON.getTime() - 241 * DAY - 8 * 3_600_000; // 04:00, the day start
	return simulateLearnerLog({
		parameters: UNLIKE_DEFAULTS,
		cards: 600,
		newPerDay: 10,
		days: 240,
		seed: 5,
		start
	}).map((e) => ({
		...e,
		day: dayOf(e.reviewedAt, 4)
	}));
}

/** A backup file holding `entries` as its log, made from a backup this browser downloads (so its layout is the app's). */
async function backupWith(page: Page, entries: readonly LogEntry[]): Promise<Buffer> {
	await page.goto('/settings');
	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download a backup' }).click();
	const file = JSON.parse(gunzipSync(await readFile(await (await saved).path())).toString('utf8'));
	const log = file.database.data.data.find((t: { tableName: string }) => t.tableName === 'log');
	log.rows = entries;
	file.counts.log = entries.length;
	return gzipSync(JSON.stringify(file));
}

async function restore(page: Page, buffer: Buffer): Promise<void> {
	await page.goto('/settings');
	await page
		.getByLabel('Restore from a backup…')
		.setInputFiles({ name: 'history.json.gz', mimeType: 'application/gzip', buffer });
	await page.getByRole('button', { name: 'Merge into this browser' }).click();
	await expect(page.getByTestId('backup-status')).toContainText('Merged', { timeout: 30_000 });
}

/** The figure in a row of the fit table: [log loss, RMSE]. */
async function fitRow(page: Page, testid: string): Promise<number[]> {
	return (await page.getByTestId(testid).locator('td').allInnerTexts()).map(Number);
}

test('optimise: before and after figures, Apply, own parameters in use and every card replayed with them', async ({
	page
}) => {
	test.slow();
	const log = learnerLog();
	await restore(page, await backupWith(page, log));
	await expect(page.getByTestId('parameters-in-use')).toContainText('the default parameters');
	const before = await storedRows<CardState>(page, 'cards');
	// A restore this large packs each card's history (db/entries.ts), none of it loose.
	const packs = await storedPacks(page);
	expect(packs).toHaveLength(600);
	expect(packs.reduce((n, p) => n + p.ids.length, 0)).toBe(log.length);

	await page.getByRole('link', { name: 'Optimise my parameters' }).click();
	await expect(page.getByRole('heading', { name: 'Optimise my parameters', level: 1 })).toBeVisible();
	await expect(page.getByTestId('history-size')).toContainText(/You have [\d,]+ such reviews of 600 cards/);
	const start = page.getByRole('button', { name: 'Start' });
	await expect(start).toBeVisible({ timeout: 20_000 });
	const [lossBefore, rmseBefore] = await fitRow(page, 'fit-before');
	expect(lossBefore).toBeGreaterThan(0);
	expect(rmseBefore).toBeGreaterThan(0);
	expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);

	// By keyboard: Enter on Start.
	await start.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('verdict')).toContainText('predict your reviews better', { timeout: 60_000 });
	const [lossAfter, rmseAfter] = await fitRow(page, 'fit-after');
	expect(lossAfter).toBeLessThan(lossBefore!);
	expect(rmseAfter).toBeGreaterThan(0);
	expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);

	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page.getByTestId('verdict')).toContainText('Applied', { timeout: 30_000 });

	// What persisted: the weights, and each card as a full replay of its log with them gives.
	const [settings] = await storedRows<{ fsrsParameters?: number[] }>(page, 'settings');
	const w = settings!.fsrsParameters!;
	expect(w).toHaveLength(21);
	const cache = schedulerCache(w);
	const byCard = new Map<string, LogEntry[]>();
	for (const e of log) byCard.set(e.cardId, [...(byCard.get(e.cardId) ?? []), e]);
	const expected = [...byCard.values()].map((entries) => replayCard(entries, cache).at(-1)!.after);
	const stored = await storedRows<CardState>(page, 'cards');
	const sortById = (cards: CardState[]) => [...cards].sort((a, b) => a.id.localeCompare(b.id));
	expect(sortById(stored)).toEqual(sortById(expected));
	expect(sortById(stored)).not.toEqual(sortById(before));
	// The log itself is as restored, still packed after the replay.
	expect((await storedRows<LogEntry>(page, 'log')).length).toBe(log.length);
	expect(await storedPacks(page)).toHaveLength(600);

	await page.getByRole('link', { name: 'Back to settings' }).click();
	await expect(page.getByTestId('parameters-in-use')).toContainText('your own parameters');
	await page.getByRole('button', { name: 'Reset to default parameters' }).click();
	await expect(page.getByTestId('parameters-in-use')).toContainText('the default parameters');
	await expect
		.poll(async () => sortById(await storedRows<CardState>(page, 'cards')))
		.toEqual(
			sortById([...byCard.values()].map((entries) => replayCard(entries, schedulerCache()).at(-1)!.after))
		);
});

test('with a short history the optimiser says how much it needs and offers no Start', async ({ page }) => {
	await page.goto(`/review?deck=${await deckWithCards(page, 4)}`);
	await answerByKeyboard(page, ['3', '3', '1', '4']);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(4);
	await page.goto('/settings/optimise');
	await expect(page.getByRole('alert')).toContainText(
		'Not enough history yet: it needs at least 400 reviews of 50 cards'
	);
	await expect(page.getByTestId('history-size')).toHaveText('You have 0 such reviews of 0 cards.');
	await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0);
	expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);
});

// Issue 12: a long history restored is stored one record per card (db/entries.ts); what the person
// does next is stored loose beside it, undone as before, and backed up with it.
test('after a long history is restored packed, an answer is kept beside it, Ctrl+Z undoes it, and a backup holds every answer', async ({
	page
}) => {
	test.slow();
	const log = learnerLog();
	await restore(page, await backupWith(page, log));
	expect(await storedPacks(page)).toHaveLength(600);

	await page.goto(`/review?deck=${await deckWithCards(page, 2)}`);
	await answerByKeyboard(page, ['3', '4']);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(log.length + 2);
	await page.keyboard.press('Control+z');
	await expect(page.getByText('Undone: the card is back as it was.')).toBeVisible();
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(log.length + 1);
	expect(await storedPacks(page)).toHaveLength(600);

	await page.goto('/settings');
	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download a backup' }).click();
	const file = JSON.parse(gunzipSync(await readFile(await (await saved).path())).toString('utf8'));
	const rows: LogEntry[] = file.database.data.data.find(
		(t: { tableName: string }) => t.tableName === 'log'
	).rows;
	expect(file.counts.log).toBe(log.length + 1);
	expect(new Set(rows.map((r) => r.id)).size).toBe(log.length + 1);
	const restored = new Set(log.map((e) => e.id));
	expect(rows.filter((r) => restored.has(r.id))).toHaveLength(log.length);
});
