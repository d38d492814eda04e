import { describe, expect, it } from 'vitest';
import { SNAPSHOT_KEY, SNAPSHOT_VERSION, timeZone } from '$lib/db/snapshot';
import { dayOf } from '$lib/scheduling/day';
import { plural } from './format';
import { headlineText, homeBootScript } from './home-boot';

const NOW = Date.now();
const today = dayOf(NOW, 4);
// Written with the version the app stores: bumping it without the boot script following fails here.
const snapshot = {
	v: SNAPSHOT_VERSION,
	zone: timeZone(),
	dayStartHour: 4,
	built: today - 1,
	horizon: today + 13,
	newPerDay: 10,
	reviewsPerDay: 200,
	disabledDecks: ['c'],
	known: { a: 2, c: 1 },
	due: { a: { [today - 1]: 3, [today]: 1, [today + 1]: 5 }, b: { [today]: 2 }, c: { [today]: 4 } },
	reviews: { a: { [today - 1]: 2, [today + 1]: 5 }, c: { [today]: 4 } },
	today: { day: today, newCount: 2, reviewCount: 4, learnCount: 1 },
	activeDays: [today - 2, today - 1, today]
};

/**
 * Runs the boot script's code on its own, as the browser does: a fresh function scope that sees only
 * the globals given here, so any reference to app code it forgot to inline fails.
 */
function runBoot(stored: string | null, root = { dataset: {} as Record<string, string> }) {
	const figures = ['due', 'fresh', 'answered', 'streak'].map((name) => ({
		name,
		node: { nodeType: 3, data: '–' }
	}));
	const document = {
		documentElement: root,
		querySelector: (sel: string) => {
			const f = figures.find((x) => sel === `[data-headline="${x.name}"]`);
			return f ? { firstChild: f.node } : null;
		}
	};
	const localStorage = { getItem: (key: string) => (key === SNAPSHOT_KEY ? stored : null) };
	const html = homeBootScript({ a: 6, b: 3, c: 5 });
	const code = html.slice('<script>'.length, -'</script>'.length);
	new Function('document', 'localStorage', code)(document, localStorage);
	return Object.fromEntries(figures.map((f) => [f.name, f.node.data]));
}

describe('home boot script', () => {
	it('fills in the headline figures from the stored snapshot, on its own', () => {
		expect(runBoot(JSON.stringify(snapshot))).toEqual({
			due: '6', // a: 3 overdue + 1 today, b: 2; c is switched off; a's tomorrow does not count
			fresh: '7', // a: 6 - 2, b: 3 - 0, within 10 - 2 new allowed today
			answered: '7',
			streak: '3 days'
		});
	});

	it('counts review cards only up to what the daily review limit still allows', () => {
		// 4 reviews answered today, a limit of 5: one more review, on top of a's 2 and b's 2 learning cards.
		expect(runBoot(JSON.stringify({ ...snapshot, reviewsPerDay: 5 }))?.due).toBe('5');
	});

	it('marks the page as painted for the app only when it painted', () => {
		const painted = { dataset: {} as Record<string, string> };
		runBoot(JSON.stringify(snapshot), painted);
		expect(painted.dataset.bootPainted).toBe('');
		const unpainted = { dataset: {} as Record<string, string> };
		runBoot(null, unpainted);
		expect(unpainted.dataset.bootPainted).toBeUndefined();
	});

	it('leaves the placeholders when there is no usable snapshot', () => {
		const placeholders = { due: '–', fresh: '–', answered: '–', streak: '–' };
		expect(runBoot(null)).toEqual(placeholders);
		expect(runBoot('{broken')).toEqual(placeholders);
		expect(runBoot(JSON.stringify({ ...snapshot, horizon: today - 1 }))).toEqual(placeholders);
	});

	it('cannot be ended early by what it embeds', () => {
		const html = homeBootScript({ '</script><script>alert(1)//': 1 });
		expect(html.indexOf('</script>')).toBe(html.length - '</script>'.length);
	});

	it('writes the same text the app shows', () => {
		expect(headlineText({ due: 1, fresh: 0, answered: 12, streak: 1 }, { plural })).toEqual({
			due: '1',
			fresh: '0',
			answered: '12',
			streak: '1 day'
		});
	});
});
