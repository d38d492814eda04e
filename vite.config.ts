import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { decksPlugin } from './src/lib/decks/vite-plugin.ts';
import { bootPlugin } from './src/lib/first-paint/vite-plugin.ts';
import { unlessBuildFailed } from './src/lib/offline/vite-plugin.ts';
import { sqlDataDirPlugin } from './src/lib/sql/vite-plugin.ts';

/**
 * The service worker (Workbox, generated at build) and the web app manifest. The worker precaches the
 * whole build: the app's code, every prerendered page (deck pages included) and every deck's JSON, so
 * that after one visit everything works with no network. A new build waits until the person reloads
 * (`src/lib/offline/`): never a reload under them.
 */
const pwa = {
	registerType: 'prompt',
	// The app registers the worker itself, lazily, once the page is idle (src/lib/offline/start.ts).
	injectRegister: false,
	kit: { adapterFallback: '200.html', spa: true, trailingSlash: 'never' },
	workbox: {
		globPatterns: ['client/**/*.{js,css,svg,png,webmanifest}', 'prerendered/**/*.{html,json}'],
		// PGlite's code (0.5 MB; src/lib/sql/vite-plugin.ts names its chunks) is for the SQL exercises only.
		globIgnores: ['client/_app/immutable/workers/chunks/pglite-*.js'],
		// Deck pages are the largest files (~200 KB): well under the limit, which only guards mistakes.
		maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
		// Pages read their query (`/review?deck=…`) in the browser: every query is served the same page.
		ignoreURLParametersMatching: [/./],
		// The first worker takes charge of the page that installed it, so that page already works offline.
		clientsClaim: true,
		// The optimiser's wasm (1.7 MB) is not precached: it loads only when someone opens the optimiser,
		// and is kept from then on (its name carries a content hash), so it works offline after one use.
		runtimeCaching: [
			// PostgreSQL for the SQL exercises (src/lib/sql/): its code, wasm (9.5 MB), file-system bundle (6.3
			// MB) and data directory (2.4 MB) load only when the first exercise opens, and are kept from then
			// on. Listed first, as the wasm rule below would also take its wasm. Eight entries hold one build's
			// files (seven), so a new build's files push out the old ones.
			{
				urlPattern:
					/\/_app\/immutable\/workers\/(chunks\/pglite-[^/]*\.js|assets\/(pglite-[^/]*\.(wasm|data)|pgdata-[^/]*\.tgz))$/,
				handler: 'CacheFirst',
				options: { cacheName: 'rehearse-sql', expiration: { maxEntries: 8 } }
			},
			{
				urlPattern: /\/_app\/immutable\/.*\.wasm$/,
				handler: 'CacheFirst',
				options: { cacheName: 'rehearse-optimiser', expiration: { maxEntries: 2 } }
			}
		]
	},
	manifest: {
		name: 'Rehearse',
		short_name: 'Rehearse',
		description: 'Daily review, quizzes and mock interviews for backend developers.',
		id: '/',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		background_color: '#fbfaf7',
		theme_color: '#fbfaf7',
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
			{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
			{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' }
		]
	}
} satisfies Parameters<typeof SvelteKitPWA>[0];

export default defineConfig({
	plugins: [
		decksPlugin(),
		bootPlugin(),
		sqlDataDirPlugin(),
		sveltekit(),
		...unlessBuildFailed(SvelteKitPWA(pwa))
	],
	// The SQL worker (src/lib/sql/worker.ts) loads PGlite with a dynamic import, which only module workers
	// can split off; and it imports its data directory's URL from the plugin.
	worker: { format: 'es', plugins: () => [sqlDataDirPlugin()] },
	// PGlite finds its wasm beside its own code; pre-bundling in dev would move the code away from it.
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	resolve: {
		// Dexie's ES2016+ build rather than its ES5 one behind the package's import wrapper: the same API,
		// 4 KB gzip less on every page (the wrapper only guards against two copies of Dexie, and the app
		// bundles one).
		alias: [{ find: /^dexie$/, replacement: path.resolve('node_modules/dexie/dist/modern/dexie.mjs') }]
	},
	build: {
		// No preload helper for the app's own lazy imports (the first-paint patch, the undo): it would cost
		// every page's first load ~450 bytes gzip to save a round trip on code that is off the first paint.
		modulePreload: false,
		rolldownOptions: {
			output: {
				codeSplitting: {
					// Modules nearly every page loads, in a few files rather than many: each file costs its own
					// request and compresses on its own, which counts against the review's 80 KB budget.
					groups: [
						{
							// The storage layer, with Dexie and what keeps the first-paint cache in step with it.
							name: 'db',
							test: /([\\/]src[\\/]lib[\\/]db[\\/](schema|settings|reviews|errors|database|connection\.svelte)\.ts|[\\/]src[\\/]lib[\\/]first-paint[\\/](watch|store|format)\.ts|[\\/]node_modules[\\/]dexie[\\/])/
						},
						{
							// A few tiny modules.
							name: 'small',
							test: /([\\/]src[\\/]lib[\\/](clock|id|scheduling[\\/]day|ui[\\/](format|theme))\.ts|[\\/]svelte[\\/]src[\\/]internal[\\/]disclose-version\.js)$/
						}
					]
				}
			}
		}
	},
	test: {
		// Pure code takes `now` as a parameter; a fixed zone keeps local-day arithmetic in tests exact.
		env: { TZ: 'UTC' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts'],
					environment: 'node'
				}
			},
			{
				// State classes with effects: compiled for the browser (see testing/runes-environment.ts).
				extends: true,
				plugins: [
					{
						name: 'runes-tests-app-paths',
						enforce: 'pre',
						// `$app/paths`, as it comes out of SvelteKit's alias.
						resolveId: (id) =>
							/(^\$app|[\\/]runtime[\\/]app)[\\/]paths([\\/]index\.js)?$/.test(id)
								? path.resolve('src/lib/testing/app-paths.ts')
								: null
					}
				],
				resolve: { conditions: ['browser'] },
				test: {
					name: 'runes',
					include: ['src/**/*.svelte.test.ts'],
					environment: './src/lib/testing/runes-environment.ts'
				}
			}
		]
	}
});
