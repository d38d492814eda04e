import type { Plugin, PluginOption } from 'vite';

/**
 * Vite-pwa writes the service worker when the server build closes, from the client build's output. A
 * build that failed (a broken deck, say) has none, and vite-pwa's "no such file: version.json" would be
 * the only error the person sees, in place of the one that says what is wrong and where. So its closing
 * step is skipped once the build has failed.
 */
export function unlessBuildFailed(plugins: PluginOption[]): Plugin[] {
	let failed = false;
	const watch: Plugin = {
		name: 'rehearse:build-failed',
		buildEnd(error) {
			if (error) failed = true;
		},
		renderError() {
			failed = true;
		}
	};
	return [
		watch,
		...(plugins.flat() as Plugin[]).map((plugin): Plugin => {
			const hook = plugin.closeBundle;
			if (!hook) return plugin;
			const handler = typeof hook === 'function' ? hook : hook.handler;
			const closeBundle = function (this: unknown, ...args: unknown[]) {
				if (!failed) return (handler as (...a: unknown[]) => unknown).apply(this, args);
			};
			return {
				...plugin,
				closeBundle: (typeof hook === 'function'
					? closeBundle
					: { ...hook, handler: closeBundle }) as Plugin['closeBundle']
			};
		})
	];
}
