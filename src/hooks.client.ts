import type { ClientInit } from '@sveltejs/kit';

/**
 * Runs before the app hydrates. When the page's boot script has already painted what the last visit
 * stored (home figures, the review's first card; both mark `data-boot-painted` on the root element),
 * let the browser show that frame before hydration takes the main thread for tens of milliseconds.
 */
export const init: ClientInit = async () => {
	if (document.documentElement.dataset.bootPainted !== undefined)
		await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
};
