import { joinDeck, splitDeck } from './write';

/**
 * A deck file changed on two devices since a version both had (`base`), merged item by item: where one
 * side left an item (or the head, the frontmatter) as it was in `base`, the other side's version is
 * kept, so a card added, edited or removed on one device survives an edit of another card elsewhere;
 * where both changed the same one, the side changed `later` wins. Items come in the later side's order,
 * then those only the other side has, in its order.
 *
 * @example mergeDeckFiles(base, baseWithCardA, baseWithCardB, 'theirs') // base with both cards
 */
export function mergeDeckFiles(base: string, ours: string, theirs: string, later: 'ours' | 'theirs'): string {
	const [b, o, t] = [splitDeck(base), splitDeck(ours), splitDeck(theirs)];
	const pick = <T>(was: T, mine: T, their: T): T => {
		if (mine === their || their === was) return mine;
		if (mine === was) return their;
		return later === 'ours' ? mine : their;
	};
	const texts = (file: typeof b) => new Map(file.items.map((i) => [i.id, i.text]));
	const [was, mine, their] = [texts(b), texts(o), texts(t)];
	const [first, second] = later === 'ours' ? [o, t] : [t, o];
	const ids = [...new Set([...first.items, ...second.items].map((i) => i.id))];
	const items = ids.flatMap((id) => {
		const text = pick(was.get(id), mine.get(id), their.get(id));
		return text === undefined ? [] : [{ id, text }];
	});
	return joinDeck(pick(b.head, o.head, t.head), items);
}
