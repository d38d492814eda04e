/**
 * When a boot script has painted what the last visit stored (home figures, the review's first card;
 * both mark `data-boot-painted` on the root element), the app's start waits until the browser has
 * presented that first frame. Loading and running the app's modules (about 30 ms of main-thread work
 * on a warm reload) otherwise competes with the compositor's raster of the frame, on the two cores of
 * the bench's machine, and holds back what the person sees (see docs/performance.md for the figures).
 *
 * It leaves a performance mark, `rehearse-app-start`, when it lets the app load, with what let it:
 * 'at once' (nothing painted, or a tab in the background, which paints only once shown), 'paint' or
 * 'timer' (no paint reported within 250 ms, or no paint timing in this browser). Browser tests check
 * it. Self-contained: `deferKitStart` inlines its source text into each prerendered page.
 */
export function afterBootPaint(): Promise<void> {
	const start = (how: string) => void performance.mark('rehearse-app-start', { detail: how });
	if (document.documentElement.dataset.bootPainted === undefined || document.visibilityState === 'hidden')
		return Promise.resolve(start('at once'));
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(start('timer')), 250);
		try {
			new PerformanceObserver((list, observer) => {
				if (!list.getEntries().some((e) => e.name === 'first-contentful-paint')) return;
				observer.disconnect();
				clearTimeout(timer);
				resolve(start('paint'));
			}).observe({ type: 'paint', buffered: true });
		} catch {
			// No paint timing in this browser: the timer starts the app.
		}
	});
}

/** Where SvelteKit's start script begins: it reads its own parent element first. */
const SCRIPT = 'const element = document.currentScript.parentElement;';
const START = 'Promise.all([';
const THEN = ']).then(([kit, app]) =>';

/**
 * Rewrites SvelteKit's start script in a prerendered page so that it loads the app only after
 * `afterBootPaint`. Only the start script is searched (a card's text may contain anything). Throws if
 * the page has no such script, or one this was not written for: a SvelteKit upgrade that changes it
 * then fails the build, not the first paint.
 */
export function deferKitStart(html: string): string {
	const script = html.indexOf(SCRIPT);
	const end = html.indexOf('</script>', script);
	const start = script < 0 ? -1 : html.indexOf(START, script);
	const then = start < 0 ? -1 : html.indexOf(THEN, start);
	if (script < 0 || html.indexOf(SCRIPT, script + 1) >= 0 || start < 0 || then < 0 || then > end)
		throw new Error(
			`deferKitStart: the page does not have exactly one SvelteKit start script ("${SCRIPT}" … "${START}…${THEN}")`
		);
	return (
		html.slice(0, start) +
		`(${afterBootPaint})().then(() => ${START}` +
		html.slice(start + START.length, then) +
		`])).then(([kit, app]) =>` +
		html.slice(then + THEN.length)
	);
}
