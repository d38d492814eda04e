import type { ClientInit } from '@sveltejs/kit';
import { afterBootPaint } from '$lib/first-paint/after-paint';

/** SvelteKit loads the layout and the page only once this resolves: after a boot script's first paint. */
export const init: ClientInit = afterBootPaint;
