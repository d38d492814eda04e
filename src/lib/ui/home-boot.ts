import { SNAPSHOT_KEY, timeZone } from '$lib/db/snapshot';
import { countsFromSnapshot, SNAPSHOT_LIB } from '$lib/stats/home';
import { plural } from './format';
import { inlineScript } from './inline-script';

/**
 * The text of each headline figure on the home screen, by its `data-headline` name. Self-contained
 * (`plural` comes in as an argument, with no default): the boot script below inlines it.
 */
export function headlineText(
	c: { due: number; fresh: number; answered: number; streak: number },
	lib: { plural: typeof plural }
): Record<'due' | 'fresh' | 'answered' | 'streak', string> {
	return {
		due: String(c.due),
		fresh: String(c.fresh),
		answered: String(c.answered),
		streak: lib.plural(c.streak, 'day')
	};
}

/**
 * A classic script, placed by the home page right after its headline figures in the prerendered
 * HTML, that fills them in from the stored snapshot while the page is still being parsed: the counts
 * are on the first paint instead of after the app and IndexedDB have loaded. It writes only the text
 * of the figures' existing text nodes, so the app hydrates the same elements and, starting from the
 * same snapshot (`countsFromSnapshot`), shows the same text until its live read arrives.
 *
 * It is built from the source text of the same functions the app runs; each of them refers to nothing
 * outside itself (a unit test runs this script on its own to check).
 */
export function homeBootScript(flashcards: Record<string, number>): string {
	// Every function countsFromSnapshot is given, by the name it calls it.
	const lib = Object.entries(SNAPSHOT_LIB)
		.map(([name, fn]) => `${name}: ${fn}`)
		.join(', ');
	const body = `(() => {
	try {
		const counts = (${countsFromSnapshot})(
			localStorage.getItem(${JSON.stringify(SNAPSHOT_KEY)}),
			Date.now(),
			(${timeZone})(),
			${JSON.stringify(flashcards)},
			{ ${lib} }
		);
		if (!counts) return;
		const text = (${headlineText})(counts, { plural: ${plural} });
		for (const name of Object.keys(text)) {
			const node = document.querySelector('[data-headline="' + name + '"]')?.firstChild;
			if (node && node.nodeType === 3) node.data = text[name];
		}
		document.documentElement.dataset.bootPainted = '';
	} catch {}
})();`;
	return inlineScript(body);
}
