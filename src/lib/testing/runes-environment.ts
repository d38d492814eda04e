import type { Environment } from 'vitest/environments';

/**
 * The environment of the `*.svelte.test.ts` files: modules compiled for the browser, so that `$effect`
 * runs (Svelte's server build drops effects). Nothing else is set up: these tests use `fake-indexeddb`
 * and the stubbed `fetch` of `testing/decks.ts`, not a DOM.
 */
export default {
	name: 'runes',
	viteEnvironment: 'client',
	setup: () => ({ teardown() {} })
} satisfies Environment;
