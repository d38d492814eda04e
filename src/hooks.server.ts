import type { Handle } from '@sveltejs/kit';
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
	const script = `<script>(()=>{${code.replace(/<\//g, '<\\/').replace(/<!--/g, '<\\!--')}})()</script>`;
	return resolve(event, {
		transformPageChunk: ({ html, done }) => {
			const end = done ? html.lastIndexOf('</body>') : -1;
			return end < 0 ? html : html.slice(0, end) + script + html.slice(end);
		}
	});
};
