import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { answerByKeyboard, deckIndex, deckWithCards, expect, NOON, storedRows, test } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const STORES = [
	'log',
	'removed',
	'cards',
	'days',
	'deckTotals',
	'dayDecks',
	'settings',
	'quizAttempts',
	'interviews'
];

interface LogRow {
	id: string;
	cardId: string;
	rating: number;
	reviewedAt: number;
}

/** Every row of every table, as stored: what "the same history" and "unchanged" are checked on. */
async function dump(page: Page): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const store of STORES) out[store] = await storedRows(page, store);
	return out;
}

/** A browser with nothing stored, at the tests' fixed noon: another computer, or this one after "clear site data". */
async function emptyBrowser(browser: Browser, at = NOON): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	await context.clock.setFixedTime(at);
	return { context, page: await context.newPage() };
}

/** Reviews `grades.length` new cards of a deck with at least that many. */
async function review(page: Page, deck: string, grades: readonly ('1' | '2' | '3' | '4')[]): Promise<void> {
	await page.goto(`/review?deck=${deck}`);
	await answerByKeyboard(page, grades);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBeGreaterThanOrEqual(grades.length);
}

/** Takes a five-question quiz, answering each question with its first choice or a guess. */
async function takeQuiz(page: Page): Promise<string> {
	const deck = (await deckIndex(page)).decks.find((d) => d.counts.quiz >= 5)!;
	await page.goto(`/quiz?deck=${deck.id}`);
	await page.getByLabel('5 questions').check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	for (let i = 1; i <= 5; i++) {
		await expect(page.getByText(`Question ${i} of 5`)).toBeVisible();
		if ((await page.locator('.choices li').count()) > 0) await page.keyboard.press('1');
		else await page.keyboard.type('a guess');
		await page.keyboard.press('Enter');
		await expect(page.locator('.feedback')).toBeVisible();
		await page.keyboard.press('Enter');
	}
	await expect(page.getByTestId('quiz-score')).toBeVisible();
	return deck.title;
}

/** A one-question interview, answered and finished. */
async function takeInterview(page: Page): Promise<void> {
	await page.goto('/interview');
	await page.getByLabel('Interview — feedback only in the report').check();
	await page.getByLabel('Questions', { exact: true }).fill('1');
	await page.getByRole('button', { name: 'Start interview' }).click();
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await page.keyboard.type('Indexes trade slower writes for faster reads.');
	await page.keyboard.press('Control+Enter');
	await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
}

/** Downloads a backup from Settings, as a person does, and returns the saved file's path. */
async function downloadBackup(page: Page): Promise<string> {
	await page.goto('/settings');
	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download a backup' }).click();
	const download = await saved;
	expect(download.suggestedFilename()).toMatch(/^rehearse-backup-\d{4}-\d{2}-\d{2}\.json\.gz$/);
	await expect(page.getByTestId('backup-status').filter({ hasText: 'Backup saved as' })).toBeVisible();
	await expect(page.getByTestId('last-backup')).not.toHaveText('never');
	return download.path();
}

/** Chooses a backup file in Settings and waits for what restoring it would change. */
async function chooseBackup(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
	await page.goto('/settings');
	await page.getByLabel('Restore from a backup…').setInputFiles(file);
}

/** The numbers home shows. */
async function homeNumbers(page: Page): Promise<string[]> {
	await page.goto('/');
	await expect(page.locator('[data-source="live"]')).toBeAttached();
	return page.locator('.today dd').allInnerTexts();
}

