import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test as realClock } from '@playwright/test';
import { deckOf } from '../../src/lib/scheduling/card';
import {
	answerByKeyboard,
	APP_CODE,
	deckIndex,
	deckWithCards,
	expect,
	NOON,
	saveSetting,
	storedRows,
	test
} from './helpers';

async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a settings change survives a reload', async ({ page }) => {
	await page.goto('/settings');
	const reviews = page.getByLabel('Reviews per day');
	await reviews.fill('150');
	await reviews.press('Tab');
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.getByLabel('Dark').check();
	await page.getByLabel('A new day starts at').selectOption('06:00');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('status').filter({ hasText: /^Saved\.$/ })).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Reviews per day')).toHaveValue('150');
	await expect(page.getByLabel('Dark')).toBeChecked();
	await expect(page.getByLabel('A new day starts at')).toHaveValue('6');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('home follows answers given in another tab without a reload', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByTestId('new-available')).toHaveText('20');
	await expect(page.getByTestId('due-today')).toHaveText('0');
	const other = await context.newPage();
	await other.goto('/review');
	await expect(other.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await other.keyboard.press('Space');
	await other.keyboard.press('3');
	await expect(other.getByTestId('count-learning')).toHaveText('1');
	await expect(page.getByTestId('new-available')).toHaveText('19');
	await expect(page.getByTestId('due-today')).toHaveText('1');
	await expect(page.getByTestId('streak')).toHaveText('1 day');
});

test('switching a deck off removes it from everything-review and from the home totals', async ({ page }) => {
	const index = await deckIndex(page);
	const deck = index.decks[0]!;
	await page.goto('/settings');
	await page.getByRole('checkbox', { name: deck.title, exact: true }).uncheck();
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.goto('/');
	await expect(page.getByRole('listitem').filter({ hasText: deck.title }).first()).toContainText(
		'switched off'
	);
});

test('a topic page counts what reviewing the topic will show, switched-off decks too', async ({ page }) => {
	const deck = (await deckIndex(page)).decks[0]!;
	await page.goto(`/review?deck=${deck.id}`);
	await answerByKeyboard(page, ['1', '1']);
	await expect(page.getByTestId('count-learning')).toHaveText('2');
	await page.goto(`/topics/${deck.topic}`);
	await expect(page.getByTestId('topic-due')).toHaveText('2');

	await page.goto('/settings');
	await page.getByRole('checkbox', { name: deck.title, exact: true }).uncheck();
	await expect(page.getByText('Saved.')).toBeVisible();
	// Naming a topic includes its switched-off decks (as naming a deck does); only "everything" skips them.
	await page.goto(`/topics/${deck.topic}`);
	await expect(page.getByTestId('topic-due')).toHaveText('2');
	await page.getByRole('link', { name: 'Review this topic' }).click();
	await expect(page.getByTestId('count-learning')).toHaveText('2');
	await page.goto('/');
	await expect(page.locator('[data-source="live"]')).toBeVisible();
	await expect(page.getByTestId('due-today')).toHaveText('0');
});

