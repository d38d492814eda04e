import { deckOf } from '$lib/scheduling/card';

/**
 * The cards of `logged` (card ids with review history) that no deck has any more: their deck is gone
 * (`cardsOf` gives null: neither this build nor the person has it) or no longer has that card. In the
 * order given.
 *
 * @example
 * removedCards(['git/a', 'git/gone', 'my-old/x'], new Map([['git', new Set(['git/a'])], ['my-old', null]]))
 * // ['git/gone', 'my-old/x']
 */
export function removedCards(
	logged: readonly string[],
	cardsOf: ReadonlyMap<string, ReadonlySet<string> | null>
): string[] {
	return logged.filter((id) => !cardsOf.get(deckOf(id))?.has(id));
}
