import type { Page } from '@playwright/test';
import { deckWithCards, expect, test } from './helpers';

// The service worker registers under the policy too (worker-src): let it run here.
test.use({ serviceWorkers: 'allow' });

/** Notes every Content-Security-Policy violation the page reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __violations: string[] }).__violations = seen;
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.violatedDirective}: ${e.blockedURI || e.sample || 'inline'}`)
		);
	});
	return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

test('every page runs under its Content-Security-Policy with nothing blocked, first paint included', async ({
	page
}) => {
	const violations = await watchViolations(page);
	const deck = await deckWithCards(page, 2);
	// Twice each for home and review: the second visit paints what the first stored, by the boot scripts.
	const paths = [
		'/',
		'/review',
		'/',
		'/review',
		'/quiz',
		'/interview',
		'/decks',
		`/decks/${deck}`,
		'/settings',
		'/settings/optimise',
		'/your-data',
		'/no-such-page'
	];
	for (const path of paths) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		expect(await violations(), path).toEqual([]);
	}
	// The service worker registered under the policy and controls the page.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 60_000
	});
	// The boot scripts ran under the policy: each painted what the visit before stored.
	for (const path of ['/', '/review']) {
		await page.goto(path);
		await expect(page.locator('html[data-boot-painted]'), path).toBeAttached();
	}
	expect(await violations()).toEqual([]);
});

test('an inline script that is not listed by hash is refused', async ({ page }) => {
	const violations = await watchViolations(page);
	await page.goto('/');
	await page.waitForLoadState('networkidle');
	const ran = await page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = 'window.__injected = true;';
		document.body.append(s);
		return (window as unknown as { __injected?: boolean }).__injected === true;
	});
	expect(ran).toBe(false);
	await expect.poll(violations).toEqual([expect.stringMatching(/^script-src/)]);
});
