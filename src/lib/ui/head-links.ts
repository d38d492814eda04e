import { asset } from '$app/paths';

/**
 * The icon and the web app manifest, added once the app is running rather than written in app.html.
 * Chromium fetches both right after the page's load event, and the icon, an SVG, becomes a small document
 * of its own: on the bench's machine that work (8–15 ms on the main thread) fell between the first frame
 * and its pixels reaching the screen, and delayed them (docs/performance.md). Added when the browser is
 * idle after start-up, they cost the same but no longer hold back the first paint.
 */
export const HEAD_LINKS = [
	{ rel: 'icon', href: asset('/favicon.svg'), type: 'image/svg+xml' },
	{ rel: 'manifest', href: asset('/manifest.webmanifest') }
] as const;

/** Adds the links to the document's head, skipping any that is already there. */
export function addHeadLinks(doc: Document = document): void {
	for (const link of HEAD_LINKS) {
		if (doc.head.querySelector(`link[rel="${link.rel}"]`)) continue;
		const element = doc.createElement('link');
		element.rel = link.rel;
		element.href = link.href;
		if ('type' in link) element.type = link.type;
		doc.head.append(element);
	}
}

/** Adds the links when the browser is next idle (within a second), or after 200 ms where it cannot say. */
export function addHeadLinksWhenIdle(): void {
	if ('requestIdleCallback' in window) requestIdleCallback(() => addHeadLinks(), { timeout: 1000 });
	else setTimeout(() => addHeadLinks(), 200);
}
