import { CARD_KEY, snapshotStore, timeZone, WRITES_KEY } from '$lib/db/snapshot';
import { inlineScript } from './inline-script';

export { CARD_KEY };

/**
 * The review's first card before the app loads. When the review screen shows a question, it stores a
 * copy of what is on screen (the counts, the card, its buttons) in localStorage, with what would make it
 * wrong: the scope (`?deck=`, `?topic=`), the app version, the time zone, the moment the queue could
 * pick another card (a learning card falling due, the day ending) and the count of writes to the
 * collection its queue is in step with (`writesCount`, bumped by every answer, undo and settings change
 * in any tab; see db/snapshot.ts). A session that sees a write it did not make stores nothing more.
 *
 * The prerendered review page runs `reviewBootScript` right after an empty, inert, hidden-from-screen-
 * readers container: if the stored copy is still right, the question shows at once, while the app loads,
 * reads the queue from IndexedDB and replaces the copy with the live card (the same one: the bench
 * checks). Space or Enter pressed before that, or a tap on the copy's Show answer button, is noted
 * (`takeEarlyReveal`), and the answer shows as soon as the live card does.
 */

export interface StoredCard {
	v: 1;
	version: string;
	/** The time zone (as `timeZone()` names it) the session's day end was computed in. */
	zone: string;
	/** `location.search` of the review it was shown in. */
	scope: string;
	id: string;
	/** Valid before this moment only (ms). */
	until: number;
	/** The count of writes (`writesCount`) the session's queue was in step with. */
	writes: number;
	html: string;
}

/**
 * Stores what the review screen shows now (`html`: the screen's markup with a question showing).
 * `writes` is the count of writes the session's queue is in step with (`ReviewSession.inStepWrites`).
 */
export function storeShownCard(card: Omit<StoredCard, 'v' | 'zone'>, store = snapshotStore()): void {
	if (!store) return;
	try {
		const stored: StoredCard = { v: 1, zone: timeZone(), ...card };
		store.setItem(CARD_KEY, JSON.stringify(stored));
	} catch {
		forgetShownCard(store);
	}
}

export function forgetShownCard(store = snapshotStore()): void {
	try {
		store?.removeItem(CARD_KEY);
	} catch {
		/* nothing stored, nothing to forget */
	}
}

/**
 * The stored card's markup and id if it is what the review would show now, else null. Self-contained
 * (it refers to nothing outside itself): the boot script inlines its source.
 */
export function shownCardFor(
	text: string | null,
	now: number,
	version: string,
	scope: string,
	writes: number,
	zone: string
): { id: string; html: string } | null {
	try {
		const s = JSON.parse(text ?? 'null');
		if (!s || s.v !== 1 || s.version !== version || s.scope !== scope || s.zone !== zone) return null;
		if (!(now < s.until) || s.writes !== writes || typeof s.html !== 'string') return null;
		return { id: String(s.id), html: s.html };
	} catch {
		return null;
	}
}

/** The classic script the review page places right after its boot container (see above). */
export function reviewBootScript(version: string): string {
	const body = `(() => {
	try {
		const box = document.querySelector('[data-review-boot]');
		const card = (${shownCardFor})(
			localStorage.getItem(${JSON.stringify(CARD_KEY)}),
			Date.now(),
			${JSON.stringify(version)},
			location.search,
			Number(localStorage.getItem(${JSON.stringify(WRITES_KEY)}) ?? 0) || 0,
			(${timeZone})()
		);
		if (!box || !card) return;
		box.innerHTML = card.html;
		box.dataset.cardId = card.id;
		document.documentElement.dataset.bootPainted = '';
		// Space or Enter on the page (not on a link, a button or a field), or a tap or click on the copy's
		// Show answer button (ReviewScreen's button.show), before the app has loaded: note it, for the app
		// to show the answer once it shows this same card. The copy is inert, so a tap reaches the page
		// beneath it: where it landed tells. The first event after the copy is gone removes both listeners.
		const reveal = () => (document.documentElement.dataset.revealEarly = card.id);
		const letGo = () => {
			removeEventListener('keydown', early, true);
			removeEventListener('click', tapped, true);
		};
		const early = (e) => {
			if (!box.isConnected) return letGo();
			const onPage = e.target === document.body || e.target === document.documentElement;
			if (!onPage || e.repeat || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return;
			if (e.key === ' ' || e.key === 'Enter') {
				e.preventDefault();
				reveal();
			}
		};
		const tapped = (e) => {
			if (!box.isConnected) return letGo();
			const r = box.querySelector('button.show')?.getBoundingClientRect();
			const inX = r && e.clientX >= r.left && e.clientX <= r.right;
			if (inX && e.clientY >= r.top && e.clientY <= r.bottom) reveal();
		};
		addEventListener('keydown', early, true);
		addEventListener('click', tapped, true);
	} catch {}
})();`;
	return inlineScript(body);
}

/**
 * Whether Space or Enter was pressed, or the Show answer button tapped, on the stored copy of this card
 * before the app loaded (see the boot script); the note is used once.
 */
export function takeEarlyReveal(cardId: string): boolean {
	const root = document.documentElement;
	const early = root.dataset.revealEarly;
	if (early === undefined) return false;
	delete root.dataset.revealEarly;
	return early === cardId;
}