test('home counts due reviews only up to the daily review limit, as the review does', async ({
	page,
	context
}) => {
	await page.goto('/review');
	await answerByKeyboard(page, ['4', '4', '4']);
	await expect(page.getByTestId('count-review')).toHaveText('0');
	await saveSetting(page, 'Reviews per day', 2);

	// Two months on, the three cards answered Easy are all due for review; the limit lets two through.
	await context.clock.setFixedTime(NOON.getTime() + 60 * 86_400_000);
	await page.goto('/');
	await expect(page.locator('[data-source="live"]')).toBeVisible();
	await expect(page.getByTestId('due-today')).toHaveText('2');
	await page.getByRole('link', { name: 'Start review' }).click();
	await expect(page.getByTestId('count-review')).toHaveText('2');
	await expect(page.getByTestId('count-learning')).toHaveText('0');
	// The topic of those cards counts them the same way.
	const cardId = await page.locator('[data-review-live] [data-card-id]').getAttribute('data-card-id');
	const topic = (await deckIndex(page)).decks.find((d) => d.id === deckOf(cardId!))!.topic;
	await page.goto(`/topics/${topic}`);
	await expect(page.getByTestId('topic-due')).toHaveText('2');
	// And so does the figure painted before the app loads, from what the last visit stored.
	await page.route(APP_CODE, (route) => route.abort());
	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('2');
	await page.unroute(APP_CODE);

	// The copy the home screen painted from follows the new limit too.
	await saveSetting(page, 'Reviews per day', 10);
	// The settings page stores the patched copy once its patch code has loaded (on its first write).
	const storedLimit = () =>
		page.evaluate(() => JSON.parse(localStorage.getItem('rehearse-home') ?? 'null')?.reviewsPerDay);
	await expect.poll(storedLimit).toBe(10);
	await page.route(APP_CODE, (route) => route.abort());
	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('3');
	await page.unroute(APP_CODE);
	await page.reload();
	await expect(page.locator('[data-source="live"]')).toBeVisible();
	await expect(page.getByTestId('due-today')).toHaveText('3');
});

test('home shows due and new counts per topic, and a start button', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('new-available')).toHaveText('20');
	await expect(page.getByTestId('due-today')).toHaveText('0');
	await expect(page.getByTestId('streak')).toHaveText('0 days');
	// "New" is what today's new-card allowance lets in, for a topic as for each deck.
	await expect(page.locator('.topics > li .topic-head').first()).toContainText('0 due · 20 new');
	await page.getByRole('link', { name: 'Start review' }).click();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await page.keyboard.press('Space');
	await page.keyboard.press('3');
	await expect(page.getByTestId('count-learning')).toHaveText('1');
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.getByTestId('new-available')).toHaveText('19');
	await expect(page.getByTestId('due-today')).toHaveText('1');
	await expect(page.getByTestId('streak')).toHaveText('1 day');
});

test('home shows the counts kept since the last visit before the app has even started', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('[data-source="live"]')).toBeVisible();
	await expect(page.getByTestId('due-today')).toHaveText('0');
	// The home screen stores its snapshot for the next visit once it has read the database.
	await expect.poll(() => page.evaluate(() => localStorage.getItem('rehearse-home'))).not.toBeNull();

	// Answers given after that visit are applied to the snapshot as they are saved.
	await page.getByRole('link', { name: 'Start review' }).click();
	await answerByKeyboard(page, ['3', '1']);
	await expect(page.getByTestId('count-learning')).toHaveText('2');

	// Without the app's code, only the page's own script can have filled in the figures.
	await page.route(APP_CODE, (route) => route.abort());
	await page.goto('/');
	await expect(page.getByTestId('due-today')).toHaveText('2');
	await expect(page.getByTestId('new-available')).toHaveText('18');
	await expect(page.getByTestId('streak')).toHaveText('1 day');
	await expect(page.locator('[data-source="none"]')).toBeVisible();

	// With the app, the live read says the same.
	await page.unroute(APP_CODE);
	await page.reload();
	await expect(page.locator('[data-source="live"]')).toBeVisible();
	await expect(page.getByTestId('due-today')).toHaveText('2');
	await expect(page.getByTestId('new-available')).toHaveText('18');
});

// A clock that runs timers when told to, instead of helpers.ts's fixed time.
realClock('home left open rolls its figures over when the next review day starts (B12)', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-03-10T12:00:00') });
	await page.goto('/review');
	await answerByKeyboard(page, ['4']);
	await page.getByRole('link', { name: 'Home' }).click();
	await expect(page.locator('[data-source="live"]')).toBeVisible();
	const answered = page.locator('[data-headline="answered"]');
	await expect(answered).toHaveText('1');

	// The page stays open past 04:00, when the next review day starts.
	await page.clock.runFor('16:01:00');
	await expect(answered).toHaveText('0');
	await expect(page.getByTestId('streak')).toHaveText('1 day');
});

