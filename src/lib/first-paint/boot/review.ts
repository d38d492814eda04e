import { CARD_KEY, timeZone } from '../format';
import { generation, readItem } from '../store';
import { shownCardFor } from '../stored-card';

/**
 * The review page's boot script (see vite-plugin.ts): shows the stored first card (stored-card.ts) in
 * `#boot-card`, a container app.html keeps outside the app's tree, if it is still what the review would
 * show. Space or Enter on the page (not on a link, a button or a field), or a tap on the copy's Show
 * answer button, before the app has loaded is noted on the root element (`takeEarlyReveal` reads it).
 */
export default function bootReview(version: string): void {
	const box = document.getElementById('boot-card');
	const card = shownCardFor(
		readItem(CARD_KEY),
		Date.now(),
		version,
		location.search,
		generation(),
		timeZone()
	);
	if (!box || !card) return;
	box.innerHTML = card.html;
	box.dataset.cardId = card.id;
	box.hidden = false;
	document.documentElement.dataset.bootPainted = '';
	// The copy is inert, so a tap reaches the page beneath it: where it landed tells. The first event
	// after the copy is gone removes both listeners.
	const reveal = () => (document.documentElement.dataset.revealEarly = card.id);
	const letGo = () => {
		removeEventListener('keydown', early, true);
		removeEventListener('click', tapped, true);
	};
	const early = (e: KeyboardEvent) => {
		if (!box.isConnected) return letGo();
		const onPage = e.target === document.body || e.target === document.documentElement;
		if (!onPage || e.repeat || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return;
		if (e.key === ' ' || e.key === 'Enter') {
			e.preventDefault();
			reveal();
		}
	};
	const tapped = (e: MouseEvent) => {
		if (!box.isConnected) return letGo();
		const r = box.querySelector('button.show')?.getBoundingClientRect();
		if (r && e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom)
			reveal();
	};
	addEventListener('keydown', early, true);
	addEventListener('click', tapped, true);
}
