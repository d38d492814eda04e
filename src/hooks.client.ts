import type { ClientInit } from '@sveltejs/kit';

/**
 * Runs before the app hydrates. When the page's boot script has already painted what the last visit
 * stored (home figures, the review's first card), let the browser show that frame before hydration
 * takes the main thread for tens of milliseconds.
 */
export const init: ClientInit = async () => {
	const painted =
		document.querySelector('[data-review-boot][data-card-id]') ||
		/^\d+$/.test(document.querySelector('[data-headline="due"]')?.textContent ?? '');
	if (painted) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
};
