import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { writeBenchDecks } from './decks.ts';

/**
 * What the app build is made from; everything else in the checkout is left out of the copy. `.env`
 * declares the public build settings (`$env/static/public` has only the names it declares).
 */
const APP_FILES = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'.env'
];

export interface BenchProject {
	/** A throwaway copy of the app whose `decks/` holds only the synthetic decks. */
	dir: string;
	/** Its static build, with the bench's own page and script added under `__bench/`. */
	buildDir: string;
	deckIds: string[];
}

/**
 * Builds the app with synthetic decks in a temporary copy of the project. Why a copy: adapter-static
 * always writes to `./build` and SvelteKit keeps its state in `./.svelte-kit`, so building in place
 * would clobber the checkout's normal build (and race anyone working in it). The copy shares
 * `node_modules` through a symlink, so nothing is installed twice.
 */
export async function buildBenchApp(
	repo: string,
	decks: number,
	cardsPerDeck: number
): Promise<BenchProject> {
	let deckIds: string[] = [];
	const { dir, buildDir } = await buildCopy(repo, async (root) => {
		deckIds = await writeBenchDecks(root, decks, cardsPerDeck);
	});
	await bundleBrowserHelpers(repo, dir, path.join(buildDir, '__bench'));
	return { dir, buildDir, deckIds };
}

/**
 * The app as it ships, with the shipped decks (a deck's links need the decks they point to): the SQL
 * row's own build, so that the bench's synthetic collection stays as the other rows have it.
 */
export function buildShippedApp(repo: string): Promise<{ dir: string; buildDir: string }> {
	return buildCopy(repo, (root) =>
		cp(path.join(repo, 'decks'), path.join(root, 'decks'), { recursive: true })
	);
}

/** A temporary copy of the app whose `decks/` holds what `writeDecks` writes there, built. */
async function buildCopy(
	repo: string,
	writeDecks: (root: string) => Promise<void>
): Promise<{ dir: string; buildDir: string }> {
	const dir = await mkdtemp(path.join(tmpdir(), 'rehearse-bench-'));
	for (const name of APP_FILES) await cp(path.join(repo, name), path.join(dir, name), { recursive: true });
	await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	await writeDecks(dir);
	await run(
		process.execPath,
		[path.join(dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
		{
			cwd: dir,
			env: { ...process.env, REHEARSE_DECKS_ROOT: dir }
		}
	);
	return { dir, buildDir: path.join(dir, 'build') };
}

/**
 * Bundles `browser.ts` (seeding and the answer-transaction timings, on the app's own `src/lib/db`) into
 * one script plus a blank page under the same origin as the app, so it opens the app's database
 * ('rehearse') in the same profile, without adding anything to the app's production code.
 */
async function bundleBrowserHelpers(repo: string, appDir: string, outDir: string): Promise<void> {
	await build({
		configFile: false,
		root: appDir,
		logLevel: 'warn',
		resolve: { alias: { $lib: path.join(appDir, 'src/lib') } },
		build: {
			outDir,
			emptyOutDir: false,
			lib: {
				entry: path.join(repo, 'scripts/bench/browser.ts'),
				formats: ['iife'],
				name: 'rehearseBench',
				fileName: () => 'bench.js'
			}
		}
	});
	const page =
		'<!doctype html><html lang="en"><title>bench</title><script src="/__bench/bench.js"></script></html>';
	await writeFile(path.join(outDir, 'index.html'), page);
	await writeFile(path.join(outDir, 'floor.html'), FLOOR_PAGE);
}

/**
 * The floor of the load figures: a static page with a due count and a prompt in its HTML and no
 * script, served the same way. No app can show its numbers sooner than the browser paints this.
 */
const FLOOR_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>
<body><main><dl><dt>Due today</dt><dd data-testid="due-today">42</dd></dl><p id="prompt">What is a B-tree?</p></main></body></html>`;

function run(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv }
): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: 'inherit' });
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))
		);
	});
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Serves a build with the app's own `scripts/serve.js`, as `npm run serve` would; resolves once that
 * server says it is listening. Something else already answering on the port must not be measured
 * instead (a kept profile reuses its port, and a server left over from another run may hold it), so
 * only the child's own "running" line counts, and its exit before that fails the bench.
 */
export async function serve(repo: string, buildDir: string, port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, [path.join(repo, 'scripts/serve.js')], {
		cwd: repo,
		env: { ...process.env, BUILD_DIR: buildDir, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let listening = false;
	child.on('exit', (code, signal) => {
		if (listening && (code !== null || signal !== 'SIGTERM'))
			console.error(`the bench server stopped (code ${code}, signal ${signal})`);
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill();
			reject(new Error(`the bench server did not start on port ${port} within 10 s`));
		}, 10_000);
		let said = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			said += chunk.toString();
			if (!listening && said.includes('is running at')) {
				listening = true;
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(new Error(`the bench server could not be started: ${error.message}`));
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			if (!listening)
				reject(new Error(`the bench server could not start on port ${port} (is it in use?), code ${code}`));
		});
	});
	return child;
}
