import type { HomeCounts } from '$lib/stats/home';
import { plural } from '$lib/ui/format';

export type Headline = 'due' | 'newAvailable' | 'answered' | 'streak';

/** The text of each headline figure on the home screen, by its `data-headline` name. */
export function headlineText(c: HomeCounts): Record<Headline, string> {
	return {
		due: String(c.due),
		newAvailable: String(c.newAvailable),
		answered: String(c.answered),
		streak: plural(c.streak, 'day')
	};
}
