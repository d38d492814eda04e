import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A CSP source allowing exactly this inline script. */
const hashOf = (code) => `sha256-${createHash('sha256').update(code).digest('base64')}`;

// app.html's own inline script (the theme, applied before the first paint). SvelteKit hashes the inline
// scripts it writes; the boot scripts of home and review get theirs in hooks.server.ts.
const appScripts = [...readFileSync('src/app.html', 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
	(m) => hashOf(m[1])
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// Everything that can be prerendered is (home, decks, deck pages, the JSON API); the person's
		// own state comes from IndexedDB in the browser. Unknown paths fall back to the SPA shell.
		// BUILD_DIR builds into another folder (scripts/serve.js serves it the same way): the offline browser
		// test serves a second build there to see the update prompt.
		adapter: adapter({
			pages: process.env.BUILD_DIR ?? 'build',
			assets: process.env.BUILD_DIR ?? 'build',
			fallback: '200.html',
			strict: true
		}),
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		// The stylesheets are small (5 KB at most): inline in each page, they cannot hold back its first
		// paint or the home page's boot script, which on a cold browser start waited 70–120 ms for them.
		inlineStyleThreshold: 8192,
		// A Content-Security-Policy in every page (a <meta> tag, since pages are prerendered): scripts only
		// from this origin or inline ones whose hash is listed, never `unsafe-inline` scripts. Requests may go
		// to this origin, to any HTTPS server (a sync server the person chooses) and to a server on this
		// machine (a local CouchDB). Styles may be inline: Svelte's transitions write <style> elements.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// 'wasm-unsafe-eval': the optimiser's worker compiles fsrs-rs's WebAssembly. A <meta> policy does
				// not reach a worker, but a host that sends this policy as a header does, so it must allow it.
				'script-src': ['self', 'wasm-unsafe-eval', ...appScripts],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self', 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
