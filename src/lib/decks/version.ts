/**
 * A short fingerprint of a deck's flashcards (their ids, `deck-id/item-id`, in deck order): it changes
 * when a card is added, removed or replaced. The review uses it to know when a deck whose every card
 * was met may hold a card it has not met, although the counts still match (see `findUnseen`).
 *
 * 32-bit FNV-1a in hex: not a security hash, only a change detector, small enough for the index.
 * @example flashcardsVersion(['git-a/one', 'git-a/two']) // '…' (8 hex digits)
 */
export function flashcardsVersion(cardIds: readonly string[]): string {
	let hash = 0x811c9dc5;
	for (const ch of cardIds.join('\n')) {
		hash ^= ch.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}
