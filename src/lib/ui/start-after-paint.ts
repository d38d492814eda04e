/**
 * When a boot script has painted what the last visit stored (home figures, the review's first card;
 * both mark `data-boot-painted` on the root element), the app's start waits until the browser has
 * presented that first frame. Loading and running the app's modules (about 30 ms of main-thread work
 * on a warm reload) otherwise competes with the compositor's raster of the frame, on the two cores of
 * the bench's machine, and holds back what the person sees: home's first contentful paint went from
 * 144–152 to 124 ms median (warm), and the app's own live read was not later.
 *
 * It leaves a performance mark, `rehearse-app-start`, when it lets the app load (browser tests check the
 * order). Self-contained: `deferKitStart` inlines its source text into each prerendered page.
 */
export function afterBootPaint(): Promise<void> {
	const start = () => void performance.mark('rehearse-app-start');
	if (document.documentElement.dataset.bootPainted === undefined) return Promise.resolve(start());
	return new Promise((resolve) => {
		// A page loaded in a background tab paints only once shown; start anyway after a moment.
		const timer = setTimeout(() => resolve(start()), 250);
		try {
			new PerformanceObserver((list, observer) => {
				if (!list.getEntries().some((e) => e.name === 'first-contentful-paint')) return;
				observer.disconnect();
				clearTimeout(timer);
				resolve(start());
			}).observe({ type: 'paint', buffered: true });
		} catch {
			// No paint timing in this browser: the timer starts the app.
		}
	});
}

const START = 'Promise.all([';
const THEN = ']).then(([kit, app]) =>';

/**
 * Rewrites SvelteKit's start script in a prerendered page so that it loads the app only after
 * `afterBootPaint`. Throws if the page's start script is not the one this was written for (a
 * SvelteKit upgrade that changes it then fails the build, not the first paint).
 */
export function deferKitStart(html: string): string {
	const start = html.indexOf(START);
	const then = html.indexOf(THEN, start);
	if (start < 0 || then < 0 || html.indexOf(START, start + 1) >= 0 || html.indexOf(THEN, then + 1) >= 0)
		throw new Error(
			`deferKitStart: the page does not have exactly one SvelteKit start script ("${START}…${THEN}")`
		);
	return (
		html.slice(0, start) +
		`(${afterBootPaint})().then(() => ${START}` +
		html.slice(start + START.length, then) +
		`])).then(([kit, app]) =>` +
		html.slice(then + THEN.length)
	);
}
