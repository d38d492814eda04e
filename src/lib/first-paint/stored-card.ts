import { CARD_KEY, GENERATION_KEY, timeZone } from './format';
import { generation, ownGeneration, removeItem, writeItem } from './store';

/**
 * The review's first card before the app loads. When the review screen shows a question, the page
 * stores a copy of its markup with what would make it wrong: the scope (`?deck=`, `?topic=`), the app
 * version, the time zone, the moment the queue could pick another card (`pickStableUntil`) and the
 * collection's generation its queue was read at. The boot script (boot/review.ts) shows it only while
 * all of that still holds; the app then reads the queue and replaces it with the live card.
 */
export interface StoredCard {
	v: 1;
	version: string;
	zone: string;
	/** `location.search` of the review it was shown in. */
	scope: string;
	id: string;
	/** Valid before this moment only (ms). */
	until: number;
	/** The generation (store.ts) the session's queue is in step with. */
	generation: string;
	html: string;
}

export function storeShownCard(card: Omit<StoredCard, 'v' | 'zone'>): void {
	const stored: StoredCard = { v: 1, zone: timeZone(), ...card };
	writeItem(CARD_KEY, JSON.stringify(stored));
}

export function forgetShownCard(): void {
	removeItem(CARD_KEY);
}

/** The stored card's markup and id if it is what the review would show now, else null. */
export function shownCardFor(
	text: string | null,
	now: number,
	version: string,
	scope: string,
	generation: string,
	zone: string
): { id: string; html: string } | null {
	try {
		const s = JSON.parse(text ?? 'null') as StoredCard | null;
		if (!s || s.v !== 1 || s.version !== version || s.scope !== scope || s.zone !== zone) return null;
		if (!(now < s.until) || s.generation !== generation || typeof s.html !== 'string') return null;
		return { id: String(s.id), html: s.html };
	} catch {
		return null;
	}
}

/**
 * Tells whether a review session's queue is still in step with the collection: it is from the moment
 * the queue is read (`queueRead`) until another tab writes (its `storage` event, or a generation that
 * is neither the one read nor this tab's last). This tab's own writes keep it in step: the session
 * applies them to its queue.
 */
export class StepWatch {
	#known = '';
	#outOfStep = false;
	#onStorage = (e: StorageEvent) => {
		if (e.key === GENERATION_KEY || e.key === null) this.#outOfStep = true;
	};

	constructor() {
		addEventListener('storage', this.#onStorage);
	}

	/** Called as the session reads its queue from the database. */
	queueRead(): void {
		this.#known = generation();
		this.#outOfStep = false;
	}

	/** The generation the queue is in step with, or null once another tab wrote since it was read. */
	inStep(): string | null {
		const now = generation();
		if (now !== this.#known && now !== ownGeneration()) this.#outOfStep = true;
		this.#known = now;
		return this.#outOfStep ? null : now;
	}

	dispose(): void {
		removeEventListener('storage', this.#onStorage);
	}
}
