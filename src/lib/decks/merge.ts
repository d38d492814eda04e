import { joinDeck, splitDeck, type ItemBlock } from './write';

/**
 * A deck file changed on two devices since a version both had (`base`), merged item by item: where one
 * side left an item (or the head, the frontmatter) as it was in `base`, the other side's version is
 * kept, so a card added, edited or removed on one device survives an edit of another card elsewhere;
 * where both changed the same one, the side changed `later` wins. An item both sides added under the
 * same id with different text is kept twice, the earlier side's under a new id. Items come in the later
 * side's order, then those only the other side has, in its order. Null when an item's id cannot be read
 * here or appears twice in a file: the caller keeps the later side whole.
 *
 * @example mergeDeckFiles(base, baseWithCardA, baseWithCardB, 'theirs') // base with both cards
 */
export function mergeDeckFiles(
	base: string,
	ours: string,
	theirs: string,
	later: 'ours' | 'theirs'
): string | null {
	const [b, o, t] = [splitDeck(base), splitDeck(ours), splitDeck(theirs)];
	if (![b, o, t].every((file) => readableIds(file.items))) return null;
	const pick = <T>(was: T, mine: T, their: T): T => {
		if (mine === their || their === was) return mine;
		if (mine === was) return their;
		return later === 'ours' ? mine : their;
	};
	const texts = (file: typeof b) => new Map(file.items.map((i) => [i.id, i.text]));
	const [was, mine, their] = [texts(b), texts(o), texts(t)];
	const [first, second] = later === 'ours' ? [o, t] : [t, o];
	const earlier = later === 'ours' ? their : mine;
	const ids = [...new Set([...first.items, ...second.items].map((i) => i.id))];
	const taken = new Set(ids);
	const items: ItemBlock[] = [];
	const added: ItemBlock[] = [];
	for (const id of ids) {
		const text = pick(was.get(id), mine.get(id), their.get(id));
		if (text !== undefined) items.push({ id, text });
		const other = earlier.get(id);
		if (!was.has(id) && other !== undefined && text !== undefined && other !== text) {
			const fresh = freeId(id, taken);
			added.push({ id: fresh, text: other.replace(`{#${id}`, `{#${fresh}`) });
		}
	}
	return joinDeck(pick(b.head, o.head, t.head), [...items, ...added]);
}

/** Whether every item's id was read (`{#id` first in its braces) and none appears twice. */
function readableIds(items: readonly ItemBlock[]): boolean {
	const ids = items.map((i) => i.id);
	return ids.every(Boolean) && new Set(ids).size === ids.length;
}

function freeId(id: string, taken: Set<string>): string {
	let n = 2;
	while (taken.has(`${id}-${n}`)) n++;
	taken.add(`${id}-${n}`);
	return `${id}-${n}`;
}
