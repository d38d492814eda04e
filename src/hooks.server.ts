import type { Handle } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { home, review } from 'virtual:rehearse/boot';
import { version } from '$app/environment';

/**
 * The boot script of the home and review pages (lib/first-paint/boot/), put at the end of their body,
 * after the app's tree (app.html), where it paints what the last visit stored before the app loads.
 */
const BOOT: Record<string, string> = {
	'/': `${home}boot();`,
	'/review': `${review}boot(${JSON.stringify(version)});`
};

export const handle: Handle = ({ event, resolve }) => {
	const code = event.route.id ? BOOT[event.route.id] : undefined;
	if (!code) return resolve(event);
	const body = `(()=>{${code.replace(/<\//g, '<\\/').replace(/<!--/g, '<\\!--')}})()`;
	const script = `<script>${body}</script>`;
	// The page's Content-Security-Policy (svelte.config.js) allows inline scripts by hash: add this one's.
	const hash = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
	return resolve(event, {
		transformPageChunk: ({ html, done }) => {
			const end = done ? html.lastIndexOf('</body>') : -1;
			if (end < 0) return html;
			const page = html.slice(0, end) + script + html.slice(end);
			return page.replace(/(http-equiv="content-security-policy" content="[^"]*?script-src )/, `$1${hash} `);
		}
	});
};
