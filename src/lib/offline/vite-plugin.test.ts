import { describe, expect, it, vi } from 'vitest';
import type { Plugin } from 'vite';
import { unlessBuildFailed } from './vite-plugin';

/** A plugin like vite-pwa's: its closing step as an object hook, and one as a plain function. */
function plugins() {
	const objectHook = vi.fn();
	const functionHook = vi.fn();
	const wrapped = unlessBuildFailed([
		{ name: 'object', closeBundle: { sequential: true, order: 'pre', handler: objectHook } },
		{ name: 'function', closeBundle: functionHook },
		{ name: 'none' }
	]);
	const close = (p: Plugin) => {
		const hook = p.closeBundle;
		if (!hook) return;
		void (typeof hook === 'function' ? hook : hook.handler).call({} as never);
	};
	return { wrapped, objectHook, functionHook, closeAll: () => wrapped.forEach(close) };
}

describe("vite-pwa's closing step", () => {
	it('runs after a build that succeeded, with its hook options kept', () => {
		const { wrapped, objectHook, functionHook, closeAll } = plugins();
		(wrapped[0]!.buildEnd as (e?: Error) => void)();
		closeAll();
		expect(objectHook).toHaveBeenCalledOnce();
		expect(functionHook).toHaveBeenCalledOnce();
		expect(wrapped.find((p) => p.name === 'object')!.closeBundle).toMatchObject({
			sequential: true,
			order: 'pre'
		});
	});

	it('is skipped after a build that failed, so its error does not hide the build’s own', () => {
		for (const fail of ['buildEnd', 'renderError'] as const) {
			const { wrapped, objectHook, functionHook, closeAll } = plugins();
			(wrapped[0]![fail] as (e?: Error) => void)(new Error('decks/x.md:3: a broken deck'));
			closeAll();
			expect(objectHook).not.toHaveBeenCalled();
			expect(functionHook).not.toHaveBeenCalled();
		}
	});
});
