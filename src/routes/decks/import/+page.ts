import { loadIndex } from '$lib/catalog';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ index: await loadIndex(fetch) });
