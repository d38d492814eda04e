import path from 'node:path';
import type { Plugin } from 'vite';
import { compileDecks, type Collection } from './collection.ts';
import { formatDeckError } from './types.ts';

const compiled = new Map<string, Promise<Collection>>();

/**
 * The decks of `root`'s `decks/` folder (or of REHEARSE_DECKS_ROOT's, which builds from another folder's
 * decks, e.g. a subset while writing content), compiled once per process: the deck plugin and the SQL data
 * directory's plugin (sql/vite-plugin.ts, for the shipped datasets) both need them in one build.
 */
export function compiledDecks(root: string): Promise<Collection> {
	const from = process.env.REHEARSE_DECKS_ROOT ?? root;
	let decks = compiled.get(from);
	if (!decks) compiled.set(from, (decks = compileDecks(from)));
	return decks;
}

const ID = 'virtual:rehearse/decks';
const RESOLVED = '\0' + ID;

/**
 * Compiles `decks/**.md` at build time into a virtual module that only the prerendered JSON endpoints
 * import (so deck content never lands in the client bundle). Any deck error fails the build, listing
 * every error as `decks/<topic>/<deck>.md:LINE: message`.
 */
export function decksPlugin(): Plugin {
	let root = process.cwd();
	const decksRoot = () => process.env.REHEARSE_DECKS_ROOT ?? root;
	return {
		name: 'rehearse-decks',
		configResolved(config) {
			root = config.root;
		},
		resolveId(id) {
			return id === ID ? RESOLVED : undefined;
		},
		async load(id) {
			if (id !== RESOLVED) return undefined;
			const { decks, errors } = await compiledDecks(root);
			if (errors.length) {
				const list = errors.map(formatDeckError).join('\n');
				this.error(`${errors.length} deck error(s):\n${list}\n\nSee decks/README.md for the format.`);
			}
			this.addWatchFile(path.join(decksRoot(), 'decks'));
			return `export default ${JSON.stringify(decks)};`;
		},
		configureServer(server) {
			server.watcher.add(path.join(root, 'decks'));
			server.watcher.on('all', (_event, file) => {
				if (!file.startsWith(path.join(root, 'decks')) || !file.endsWith('.md')) return;
				compiled.clear();
				const mod = server.moduleGraph.getModuleById(RESOLVED);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			});
		}
	};
}
