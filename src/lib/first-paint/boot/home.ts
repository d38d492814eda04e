import { headlineText } from '$lib/home/headline';
import { countsFromSnapshot } from '../counts';
import { SNAPSHOT_KEY, parseSnapshot, timeZone } from '../format';
import { readItem } from '../store';

/**
 * The home page's boot script (see vite-plugin.ts): paints the headline figures from the stored
 * snapshot while the page is still being parsed. It writes only the text of the figures' existing text
 * nodes, so the app hydrates the same elements and, from the same snapshot, shows the same text.
 */
export default function bootHome(): void {
	const section = document.querySelector<HTMLElement>('[data-flashcards]');
	if (!section) return;
	const s = parseSnapshot(readItem(SNAPSHOT_KEY));
	const counts = countsFromSnapshot(s, Date.now(), timeZone(), JSON.parse(section.dataset.flashcards!));
	if (!counts) return;
	const text = headlineText(counts);
	for (const [name, value] of Object.entries(text)) {
		const node = section.querySelector(`[data-headline="${name}"]`)?.firstChild;
		if (node?.nodeType === Node.TEXT_NODE) (node as Text).data = value;
	}
	document.documentElement.dataset.bootPainted = '';
}