function byId<T extends { id?: string; day?: number; deckId?: string }>(rows: T[]): T[] {
	const key = (r: T) => String(r.id ?? r.day ?? r.deckId);
	return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

test('backup, clear all site data, restore: the same history, card states, home numbers, quizzes and interviews', async ({
	page,
	browser
}) => {
	// Reviews, a quiz, an interview, a backup and a restore in a second browser: more steps than most tests.
	test.slow();
	const deck = await deckWithCards(page, 6);
	await review(page, deck, ['3', '1', '4', '3', '2']);
	const quizTitle = await takeQuiz(page);
	await takeInterview(page);
	const before = await dump(page);
	const home = await homeNumbers(page);
	const file = await downloadBackup(page);

	const { context, page: fresh } = await emptyBrowser(browser);
	expect(await homeNumbers(fresh)).not.toEqual(home);
	expect((await dump(fresh)).log).toEqual([]);
	await chooseBackup(fresh, file);
	const plan = fresh.getByTestId('restore-plan');
	await expect(plan).toContainText(`${before.log!.length} new answers to add`);
	await expect(plan).toContainText('0 answers already here');
	await expect(plan).toContainText('1 quiz attempt and 1 interview to add');
	// Nothing is written before the person says so.
	expect((await dump(fresh)).log).toEqual([]);
	await fresh.getByRole('button', { name: 'Merge into this browser' }).click();
	await expect(fresh.getByTestId('backup-status')).toContainText('Merged');

	const after = await dump(fresh);
	for (const store of ['log', 'removed', 'cards', 'days', 'deckTotals', 'quizAttempts', 'interviews'])
		expect(byId(after[store] as { id?: string }[]), store).toEqual(byId(before[store] as { id?: string }[]));
	expect(await homeNumbers(fresh)).toEqual(home);
	await fresh.goto('/quiz');
	await expect(fresh.getByRole('button', { name: new RegExp(`^${quizTitle} — \\d/5$`) })).toBeVisible();
	await fresh.goto('/interview');
	await expect(fresh.getByRole('button', { name: /1 question, / })).toBeVisible();
	await context.close();
});

test('two profiles backed up and merged into a third hold every answer of both; Replace asks first, then keeps only the backup', async ({
	page,
	browser
}) => {
	test.slow();
	const decks = (await deckIndex(page)).decks.filter((d) => d.counts.flashcards >= 4).map((d) => d.id);
	await review(page, decks[0]!, ['3', '3', '1']);
	const fileA = await downloadBackup(page);
	const logA = await storedRows<LogRow>(page, 'log');

	const b = await emptyBrowser(browser);
	await review(b.page, decks[1]!, ['4', '2']);
	const fileB = await downloadBackup(b.page);
	const logB = await storedRows<LogRow>(b.page, 'log');

	const c = await emptyBrowser(browser);
	await chooseBackup(c.page, fileA);
	await c.page.getByRole('button', { name: 'Merge into this browser' }).click();
	await expect(c.page.getByTestId('backup-status')).toContainText('Merged');
	await chooseBackup(c.page, fileB);
	await expect(c.page.getByTestId('restore-plan')).toContainText('2 new answers to add');
	await c.page.getByRole('button', { name: 'Merge into this browser' }).click();
	await expect(c.page.getByTestId('backup-status')).toContainText('Merged');
	const ids = (rows: LogRow[]) => rows.map((r) => r.id).sort();
	expect(ids(await storedRows<LogRow>(c.page, 'log'))).toEqual(ids([...logA, ...logB]));
	const cards = await storedRows<{ id: string }>(c.page, 'cards');
	expect(cards.map((r) => r.id).sort()).toEqual([...new Set([...logA, ...logB].map((r) => r.cardId))].sort());

	// The same file again: nothing new.
	await chooseBackup(c.page, fileB);
	await expect(c.page.getByTestId('restore-plan')).toContainText('0 new answers to add');
	await expect(c.page.getByTestId('restore-plan')).toContainText('2 answers already here');
	await c.page.getByRole('button', { name: 'Cancel' }).click();

	// Replace: a second, explicit yes; "No" leaves everything as it was.
	await chooseBackup(c.page, fileA);
	await c.page.getByLabel(/Replace/).check();
	await expect(c.page.getByTestId('restore-plan')).toContainText("This browser's 5 answers");
	await c.page.getByRole('button', { name: 'Replace everything here…' }).click();
	await expect(c.page.getByRole('alert')).toContainText('Replace everything here?');
	const merged = await dump(c.page);
	await c.page.getByRole('button', { name: 'No, keep my data' }).click();
	expect(await dump(c.page)).toEqual(merged);
	await c.page.getByRole('button', { name: 'Replace everything here…' }).click();
	await c.page.getByRole('button', { name: 'Yes, replace everything' }).click();
	await expect(c.page.getByTestId('backup-status')).toContainText('Replaced your data');
	expect(ids(await storedRows<LogRow>(c.page, 'log'))).toEqual(ids(logA));
	await b.context.close();
	await c.context.close();
});

test('a bad file shows what is wrong and changes nothing', async ({ page }) => {
	const deck = await deckWithCards(page, 4);
	await review(page, deck, ['3', '3']);
	const good = await readFile(await downloadBackup(page));
	const before = await dump(page);

	const json = JSON.parse(gunzipSync(good).toString('utf8')) as {
		database: { data: { data: { tableName: string; rows: { id: string; rating: number }[] }[] } };
	};
	const rows = json.database.data.data.find((t) => t.tableName === 'log')!.rows;
	rows[1]!.rating = 7;
	const cases = [
		{
			file: {
				name: 'out-of-range.json.gz',
				mimeType: 'application/gzip',
				buffer: gzipSync(JSON.stringify(json))
			},
			says: `Entry 2 (id ${rows[1]!.id}): rating 7 is out of range 1–4.`
		},
		{
			file: {
				name: 'picture.png',
				mimeType: 'image/png',
				buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
			},
			says: 'This file is not a Rehearse backup'
		},
		{
			file: { name: 'cut.json.gz', mimeType: 'application/gzip', buffer: good.subarray(0, good.length >> 1) },
			says: 'This backup is damaged'
		}
	];
	for (const { file, says } of cases) {
		await chooseBackup(page, file);
		await expect(page.getByRole('alert')).toContainText(says);
		await expect(page.getByRole('alert')).toContainText('nothing here changed');
		await expect(page.getByTestId('restore-plan')).toHaveCount(0);
		expect(await dump(page)).toEqual(before);
	}
});

test('home reminds about a missing backup once the person has studied a week, can be dismissed, and never loads the reminder on review', async ({
	page,
	context
}) => {
	const deck = await deckWithCards(page, 4);
	await review(page, deck, ['3']);
	await page.goto('/');
	await expect(page.locator('[data-source="live"]')).toBeAttached();
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('No backup yet.')).toHaveCount(0);

	await context.clock.setFixedTime(NOON.getTime() + 8 * DAY);
	await page.goto('/');
	await expect(page.getByText('No backup yet.')).toBeVisible();
	await page.getByRole('button', { name: 'Dismiss' }).click();
	await expect(page.getByText('No backup yet.')).toHaveCount(0);
	// The dismissal is stored (the reminder hides at once; the write follows it), and a reload keeps it.
	await expect
		.poll(
			async () =>
				(await storedRows<{ backupReminderDismissedAt?: number }>(page, 'settings'))[0]
					?.backupReminderDismissedAt
		)
		.toBe(NOON.getTime() + 8 * DAY);
	await page.reload();
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('No backup yet.')).toHaveCount(0);

	// Nine days after a backup, the reminder counts them.
	await context.clock.setFixedTime(NOON.getTime() + 20 * DAY);
	await downloadBackup(page);
	await context.clock.setFixedTime(NOON.getTime() + 29 * DAY);
	await page.goto('/');
	await expect(page.getByText('Last backup 9 days ago.')).toBeVisible();

	// The review page's scripts never include the reminder.
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script') scripts.push(r.url());
	});
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await page.waitForLoadState('networkidle');
	expect(scripts.length).toBeGreaterThan(0);
	for (const url of scripts)
		expect(await (await page.request.get(url)).text(), url).not.toContain('No backup yet');
});
