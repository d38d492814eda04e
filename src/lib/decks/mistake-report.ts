import type { Deck, Item } from './types.ts';

/**
 * The address of a new issue, prefilled, reporting a mistake in one of our items, on the project's
 * repository (a GitHub address, `https://github.com/owner/name`; the build's PUBLIC_REPOSITORY_URL).
 * The title names the item by its card id, the body its file and line, its prompt, and leaves a blank
 * for what is wrong. Null when there is no repository (or not an http(s) one): no link is shown then.
 *
 * @example
 * mistakeReportUrl('https://github.com/o/rehearse', deck, item)
 * // 'https://github.com/o/rehearse/issues/new?title=Mistake%20in%20git-basics%2Fhead&body=…'
 */
export function mistakeReportUrl(
	repository: string,
	deck: Pick<Deck, 'id' | 'file'>,
	item: Pick<Item, 'id' | 'line' | 'promptText'>
): string | null {
	const root = repository.trim().replace(/\/+$/, '').replace(/\.git$/, '');
	if (!/^https?:\/\/[^/\s]+\/\S+$/.test(root)) return null;
	const title = `Mistake in ${deck.id}/${item.id}`;
	const body = [
		`Where: \`${deck.file}:${item.line}\``,
		'',
		`> ${item.promptText.replace(/\s*\n\s*/g, ' ')}`,
		'',
		'What is wrong (and what it should say, with a source if you have one):',
		'',
		''
	].join('\n');
	return `${root}/issues/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
}