// On the real clock: Playwright's fixed clock (helpers.ts) also replaces performance.now() and the
// browser's paint timing, which this test compares.
realClock(
	'with the stored figures painted, the app starts only once they are on screen',
	async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('[data-source="live"]')).toBeVisible();
		await expect.poll(() => page.evaluate(() => localStorage.getItem('rehearse-home'))).not.toBeNull();
		// When the boot script painted, against the browser's first contentful paint and the moment the page
		// let the app load (first-paint/after-paint.ts, awaited by hooks.client.ts): after that paint, or 250 ms after the
		// app's init hook ran if the paint had not come by then.
		await page.addInitScript(() => {
			new MutationObserver((_, observer) => {
				(window as unknown as { bootAt: number }).bootAt = performance.now();
				observer.disconnect();
			}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-boot-painted'] });
		});
		await page.reload();
		await expect(page.locator('[data-source="live"]')).toBeVisible();
		const t = await page.evaluate(() => ({
			boot: (window as unknown as { bootAt?: number }).bootAt,
			fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
			app: performance.getEntriesByName('rehearse-app-start')[0]?.startTime,
			how: (performance.getEntriesByName('rehearse-app-start')[0] as PerformanceMark | undefined)?.detail
		}));
		expect(t.boot).toBeDefined();
		expect(t.fcp).toBeDefined();
		expect(t.app).toBeDefined();
		expect(t.app!).toBeGreaterThanOrEqual(Math.min(t.fcp!, t.boot! + 250));
		expect(['paint', 'timer']).toContain(t.how);
		// A paint that came well in time is what let the app start, not the timer.
		if (t.fcp! < t.boot! + 100) expect(t.how).toBe('paint');
		// One start, one mark, even when the paint is reported after the timer let the app start (B9).
		await page.waitForTimeout(300);
		expect(await page.evaluate(() => performance.getEntriesByName('rehearse-app-start').length)).toBe(1);
	}
);

test('a deck page shows highlighted code, readable without JavaScript', async ({ browser, page }) => {
	const index = await deckIndex(page);
	let withCode: string | null = null;
	for (const d of index.decks) {
		const body = await (await page.request.get(`/api/decks/${d.id}.json`)).text();
		if (body.includes('<span style=\\"color:')) {
			withCode = d.id;
			break;
		}
	}
	expect(withCode).not.toBeNull();
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noJs.newPage();
	await plain.goto(`/decks/${withCode}`);
	await expect(plain.locator('pre.shiki').first()).toBeVisible();
	expect(await plain.locator('pre.shiki span[style*="color"]').count()).toBeGreaterThan(0);
	await noJs.close();
});

test('a deck page shows each card state for this person', async ({ page }) => {
	const deck = await deckWithCards(page, 3);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await page.keyboard.press('Space');
	await page.keyboard.press('4');
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(1);
	await page.goto(`/decks/${deck}`);
	const states = page.getByTestId('card-state');
	await expect(states.first()).toContainText('review');
	await expect(states.first()).toContainText('stability');
	await expect(states.first()).toContainText('recall 100%');
	await expect(states.nth(1)).toHaveText('new');
});

// One test per screen: axe on a long deck page takes a while, and each screen should get its own budget.
for (const path of ['/', '/settings', 'a deck page', '/decks', '/topics/databases']) {
	test(`no serious or critical accessibility violations on ${path}`, async ({ page }) => {
		await page.goto(path === 'a deck page' ? `/decks/${await deckWithCards(page, 3)}` : path);
		await expect(page.locator('main h1')).toBeVisible();
		await page.waitForLoadState('networkidle');
		expect(await seriousViolations(page), path).toEqual([]);
	});
}

test('no serious or critical accessibility violations on the review screen, light and dark', async ({
	page
}) => {
	const deck = await deckWithCards(page, 3);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	expect(await seriousViolations(page), 'review question').toEqual([]);
	await page.keyboard.press('Space');
	expect(await seriousViolations(page), 'review answer').toEqual([]);
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await seriousViolations(page), 'review answer, dark').toEqual([]);
});
