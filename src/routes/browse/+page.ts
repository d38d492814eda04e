import { loadIndex } from '$lib/catalog';
import type { PageLoad } from './$types';

/** The deck index; the page reads its query and open card from the address in the browser. */
export const load: PageLoad = async ({ fetch }) => ({ index: await loadIndex(fetch) });
