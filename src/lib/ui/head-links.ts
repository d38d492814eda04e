import { asset } from '$app/paths';

/**
 * Sets the page's icon and adds the web app manifest once the browser is idle after the app has started
 * (within a second; after 200 ms where the browser cannot say), rather than naming them in app.html, which
 * has only an empty icon (so that the browser does not ask for /favicon.ico). Chromium fetches both right
 * after the page's load event, and the icon, an SVG, becomes a small document of its own: in traces of a
 * warm home reload that work (the manifest request 5–8 ms, the icon 5–11 ms on the main thread) fell
 * between the frame with the figures and its presentation (docs/performance.md). Called once per page
 * load, from the root layout.
 */
export function addHeadLinksWhenIdle(): void {
	const add = () => {
		const icon = document.head.querySelector<HTMLLinkElement>('link[rel="icon"]');
		if (icon) icon.href = asset('/favicon.svg');
		const manifest = document.createElement('link');
		manifest.rel = 'manifest';
		manifest.href = asset('/manifest.webmanifest');
		document.head.append(manifest);
	};
	if ('requestIdleCallback' in window) requestIdleCallback(add, { timeout: 1000 });
	else setTimeout(add, 200);
}
