import type { Plugin } from 'vite';
import { compiledDecks } from '../decks/vite-plugin.ts';
import { cachedDataDir } from './node-datadir.ts';

const ID = 'virtual:rehearse/sql-data-dir';
const RESOLVED = '\0' + ID;
const DEV_PATH = '/@rehearse/sql-data-dir.tar.gz';

/**
 * Serves the SQL worker its pre-initialised PostgreSQL data directory (datadir.ts: PGlite starts in a
 * second or two rather than running initdb in the browser). `virtual:rehearse/sql-data-dir` is its URL:
 * at build, an asset with a content hash in its name, which the service worker caches when first fetched
 * (vite.config.ts); in dev, served from memory. Made once per PGlite version and kept in
 * node_modules/.cache, so a build pays for it once (~5–10 s). The build's copy also holds every shipped
 * dataset already loaded (engine.ts `dataDirWithDatasets`), so the first exercise skips loading its
 * dataset (0.3–0.4 s of a cold start in Chromium); a deck whose datasets change makes a new one (~2 s).
 * Dev serves the base directory, and the engine loads datasets as they come.
 *
 * The worker is bundled on its own, so vite.config.ts lists this plugin for workers too.
 */
export function sqlDataDirPlugin(): Plugin {
	let serving = false;
	let root = process.cwd();
	return {
		name: 'rehearse-sql-data-dir',
		configResolved(config) {
			serving = config.command === 'serve';
			root = config.root;
		},
		resolveId: (id) => (id === ID ? RESOLVED : undefined),
		async load(id) {
			if (id !== RESOLVED) return undefined;
			if (serving) return `export default ${JSON.stringify(DEV_PATH)};`;
			const { decks, errors } = await compiledDecks(root);
			// Broken decks fail the build with their own errors (decks/vite-plugin.ts): none is preloaded here.
			const datasets = errors.length ? [] : decks.flatMap((d) => (d.datasets ?? []).map((s) => s.sql));
			const { bytes } = await cachedDataDir(datasets);
			const ref = this.emitFile({ type: 'asset', name: 'pgdata.tgz', source: bytes });
			return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
		},
		// PGlite's code gets a name (SvelteKit names worker chunks by hash alone), so that vite.config.ts can
		// keep it out of the service worker's precache, which every visitor downloads.
		outputOptions(output) {
			const names = output.chunkFileNames;
			if (names === undefined) return undefined;
			return {
				...output,
				chunkFileNames: (chunk) => {
					if (chunk.moduleIds.some((id) => /[\\/]@electric-sql[\\/]pglite[\\/]/.test(id)))
						return '_app/immutable/workers/chunks/pglite-[hash].js';
					return typeof names === 'function' ? names(chunk) : names;
				}
			};
		},
		configureServer(server) {
			server.middlewares.use(DEV_PATH, (_req, res, next) => {
				cachedDataDir().then(({ bytes }) => {
					res.setHeader('Content-Type', 'application/gzip');
					res.end(bytes);
				}, next);
			});
		}
	};
}
