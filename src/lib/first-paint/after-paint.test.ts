import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterBootPaint } from './after-paint';

describe('afterBootPaint', () => {
	let marks: string[];
	let observers: { callback: (list: unknown, o: unknown) => void; disconnected: boolean }[];
	const root = { dataset: {} as Record<string, string> };

	beforeEach(() => {
		vi.useFakeTimers();
		observers = [];
		marks = [];
		root.dataset = {};
		vi.stubGlobal('document', { documentElement: root, visibilityState: 'visible' });
		vi.stubGlobal('performance', {
			mark: (name: string, options: { detail: string }) => marks.push(`${name}: ${options.detail}`)
		});
		vi.stubGlobal(
			'PerformanceObserver',
			class {
				entry: (typeof observers)[number];
				constructor(callback: (list: unknown, o: unknown) => void) {
					this.entry = { callback, disconnected: false };
					observers.push(this.entry);
				}
				observe() {}
				disconnect() {
					this.entry.disconnected = true;
				}
			}
		);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	/** Delivers paint entries with these names to every observer, as the browser would. */
	const paint = (...names: string[]) => {
		for (const o of observers) {
			const observer = { disconnect: () => (o.disconnected = true) };
			o.callback({ getEntries: () => names.map((name) => ({ name })) }, observer);
		}
	};
	const settled = async (p: Promise<void>) => {
		let done = false;
		void p.then(() => (done = true));
		await vi.advanceTimersByTimeAsync(0);
		return done;
	};

	it('resolves at once when no boot script painted', async () => {
		expect(await settled(afterBootPaint())).toBe(true);
		expect(observers).toHaveLength(0);
		expect(marks).toEqual(['rehearse-app-start: at once']);
	});

	it('after a boot paint, waits for the first contentful paint, not any paint', async () => {
		root.dataset.bootPainted = '';
		const waiting = afterBootPaint();
		paint('first-paint');
		expect(await settled(waiting)).toBe(false);
		expect(marks).toEqual([]);
		paint('first-contentful-paint');
		expect(await settled(waiting)).toBe(true);
		expect(marks).toEqual(['rehearse-app-start: paint']);
		expect(observers[0]!.disconnected).toBe(true);
	});

	it('starts anyway after 250 ms when no paint is reported', async () => {
		root.dataset.bootPainted = '';
		const waiting = afterBootPaint();
		await vi.advanceTimersByTimeAsync(249);
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(waiting)).toBe(true);
		expect(marks).toEqual(['rehearse-app-start: timer']);
	});

	it('lets go of its observer when the timer starts the app, and marks the start once (B9)', async () => {
		root.dataset.bootPainted = '';
		const waiting = afterBootPaint();
		await vi.advanceTimersByTimeAsync(250);
		expect(await settled(waiting)).toBe(true);
		expect(observers[0]!.disconnected).toBe(true);
		paint('first-contentful-paint');
		expect(marks).toEqual(['rehearse-app-start: timer']);
	});

	it('does not wait in a background tab, which paints only once shown', async () => {
		root.dataset.bootPainted = '';
		vi.stubGlobal('document', { documentElement: root, visibilityState: 'hidden' });
		expect(await settled(afterBootPaint())).toBe(true);
		expect(marks).toEqual(['rehearse-app-start: at once']);
	});

	it('starts after 250 ms in a browser without paint timing', async () => {
		root.dataset.bootPainted = '';
		vi.stubGlobal(
			'PerformanceObserver',
			class {
				observe() {
					throw new TypeError('type "paint" is not supported');
				}
				disconnect() {}
			}
		);
		const waiting = afterBootPaint();
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(250);
		expect(await settled(waiting)).toBe(true);
	});
});
