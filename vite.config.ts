import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { decksPlugin } from './src/lib/decks/vite-plugin.ts';

export default defineConfig({
	plugins: [decksPlugin(), sveltekit()],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					// A few tiny modules every page loads, in one file rather than four: each file costs its own
					// request and compresses on its own, which counts against the review's 80 KB budget.
					groups: [
						{
							name: 'small',
							test: /([\\/]src[\\/]lib[\\/](clock|ui[\\/]format|ui[\\/]theme)\.ts|[\\/]svelte[\\/]src[\\/]internal[\\/]disclose-version\.js)$/
						}
					]
				}
			}
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// Pure code takes `now` as a parameter; a fixed zone keeps local-day arithmetic in tests exact.
		env: { TZ: 'UTC' }
	}
});
