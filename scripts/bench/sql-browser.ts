import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { LOAD_MARKS } from './probes.ts';
import { buildShippedApp, freePort, serve } from './project.ts';
import { summarize, type Summary } from './stats.ts';

/** What the SQL row in Chromium measured (ms after the practice page's navigation start, in the page's clock). */
export interface SqlBrowserCost {
	browserVersion: string;
	/** Until the first exercise is ready: PostgreSQL started on its dataset, the tables listed and painted. */
	ready: Summary;
	/** Until the page asked for the engine's worker (the app started and read the deck). */
	worker: Summary;
	/** From then until ready: PGlite's files, its start, the dataset and the table list. */
	engine: Summary;
}

const DECK = 'sql-shop';
const RUNS = 5;
/**
 * Visits made first and not counted, each cold too (a profile of its own): the first Chromium started
 * after the build reads its own files and fonts from disk, and the server's code is not compiled yet.
 * Nothing a visit leaves in its profile reaches the next one.
 */
const WARM_UP = 1;

/**
 * The first SQL exercise in Chromium, cold: a new profile each time (nothing cached), the app built as it
 * ships and served as `npm start` serves it, from the navigation's start (`performance.now()` 0) to
 * `/sql?deck=sql-shop` until the frame with the exercise's table list has painted (it shows once the engine
 * has the dataset), both read in the page (LOAD_MARKS), as the load rows are: a time taken in the bench's
 * own process when Playwright noticed the list came 150–350 ms later, as Playwright's check waits for the
 * page's thread.
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
		for (let i = -WARM_UP; i < RUNS; i++) {
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
				await context.addInitScript(LOAD_MARKS);
				await page.goto(`http://127.0.0.1:${port}/sql?deck=${DECK}`);
				const handle = await page.waitForFunction(
					() => {
						const marks = (window as unknown as { __benchMarks: Record<string, number> }).__benchMarks;
						const asked = performance
							.getEntriesByType('resource')
							.find((e) => /\/workers\/worker-[^/]+\.js$/.test(new URL(e.name).pathname));
						return marks.sqlPainted !== undefined && asked
							? { painted: marks.sqlPainted, asked: asked.startTime }
							: null;
					},
					undefined,
					{ timeout: 60_000 }
				);
				const { painted, asked } = (await handle.jsonValue())!;
				if (i < 0) continue;
				ready.push(Math.round(painted));
				worker.push(Math.round(asked));
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
