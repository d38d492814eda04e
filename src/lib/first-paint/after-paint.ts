/** How long the app waits for the browser to report the boot script's paint at most (ms). */
export const PAINT_WAIT_MS = 250;

/**
 * When a boot script has painted what the last visit stored (it marks `data-boot-painted` on the root
 * element), resolves once the browser has presented that first frame, so that loading and running the
 * app's modules does not compete with its raster (docs/performance.md). `hooks.client.ts` awaits it.
 *
 * It leaves one performance mark, `rehearse-app-start`, saying what let the app start: 'at once'
 * (nothing painted, or a background tab, which paints only once shown), 'paint', or 'timer' (no paint
 * reported within PAINT_WAIT_MS, or no paint timing in this browser).
 */
export function afterBootPaint(): Promise<void> {
	const painted = document.documentElement.dataset.bootPainted !== undefined;
	const waits = painted && document.visibilityState !== 'hidden';
	return new Promise((resolve) => {
		let observer: PerformanceObserver | undefined;
		let started = false;
		const timer = waits ? setTimeout(() => start('timer'), PAINT_WAIT_MS) : undefined;
		const start = (how: string) => {
			observer?.disconnect();
			clearTimeout(timer);
			// Only the first call marks: a paint reported after the timer started the app changes nothing.
			if (!started) performance.mark('rehearse-app-start', { detail: how });
			started = true;
			resolve();
		};
		if (!waits) return start('at once');
		try {
			observer = new PerformanceObserver((list) => {
				if (list.getEntries().some((e) => e.name === 'first-contentful-paint')) start('paint');
			});
			observer.observe({ type: 'paint', buffered: true });
		} catch {
			// No paint timing in this browser: the timer starts the app.
		}
	});
}
