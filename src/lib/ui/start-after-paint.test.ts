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
	});

	it('gives a script that, run on its own as the browser runs it, starts the app once the page has painted', async () => {
		const out = deferKitStart(page(KIT_START));
		const script = out.slice(out.indexOf('<script>') + 8, out.indexOf('</script>'));
		// Only what a page has: no app module is in scope. import() is the one stand-in (a Function body
		// cannot load modules); it hands back a kit whose start is recorded.
		const started: unknown[] = [];
		const imports: string[] = [];
		let deliver: (names: string[]) => void = () => {};
		const globals = {
			document: {
				currentScript: { parentElement: 'body' },
				documentElement: { dataset: { bootPainted: '' } }
			},
			performance: { mark: () => undefined },
			setTimeout: () => 0,
			clearTimeout: () => undefined,
			PerformanceObserver: class {
				constructor(callback: (list: unknown, o: unknown) => void) {
					deliver = (names) => callback({ getEntries: () => names.map((name) => ({ name })) }, this);
				}
				observe() {}
				disconnect() {}
			},
			__import: (url: string) => {
				imports.push(url);
				return Promise.resolve(url.includes('start') ? { start: (...a: unknown[]) => started.push(a) } : {});
			}
		};
		new Function(...Object.keys(globals), script.replaceAll('import(', '__import('))(
			...Object.values(globals)
		);
		await new Promise((r) => setTimeout(r, 0));
		expect(imports).toEqual([]);
		deliver(['first-contentful-paint']);
		await new Promise((r) => setTimeout(r, 0));
		expect(imports).toEqual(['./_app/immutable/entry/start.js', './_app/immutable/entry/app.js']);
		expect(started).toEqual([[{}, 'body', { node_ids: [0, 2] }]]);
	});

	it('looks only inside the start script, and fails loudly on a page without one or with two', () => {
		const card = '<p>Promise.all([a, b]).then(([kit, app]) => x)</p>';
		expect(deferKitStart(card + page(KIT_START)).startsWith(card)).toBe(true);
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
			}
		);
		const waiting = afterBootPaint();
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(250);
		expect(await settled(waiting)).toBe(true);
	});
});
