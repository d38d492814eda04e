import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// Everything that can be prerendered is (home, decks, deck pages, the JSON API); the person's
		// own state comes from IndexedDB in the browser. Unknown paths fall back to the SPA shell.
		adapter: adapter({ fallback: '200.html', strict: true }),
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
		// The stylesheets are small (5 KB at most): inline in each page, they cannot hold back its first
		// paint or the home page's boot script, which on a cold browser start waited 70–120 ms for them.
		inlineStyleThreshold: 8192
	}
};

export default config;
