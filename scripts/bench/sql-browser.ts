import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { buildShippedApp, freePort, serve } from './project.ts';
import { summarize, type Summary } from './stats.ts';

/** What the SQL row in Chromium measured (ms, from navigating to the practice page). */
export interface SqlBrowserCost {
	browserVersion: string;
	/** Until the first exercise is ready: PostgreSQL started on its dataset and the tables listed. */
	ready: Summary;
	/** Until the page asked for the engine's worker (the app started and read the deck). */
	worker: Summary;
	/** From then until ready: PGlite's files, its start, the dataset and the table list. */
	engine: Summary;
}

const DECK = 'sql-shop';
const RUNS = 5;

/**
 * The first SQL exercise in Chromium, cold: a new profile each time (nothing cached), the app built as it
 * ships and served as `npm start` serves it, from navigating to
 * `/sql?deck=sql-shop` until the exercise's table list is on the page (it shows once the engine has the
 * dataset).
 */
export async function measureSqlInBrowser(
	repo: string,
	chromiumArgs: string[],
	log: (message: string) => void
): Promise<SqlBrowserCost> {
	const app = await buildShippedApp(repo);
	const port = await freePort();
	const server = await serve(repo, app.buildDir, port);
	const ready: number[] = [];
	const worker: number[] = [];
	let browserVersion = 'unknown';
	try {
		for (let i = 0; i < RUNS; i++) {
			const profile = await mkdtemp(path.join(os.tmpdir(), 'rehearse-bench-sql-'));
			const context = await chromium.launchPersistentContext(profile, {
				executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
				headless: true,
				args: chromiumArgs,
				serviceWorkers: 'block'
			});
			try {
				browserVersion = context.browser()?.version() ?? browserVersion;
				const page = context.pages()[0] ?? (await context.newPage());
				let workerAt = NaN;
				const t0 = Date.now();
				page.on('request', (r) => {
					if (Number.isNaN(workerAt) && /\/workers\/worker-[^/]+\.js$/.test(new URL(r.url()).pathname))
						workerAt = Date.now() - t0;
				});
				await page.goto(`http://127.0.0.1:${port}/sql?deck=${DECK}`);
				await page.locator('.tables code').first().waitFor({ state: 'attached', timeout: 60_000 });
				ready.push(Date.now() - t0);
				worker.push(workerAt);
			} finally {
				await context.close();
				await rm(profile, { recursive: true, force: true });
			}
		}
	} finally {
		server.kill();
		await rm(app.dir, { recursive: true, force: true });
	}
	log(`sql in chromium: ready ${ready.join(', ')} ms; worker asked for at ${worker.join(', ')} ms`);
	return {
		browserVersion,
		ready: summarize(ready),
		worker: summarize(worker),
		engine: summarize(ready.map((r, i) => r - worker[i]!))
	};
}
