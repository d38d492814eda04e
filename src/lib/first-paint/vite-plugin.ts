import path from 'node:path';
import { build, type Plugin } from 'vite';

const ID = 'virtual:rehearse/boot';
const RESOLVED = '\0' + ID;
const ENTRIES = { home: 'boot/home.ts', review: 'boot/review.ts' };

/**
 * The boot scripts (boot/*.ts, ordinary modules) as a virtual module of strings: each one bundled with
 * what it imports into a minified, browser-targeted script that defines `boot` (its default export).
 * Only the server imports it (hooks.server.ts), to put a page's script in the prerendered HTML.
 */
export function bootPlugin(): Plugin {
	let lib = '';
	return {
		name: 'rehearse-boot',
		configResolved(config) {
			lib = path.join(config.root, 'src/lib');
		},
		resolveId: (id) => (id === ID ? RESOLVED : undefined),
		async load(id) {
			if (id !== RESOLVED) return undefined;
			const scripts: Record<string, string> = {};
			for (const [name, file] of Object.entries(ENTRIES)) {
				const entry = path.join(lib, 'first-paint', file);
				this.addWatchFile(entry);
				scripts[name] = await bundle(entry, lib);
			}
			return Object.entries(scripts)
				.map(([name, code]) => `export const ${name} = ${JSON.stringify(code)};`)
				.join('\n');
		}
	};
}

async function bundle(entry: string, lib: string): Promise<string> {
	const result = await build({
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: lib } },
		build: {
			write: false,
			target: 'es2020',
			minify: true,
			lib: { entry, formats: ['iife'], name: 'boot' },
			rolldownOptions: { output: { exports: 'default' } }
		}
	});
	const outputs = Array.isArray(result) ? result : [result];
	const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
	if (!chunk || chunk.type !== 'chunk') throw new Error(`boot script ${entry}: the bundler gave no code`);
	return chunk.code;
}
