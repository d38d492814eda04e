import { OWN_DECK_PREFIX, type DeckSummary } from '$lib/decks/types';

/** Which importer a file goes to, by its name. */
export type ImportKind = 'anki' | 'csv' | 'markdown' | 'other';

export function kindOf(name: string): ImportKind {
	const ext = name.toLowerCase().split('.').pop() ?? '';
	if (ext === 'apkg' || ext === 'colpkg') return 'anki';
	if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
	if (ext === 'md' || ext === 'markdown') return 'markdown';
	return 'other';
}

/** The kinds among picked files (one kind is imported at a time). */
export function kindsOf(files: readonly { name: string }[]): ImportKind[] {
	return [...new Set(files.map((f) => kindOf(f.name)))];
}

/** Anki decks imported before are recognised by the description the converter gives them. */
const ANKI_DESCRIPTION = /^Imported from Anki/;

/**
 * Deck ids an Anki import must not take: the person's own decks, except those of an earlier Anki import,
 * so importing the same collection again updates them and their cards' history carries on.
 */
export function takenByOthers(decks: readonly DeckSummary[]): ReadonlySet<string> {
	return new Set(
		decks
			.filter((d) => d.id.startsWith(OWN_DECK_PREFIX) && !ANKI_DESCRIPTION.test(d.description))
			.map((d) => d.id)
	);
}

/** Every deck id in use. */
export function allIds(decks: readonly DeckSummary[]): ReadonlySet<string> {
	return new Set(decks.map((d) => d.id));
}
