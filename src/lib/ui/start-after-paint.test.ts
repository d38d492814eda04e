import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterBootPaint, deferKitStart } from './start-after-paint';

// The shape of the start script SvelteKit 2 writes at the end of every page's body.
const page = (script: string) =>
	`<!doctype html><html><body><div>app</div><script>${script}</script></body></html>`;
const KIT_START = `{
	const element = document.currentScript.parentElement;
	Promise.all([
		import("./_app/immutable/entry/start.js"),
		import("./_app/immutable/entry/app.js")
	]).then(([kit, app]) => {
		kit.start(app, element, { node_ids: [0, 2] });
	});
}`;

describe('deferKitStart', () => {
	it('makes the start script load the app after afterBootPaint, and leaves the rest of the page', () => {
		const out = deferKitStart(page(KIT_START));
		expect(out.startsWith('<!doctype html><html><body><div>app</div><script>{')).toBe(true);
		expect(out).toContain(`(${afterBootPaint})().then(() => Promise.all([`);
		expect(out).toContain(`])).then(([kit, app]) => {\n\t\tkit.start(app, element, { node_ids: [0, 2] });`);
		expect(out.match(/import\(/g)).toHaveLength(2);
		// Still one valid script (dynamic import is allowed in a function body).
		const script = out.slice(out.indexOf('<script>') + 8, out.indexOf('</script>'));
		expect(() => new Function(script)).not.toThrow();
	});

	it('fails loudly on a page whose start script it does not know, or that has two', () => {
		expect(() => deferKitStart(page('start()'))).toThrow(/exactly one SvelteKit start script/);
		expect(() => deferKitStart(page(KIT_START) + page(KIT_START))).toThrow(/exactly one/);
	});
});

describe('afterBootPaint', () => {
	let marks: string[];
	let observers: { callback: (list: unknown, o: unknown) => void; disconnected: boolean }[];
	const root = { dataset: {} as Record<string, string> };

	beforeEach(() => {
		vi.useFakeTimers();
		observers = [];
		marks = [];
		root.dataset = {};
		vi.stubGlobal('document', { documentElement: root });
		vi.stubGlobal('performance', { mark: (name: string) => marks.push(name) });
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
		expect(marks).toEqual(['rehearse-app-start']);
	});

	it('after a boot paint, waits for the first contentful paint, not any paint', async () => {
		root.dataset.bootPainted = '';
		const waiting = afterBootPaint();
		paint('first-paint');
		expect(await settled(waiting)).toBe(false);
		expect(marks).toEqual([]);
		paint('first-contentful-paint');
		expect(await settled(waiting)).toBe(true);
		expect(marks).toEqual(['rehearse-app-start']);
		expect(observers[0]!.disconnected).toBe(true);
	});

	it('starts anyway after 250 ms when no paint comes (a background tab)', async () => {
		root.dataset.bootPainted = '';
		const waiting = afterBootPaint();
		await vi.advanceTimersByTimeAsync(249);
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(waiting)).toBe(true);
		expect(marks).toEqual(['rehearse-app-start']);
	});

	it('starts after 250 ms in a browser without paint timing', async () => {
		root.dataset.bootPainted = '';
		vi.stubGlobal(
			'PerformanceObserver',
			class {
				observe() {
					throw new TypeError('type "paint" is not supported');
				}
			}
		);
		const waiting = afterBootPaint();
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(250);
		expect(await settled(waiting)).toBe(true);
	});
});
