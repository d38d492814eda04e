import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { decksPlugin } from './src/lib/decks/vite-plugin.ts';

export default defineConfig({
	plugins: [decksPlugin(), sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// Pure code takes `now` as a parameter; a fixed zone keeps local-day arithmetic in tests exact.
		env: { TZ: 'UTC' }
	}
});
