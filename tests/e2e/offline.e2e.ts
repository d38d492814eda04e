import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { deckIndex, deckWithCards, expect, prompt, storedRows, test } from './helpers';

// These tests are about the service worker: let it run (the other tests block it, playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

/** A port nobody listens on, for this file's own server: the update test swaps the build it serves. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Serves a build folder with the app's own server (scripts/serve.js), as a static host would. */
async function serveBuild(dir: string, port: number): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), BUILD_DIR: dir },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		server.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('is running at')) resolve();
		});
		server.once('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
	});
	return server;
}

async function stop(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null) return;
	const exited = new Promise((resolve) => server.once('exit', resolve));
	server.kill();
	await exited;
}

/** Opens the app once and waits until its service worker has the whole app and controls the page. */
async function installOnce(page: Page, origin: string): Promise<void> {
	await page.goto(`${origin}/`);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 60_000
	});
}

/** Shows the answer and rates the card Good, by keyboard; returns the prompt that was answered. */
async function answerGood(page: Page): Promise<string> {
	const text = await prompt(page).innerText();
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
	await page.keyboard.press('3');
	return text;
}

test('after one visit, review, quiz, interview, decks and settings all work with no network', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	const deck = await deckWithCards(page, 8);
	const quizDeck = (await deckIndex(page)).decks.find((d) => d.counts.quiz >= 5)!.id;
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const server = await serveBuild('build', port);
	try {
		await installOnce(page, origin);
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Start review' })).toBeVisible();

		// Review: five cards, each answer on disk.
		await page.goto(`${origin}/review?deck=${deck}`);
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
		for (let i = 0; i < 5; i++) {
			const text = await answerGood(page);
			await expect(prompt(page)).not.toHaveText(text);
		}
		const log = await storedRows<{ rating: number; source: string }>(page, 'log');
		expect(log.map((e) => [e.rating, e.source])).toEqual(Array(5).fill([3, 'review']));
		await page.reload();
		await expect(page.getByTestId('count-learning')).toHaveText('5');

		// A quiz, start to score (right or wrong does not matter here).
		await page.goto(`${origin}/quiz?deck=${quizDeck}`);
		await page.getByLabel('5 questions').check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		for (let i = 1; i <= 5; i++) {
			await expect(page.getByText(`Question ${i} of 5`)).toBeVisible();
			const typed = await page.getByRole('textbox').count();
			if (typed) await page.keyboard.type('not sure');
			else await page.keyboard.press('1');
			await page.keyboard.press('Enter');
			await expect(page.getByRole('heading', { name: /^(Correct|Not quite)$/ })).toBeFocused();
			await page.keyboard.press('Enter');
		}
		await expect(page.getByTestId('quiz-score')).toHaveText(/^\d\/5$/);

		// An interview starts, with its question on screen.
		await page.goto(`${origin}/interview`);
		await page.getByRole('button', { name: 'Start interview' }).click();
		await expect(page.getByText(/^Question 1 of \d+$/)).toBeVisible();
		await expect(page.locator('#interview-question')).not.toBeEmpty();

		// Decks, a deck's own page, and settings.
		await page.goto(`${origin}/decks`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.goto(`${origin}/decks/${deck}`);
		await expect(page.locator('[data-testid="card-state"]').first()).toBeVisible();
		await page.goto(`${origin}/settings`);
		await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
		// The quiz's misses joined the log too (their flashcards come up in review); the five answers stay.
		const kept = await storedRows<{ source: string }>(page, 'log');
		expect(kept.filter((e) => e.source === 'review').length).toBe(5);
	} finally {
		await stop(server);
	}
});

test('an SQL exercise opened once works with no network: PostgreSQL is kept at first use', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	const deck = (await deckIndex(page)).decks.find((d) => (d.counts.sql ?? 0) > 0)!.id;
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const server = await serveBuild('build', port);
	try {
		await installOnce(page, origin);
		const editor = page.getByRole('textbox', { name: 'Your query' });
		const result = page.getByRole('region', { name: 'Result', exact: true });
		// The editor shows at once; the Run button works once PostgreSQL is up, its files fetched (and kept).
		const ready = page.getByRole('button', { name: /^Run/ });
		await page.goto(`${origin}/sql?deck=${deck}`);
		await expect(ready).toBeEnabled({ timeout: 60_000 });

		await context.setOffline(true);
		await page.reload();
		await expect(ready).toBeEnabled({ timeout: 60_000 });
		const table = ((await page.locator('.tables code').first().textContent()) ?? '').trim();
		await editor.focus();
		await page.keyboard.type(`SELECT count(*) AS n FROM ${table}`);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+Enter');
		await expect(result.getByRole('cell').first()).toHaveText(/^[1-9]\d*$/, { timeout: 30_000 });
	} finally {
		await context.setOffline(false);
		await stop(server);
	}
});

test.describe('a new build', () => {
	let second = '';

	// A second build of the same code is a different build: its version (build time) differs, and with it
	// the service worker's list of files.
	test.beforeAll(async () => {
		test.setTimeout(300_000);
		second = await mkdtemp(path.join(tmpdir(), 'rehearse-second-build-'));
		const build = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
			env: { ...process.env, BUILD_DIR: second },
			stdio: 'inherit'
		});
		const code = await new Promise((resolve) => build.once('exit', resolve));
		expect(code, 'the second build').toBe(0);
	});

	test.afterAll(async () => {
		if (second) await rm(second, { recursive: true, force: true });
	});

	test('waits for the person: "A new version is ready", Reload commits the answer, then runs the new build', async ({
		page
	}) => {
		test.setTimeout(180_000);
		const deck = await deckWithCards(page, 8);
		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		let server = await serveBuild('build', port);
		try {
			await installOnce(page, origin);
			await page.goto(`${origin}/review?deck=${deck}`);
			await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
			const first = await answerGood(page);
			await expect(prompt(page)).not.toHaveText(first);

			// The new build goes up on the same origin; the next visit finds it, and nothing reloads.
			await stop(server);
			server = await serveBuild(second, port);
			await page.reload();
			const banner = page.getByRole('status').filter({ hasText: 'A new version is ready' });
			await expect(banner).toBeVisible({ timeout: 60_000 });
			await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
			const oldApp = await page.evaluate(() => Object.keys(window).find((k) => k.startsWith('__sveltekit_')));

			// An answer, and Reload straight after it: the answer is kept, the page runs the new build.
			await answerGood(page);
			// A click, not focus and Enter: when the next card shows, review moves the focus to its Show
			// answer button, and an Enter that lands after that shows an answer instead (a CI run did).
			await banner.getByRole('button', { name: 'Reload' }).click();
			const html = await readFile(path.join(second, 'index.html'), 'utf8');
			const newApp = /__sveltekit_[a-z0-9]+/.exec(html)?.[0] ?? 'the second build names its app';
			expect(newApp).not.toBe(oldApp);
			await page.waitForFunction((name) => name in window, newApp, { timeout: 30_000 });
			await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
			await expect(page.getByText('A new version is ready')).toBeHidden();
			const log = await storedRows<{ rating: number }>(page, 'log');
			expect(log.map((e) => e.rating)).toEqual([3, 3]);
			await expect(page.getByTestId('count-learning')).toHaveText('2');
		} finally {
			await stop(server);
		}
	});
});
