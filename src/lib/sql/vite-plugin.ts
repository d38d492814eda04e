import type { Plugin } from 'vite';
import { cachedDataDir } from './node-datadir.ts';

const ID = 'virtual:rehearse/sql-data-dir';
const RESOLVED = '\0' + ID;
const DEV_PATH = '/@rehearse/sql-data-dir.tar.gz';

/**
 * Serves the SQL worker its pre-initialised PostgreSQL data directory (datadir.ts: PGlite starts in a
 * second or two rather than running initdb in the browser). `virtual:rehearse/sql-data-dir` is its URL:
 * at build, an asset with a content hash in its name, which the service worker caches when first fetched
 * (vite.config.ts); in dev, served from memory. Made once per PGlite version and kept in
 * node_modules/.cache, so a build pays for it once (~5–10 s).
 *
 * The worker is bundled on its own, so vite.config.ts lists this plugin for workers too.
 */
export function sqlDataDirPlugin(): Plugin {
	let serving = false;
	return {
		name: 'rehearse-sql-data-dir',
		configResolved(config) {
			serving = config.command === 'serve';
		},
		resolveId: (id) => (id === ID ? RESOLVED : undefined),
		async load(id) {
			if (id !== RESOLVED) return undefined;
			if (serving) return `export default ${JSON.stringify(DEV_PATH)};`;
			const { bytes } = await cachedDataDir();
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
