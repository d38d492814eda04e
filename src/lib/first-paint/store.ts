import { CARD_KEY, GENERATION_KEY, parseSnapshot, SNAPSHOT_KEY, type Snapshot } from './format';

// Every localStorage access of the first-paint cache. Storage can be missing, blocked or full: reads
// then give nothing and writes drop what could be wrong, so the pages fall back to their live reads.

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function readItem(key: string): string | null {
	try {
		return storage()?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

/** Stores `value`, or removes the key when storage refuses it. */
export function writeItem(key: string, value: string): void {
	try {
		storage()?.setItem(key, value);
	} catch {
		removeItem(key);
	}
}

export function removeItem(key: string): void {
	try {
		storage()?.removeItem(key);
	} catch {
		/* nothing stored, nothing to remove */
	}
}

export function readSnapshot(): Snapshot | null {
	return parseSnapshot(readItem(SNAPSHOT_KEY));
}

export function writeSnapshot(s: Snapshot | null): void {
	if (s) writeItem(SNAPSHOT_KEY, JSON.stringify(s));
	else removeItem(SNAPSHOT_KEY);
}

/** The collection's generation: '' until the first write this browser noted. */
export function generation(): string {
	return readItem(GENERATION_KEY) ?? '';
}

/** The last generation this tab gave. */
let own = '';

/**
 * Gives the collection a new generation after a committed write in this tab (other tabs hear of it
 * through their `storage` event). If storage refuses it, the snapshot and the stored card go too: the
 * old generation would vouch for them.
 */
export function bumpGeneration(): void {
	own = Date.now().toString(36) + Math.random().toString(36).slice(1);
	try {
		storage()?.setItem(GENERATION_KEY, own);
	} catch {
		removeItem(SNAPSHOT_KEY);
		removeItem(CARD_KEY);
	}
}

/** The last generation this tab gave, '' if none. */
export function ownGeneration(): string {
	return own;
}
