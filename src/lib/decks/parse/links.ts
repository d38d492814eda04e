import type { ItemContext } from './context.ts';

const LINK = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;

/**
 * Turns the values of a `links:` on `line` into `deck-id/item-id` targets (a bare item id means this
 * deck) and records each one for the collection, which checks that it names a flashcard. Returns
 * null when a value is not a link.
 *
 * @example
 * resolveLinks(['explain', 'git-basics/commit'], 12, ctx) // ['db-test/explain', 'git-basics/commit']
 */
export function resolveLinks(values: string[], line: number, ctx: ItemContext): string[] | null {
	const out: string[] = [];
	let ok = true;
	for (const v of values) {
		if (!LINK.test(v)) {
			ctx.report.at(line, `link '${v}' must be an item id or deck-id/item-id`);
			ok = false;
			continue;
		}
		const target = v.includes('/') ? v : `${ctx.deckId}/${v}`;
		out.push(target);
		ctx.links.push({ file: ctx.options.file, line, target });
	}
	return ok ? out : null;
}
