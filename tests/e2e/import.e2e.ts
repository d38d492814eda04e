import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { makeAnkiPackage } from '../../src/lib/import/anki/fixtures';
import { replayCard, schedulerCache } from '../../src/lib/scheduling/replay';
import type { CardState } from '../../src/lib/scheduling/card';
import type { LogEntry } from '../../src/lib/scheduling/log';
import { findUnsafe, readXssPayloads } from '../fixtures/xss-payloads';
import { expect, holdAppCode, openBrowse, storedRows, test } from './helpers';

interface FileRow {
	id: string;
	markdown: string;
}

/** Picks files on the import screen, as a person would with the file dialog. */
async function pick(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
	await page
		.getByLabel('File to import')
		.setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
}

async function openImport(page: Page): Promise<void> {
	await page.goto('/decks');
	await page.getByRole('link', { name: 'Import cards' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Import cards' })).toBeVisible();
}

/** Every store a failed import must leave as it was. */
async function everything(page: Page) {
	const stores = ['ownDecks', 'ownDeckFiles', 'log', 'cards', 'days', 'deckTotals', 'dayDecks'];
	return Object.fromEntries(await Promise.all(stores.map(async (s) => [s, await storedRows(page, s)])));
}

/** One CSV line, every cell quoted (a quote doubled inside), as spreadsheets write them. */
const csvLine = (cells: string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

test('an Anki package with history imports with its cards scheduled from that history, not new', async ({
	page
}) => {
	const { bytes } = await makeAnkiPackage({ format: 'anki21b' });
	await openImport(page);
	await page.getByLabel('Topic for the imported decks').selectOption({ label: 'Databases' });
	// Every value the progress bar shows on the way, frame by frame.
	await page.evaluate(() => {
		const seen: number[] = [];
		Object.assign(window, { progressSeen: seen });
		const look = () => {
			const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Import progress"]');
			if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
			requestAnimationFrame(look);
		};
		look();
	});
	await pick(page, [{ name: 'my-collection.apkg', buffer: Buffer.from(bytes) }]);
	const summary = page.getByRole('region', { name: 'Imported' });
	await expect(summary).toBeVisible({ timeout: 30_000 });
	const progress = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
	expect(progress.length).toBeGreaterThan(0);
	expect(progress).toEqual([...progress].sort((a, b) => a - b));
	expect(progress.every((v) => v >= 0 && v <= 1)).toBe(true);
	await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveCount(0);
	await expect(summary.getByRole('link', { name: 'Databases › Indexes' })).toBeVisible();
	await expect(summary).toContainText('answers from your history were added');

	// Each reviewed card's state is the replay of its imported answers through FSRS, as the test computes it.
	const log = await storedRows<LogEntry>(page, 'log');
	const cards = await storedRows<CardState>(page, 'cards');
	expect(log.length).toBeGreaterThan(0);
	expect(cards.map((c) => c.id).sort()).toEqual([...new Set(log.map((e) => e.cardId))].sort());
	for (const card of cards) {
		const steps = replayCard(
			log.filter((e) => e.cardId === card.id),
			schedulerCache()
		);
		expect({ ...card, deckId: undefined }).toMatchObject({ ...steps.at(-1)!.after, deckId: undefined });
		expect(card.state).not.toBe(0);
	}

	// The imported decks open. The B-tree card of Databases › Indexes, answered long ago and so due, was
	// suspended in Anki: it is suspended here too, so reviewing that deck offers only its two new cards,
	// and the browser finds it among the suspended cards.
	await expect(summary).toContainText('suspended in Anki are suspended here too');
	await summary.getByRole('link', { name: 'Databases › Indexes' }).click();
	await expect(page.getByText('B-tree or hash index for range queries?')).toBeVisible();
	await page.getByRole('link', { name: 'Review this deck' }).click();
	await expect(page.getByRole('main')).toContainText('2 new 0 learning 0 to review');
	await openBrowse(page, 'is:suspended');
	const found = page.getByRole('listbox', { name: 'Cards found' }).getByRole('option');
	await expect(found.filter({ hasText: 'B-tree or hash index for range queries?' })).toHaveCount(1);
	await expect(found).toHaveCount(2);
	// The cards not suspended come up in review.
	await page.goto('/review');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();

	// Importing the same file again adds nothing.
	const before = await everything(page);
	await openImport(page);
	await pick(page, [{ name: 'my-collection.apkg', buffer: Buffer.from(bytes) }]);
	await expect(page.getByRole('region', { name: 'Imported' })).toContainText('were here already', {
		timeout: 30_000
	});
	const after = await everything(page);
	expect(after.log).toEqual(before.log);
	expect(after.cards).toEqual(before.cards);
});

test('a CSV imports after its columns are chosen; the deck exports as Markdown and re-imports unchanged', async ({
	page
}) => {
	await openImport(page);
	const csv = [
		'front,back,tags',
		csvLine(['What does ACID stand for?', 'Atomicity, consistency, isolation, durability', 'sql']),
		csvLine(['Default isolation in PostgreSQL?', 'Read committed', 'sql,isolation'])
	].join('\n');
	await pick(page, [{ name: 'sql-basics.csv', buffer: Buffer.from(csv) }]);
	const mapping = page.getByRole('form', { name: 'Columns of sql-basics.csv' });
	await expect(mapping.getByLabel('The first row names the columns')).toBeChecked();
	await expect(mapping.getByRole('cell', { name: 'Default isolation in PostgreSQL?' })).toBeVisible();
	await mapping.getByLabel('Tags (optional)').selectOption({ label: '3: tags' });
	await mapping.getByRole('button', { name: 'Import 2 rows' }).click();
	const summary = page.getByRole('region', { name: 'Imported' });
	await expect(summary).toContainText('2 cards');
	await summary.getByRole('link', { name: 'sql-basics' }).click();
	await expect(page.getByText('Read committed')).toBeVisible();

	// Export, delete, import the file again: the same deck, byte for byte.
	const [original] = await storedRows<FileRow>(page, 'ownDeckFiles');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export Markdown' }).click();
	const exported = await download;
	const file = test.info().outputPath(exported.suggestedFilename());
	await exported.saveAs(file);
	expect(exported.suggestedFilename()).toBe(`${original!.id}.md`);
	await page.getByRole('button', { name: 'Delete deck…' }).click();
	await page.getByRole('button', { name: 'Delete deck', exact: true }).click();
	await expect(page).toHaveURL(/\/decks$/);
	await page.getByRole('link', { name: 'Import cards' }).click();
	await page.getByLabel('File to import').setInputFiles(file);
	await expect(page.getByRole('alert')).toHaveText('');
	await expect(page.getByRole('region', { name: 'Imported' })).toContainText('2 cards');
	const [again] = await storedRows<FileRow>(page, 'ownDeckFiles');
	expect(again).toMatchObject({ id: original!.id, markdown: original!.markdown });
});

test('a topic and a file picked before the app has started are kept and read once it has', async ({
	page
}) => {
	const release = await holdAppCode(page);
	await page.goto('/decks/import', { waitUntil: 'domcontentloaded' });
	const topic = page.getByLabel('Topic for the imported decks');
	await expect(topic).toHaveValue('databases');
	await topic.selectOption('security');
	await page.getByLabel('File to import').setInputFiles({
		name: 'early.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('front,back\nWhat is MVCC?,Readers see a snapshot')
	});
	release();
	const mapping = page.getByRole('form', { name: 'Columns of early.csv' });
	await expect(mapping).toBeVisible({ timeout: 15_000 });
	await expect(topic).toHaveValue('security');
	await mapping.getByRole('button', { name: /^Import/ }).click();
	await expect(page.getByRole('region', { name: 'Imported' })).toBeVisible();
	expect((await storedRows<{ topic: string }>(page, 'ownDecks')).map((d) => d.topic)).toEqual(['security']);
});

test('bad files get a clear message and leave everything as it was', async ({ page }) => {
	await openImport(page);
	const before = await everything(page);
	const cases: [string, Buffer, RegExp][] = [
		['junk.apkg', Buffer.from('this is not a zip file at all'), /not a zip|not an Anki/i],
		[
			'empty-zip.apkg',
			Buffer.from(zipSync({ 'readme.txt': new TextEncoder().encode('hello') })),
			/collection/i
		],
		[
			'broken.apkg',
			Buffer.from(zipSync({ 'collection.anki21': new Uint8Array(4096).fill(7) })),
			/corrupt|damaged|SQLite|read/i
		],
		['deck.md', Buffer.from('---\nid: my-x\ntitle: X\n---\n\n## No id here\n\nAnswer.'), /line \d+/i],
		['notes.pdf', Buffer.from('%PDF-1.4'), /imports Anki packages/]
	];
	for (const [name, buffer, message] of cases) {
		await pick(page, [{ name, buffer }]);
		const alert = page.getByRole('alert');
		await expect(alert).toContainText(`${name} was not imported, and nothing here changed.`);
		await expect(alert).toContainText(message);
	}
	expect(await everything(page)).toEqual(before);
});

test('no script in 116 hostile payloads ever runs: imported from CSV and Anki, reviewed, edited and exported', async ({
	page
}) => {
	const executed: string[] = [];
	await page.exposeFunction('__reportXss', (what: string) => executed.push(what));
	await page.addInitScript(() => {
		const report = (what: string) =>
			(window as unknown as { __reportXss(w: string): void }).__reportXss(what);
		Object.assign(window, { __xss: () => report('__xss') });
		window.alert = () => report('alert');
	});
	page.on('dialog', (d) => {
		executed.push(`dialog ${d.message()}`);
		void d.dismiss();
	});
	// The detector works: a script that does run is seen (and then forgotten).
	await page.goto('/decks');
	await page.evaluate(() => (window as unknown as { __xss(): void }).__xss());
	await expect.poll(() => executed.length).toBe(1);
	executed.length = 0;
	const payloads = readXssPayloads();
	expect(payloads.length).toBeGreaterThanOrEqual(50);

	await openImport(page);
	const csv = payloads.map((p, i) => csvLine([`Q${i} ${p}`, `A${i} ${p}`])).join('\n');
	await pick(page, [{ name: 'hostile.csv', buffer: Buffer.from(csv) }]);
	await page
		.getByRole('form', { name: 'Columns of hostile.csv' })
		.getByRole('button', { name: /^Import/ })
		.click();
	await expect(page.getByRole('region', { name: 'Imported' })).toBeVisible();

	const { bytes } = await makeAnkiPackage({
		format: 'anki21',
		notes: payloads.map((p, i) => ({
			notetype: 'Basic' as const,
			fields: [`Front ${i} ${p}`, `Back ${i} ${p}`],
			deck: 'Hostile'
		}))
	});
	await pick(page, [{ name: 'hostile.apkg', buffer: Buffer.from(bytes) }]);
	await expect(page.getByRole('region', { name: 'Imported' })).toContainText('Hostile', { timeout: 30_000 });

	for (const deck of await storedRows<{ id: string }>(page, 'ownDecks')) {
		await page.goto(`/decks/${deck.id}`);
		await expect(page.locator('ol.cards > li').first()).toBeVisible();
		for (const item of await page.locator('ol.cards .item').all())
			expect(await item.evaluate(findUnsafe)).toEqual([]);
		// Review a few cards, answers shown.
		await page.goto(`/review?deck=${deck.id}`);
		for (let i = 0; i < 5; i++) {
			await page.getByRole('button', { name: 'Show answer' }).click();
			expect(await page.locator('#prompt').evaluate(findUnsafe)).toEqual([]);
			expect(await page.getByRole('region', { name: 'Answer' }).evaluate(findUnsafe)).toEqual([]);
			await page.keyboard.press('3');
		}
		// Edit a card: the editor and its preview show the hostile text as text.
		await page.goto(`/decks/${deck.id}`);
		await page
			.getByRole('button', { name: /^Edit:/ })
			.nth(3)
			.click();
		await page.getByRole('form', { name: 'Edit card' }).getByRole('button', { name: 'Save card' }).click();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export Markdown' }).click();
		await download;
	}
	await page.waitForTimeout(500);
	expect(executed).toEqual([]);
});
