import { fnv1a } from '../hash.ts';

/**
 * A short fingerprint of a deck's flashcards (their ids, `deck-id/item-id`, in deck order): it changes
 * when a card is added, removed or replaced. The review uses it to know when a deck whose every card
 * was met may hold a card it has not met, although the counts still match (see `findUnseen`).
 *
 * 32-bit FNV-1a in hex: not a security hash, only a change detector, small enough for the index.
 * @example flashcardsVersion(['git-a/one', 'git-a/two']) // '…' (8 hex digits)
 */
export function flashcardsVersion(cardIds: readonly string[]): string {
	return fnv1a(cardIds.join('\n')).toString(16).padStart(8, '0');
}
