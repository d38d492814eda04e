import type { Handle } from '@sveltejs/kit';
import { deferKitStart } from '$lib/ui/start-after-paint';

/**
 * Every rendered page (prerendered at build time, or served by `vite dev`): SvelteKit's start script
 * waits for a boot script's first paint. A page streamed in several chunks would have its start script
 * in an earlier one; deferKitStart then fails on the last chunk instead of leaving the page as it was.
 */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { transformPageChunk: ({ html, done }) => (done ? deferKitStart(html) : html) });
