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
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
