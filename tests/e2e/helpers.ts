import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { rowsOfPack } from '../../src/lib/db/log-pack';
import type { LogPack } from '../../src/lib/db/schema';

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

/**
 * Rows of one store, read straight from IndexedDB (what really persisted, not what the UI shows). The
 * log is its loose rows and its cards' packs together (db/entries.ts), read as one table in id order.
 */
export async function storedRows<T = unknown>(page: Page, store: string): Promise<T[]> {
	const { rows, packs } = await readStore(page, store);
	if (packs.length === 0) return rows as T[];
	const packed = packs.flatMap(rowsOfPack);
	return ([...rows, ...packed] as { id: string }[]).sort((a, b) => (a.id < b.id ? -1 : 1)) as T[];
}

/** Every card's pack of log rows, as stored in the log's buckets. */
export async function storedPacks(page: Page): Promise<LogPack[]> {
	return (await readStore(page, 'log')).packs;
}

async function readStore(page: Page, store: string): Promise<{ rows: unknown[]; packs: LogPack[] }> {
	const { rows, packs } = await page.evaluate(
		(name) =>
			new Promise<{ rows: unknown[]; packs: Record<string, unknown>[] }>((resolve, reject) => {
				const open = indexedDB.open('rehearse');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					// The packs' numbers come back as plain arrays, decoded below by the app's own code.
					const log = name === 'log' && db.objectStoreNames.contains('buckets');
					// A store that does not exist fails the test here, rather than leaving it waiting.
					if (!db.objectStoreNames.contains(name)) return reject(new Error(`no store ${name}`));
					const tx = db.transaction(log ? ['log', 'buckets'] : [name], 'readonly');
					const request = tx.objectStore(name).getAll();
					const buckets = log ? tx.objectStore('buckets').getAll() : null;
					tx.oncomplete = () => {
						db.close();
						resolve({
							rows: request.result,
							packs: (buckets?.result ?? [])
								.flatMap((b: { packs: Record<string, unknown>[] }) => b.packs)
								.map((p: Record<string, unknown>) => ({
									...p,
									cols: p.cols ? Array.from(p.cols as Float64Array) : undefined
								}))
						});
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		store
	);
	return {
		rows,
		packs: packs.map(
			(p) => ({ ...p, cols: p.cols ? Float64Array.from(p.cols as number[]) : undefined }) as LogPack
		)
	};
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

/** The app's JavaScript: block it (`page.route(APP_CODE, (r) => r.abort())`) to see what the HTML alone shows. */
export const APP_CODE = '**/_app/immutable/**/*.js';

/** The id of the review's stored first card (first-paint/stored-card.ts), or undefined when none is stored. */
export async function storedCardId(page: Page): Promise<string | undefined> {
	return page.evaluate(() => JSON.parse(localStorage.getItem('rehearse-card') ?? 'null')?.id);
}

/**
 * Holds the app's JavaScript back from now on, so that a page shows only what its HTML and boot script
 * do, until the returned function lets it through (to act on the stored copy before the app loads).
 */
export async function holdAppCode(page: Page): Promise<() => void> {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(APP_CODE, async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

/** Opens a review of a small deck and waits until its first card is stored for the next visit. */
export async function reviewWithStoredCard(page: Page): Promise<string> {
	const deck = await deckWithCards(page, 4);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await expect.poll(() => storedCardId(page)).toBeDefined();
	return deck;
}

/** Sets a number on the settings screen, as a person does (type, leave the field), until it is saved. */
export async function saveSetting(page: Page, label: string, value: number): Promise<void> {
	await page.goto('/settings');
	const field = page.getByLabel(label);
	await field.fill(String(value));
	await field.press('Tab');
	await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();
}

/** Changes "New cards per day" in a second tab, as a change to the collection made elsewhere. */
export async function setNewPerDayInAnotherTab(context: BrowserContext, value: number): Promise<void> {
	const other = await context.newPage();
	await saveSetting(other, 'New cards per day', value);
	await other.close();
}

/** Answers the review's next cards by keyboard: Space shows the answer, then each grade's key. */
export async function answerByKeyboard(
	page: Page,
	grades: readonly ('1' | '2' | '3' | '4')[]
): Promise<void> {
	for (const grade of grades) {
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
		await page.keyboard.press('Space');
		await page.keyboard.press(grade);
		// The grade buttons stay until the answer is stored and the next card (or the done screen)
		// shows: once they are gone, the test may go elsewhere without cutting the answer off.
		await expect(page.getByRole('group', { name: 'How well did you recall it?' })).toHaveCount(0);
	}
}

/**
 * Opens the card browser and waits until it has read every card and built its search index. That takes
 * about 2.5 s on an idle 2-core machine (every shipped deck's search documents, indexed in a worker) and
 * more than the usual 5 s expect timeout while two tests share those cores, so this wait allows 30 s.
 */
export async function openBrowse(page: Page, query?: string): Promise<void> {
	await page.goto(query === undefined ? '/browse' : `/browse?q=${encodeURIComponent(query)}`);
	await browseReady(page);
}

/** Waits until the card browser on screen (opened, or reloaded) is ready: see openBrowse. */
export async function browseReady(page: Page): Promise<void> {
	await expect(page.getByTestId('found')).toBeVisible({ timeout: 30_000 });
}
