import type { Handle } from '@sveltejs/kit';
import { deferKitStart } from '$lib/ui/start-after-paint';

/** Runs while prerendering: every page's SvelteKit start waits for a boot script's first paint. */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html, done }) => (done && html.includes('</html>') ? deferKitStart(html) : html)
	});
