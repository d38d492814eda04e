import type { Browser, Page } from '@playwright/test';
import { startCouchServer, userDb, type CouchServer } from '../../src/lib/testing/couch-server';
import { counts, deckWithCards, expect, NOON, prompt, storedRows, test } from './helpers';
import { addFlashcard, newDeck } from './own-decks';

// Two browser contexts are two devices; one CouchDB-protocol server (pouchdb-server, in memory) is
// theirs. The server listens on 127.0.0.1 like the app, so its session cookie is a same-site cookie.

const APP_PORT = Number(process.env.E2E_PORT ?? 4319);
const COUCH_PORT = Number(process.env.E2E_COUCH_PORT ?? APP_PORT + 1664);
const COUCH = `http://127.0.0.1:${COUCH_PORT}`;

// One server for the file, on a fixed port: its tests run one after the other in one worker (with the
// config's fullyParallel, each worker would start its own on the same port).
test.describe.configure({ mode: 'default' });

let server: CouchServer;
test.beforeAll(async () => {
	server = await startCouchServer(COUCH_PORT, [`http://127.0.0.1:${APP_PORT}`]);
	await server.addUser('ann', 'ann-password');
	await server.addUser('bob', 'bob-password');
	await server.addUser('cat', 'cat-password');
});
test.afterAll(async () => {
	await server?.stop();
});

interface LogRow {
	id: string;
	cardId: string;
}

async function device(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	await context.clock.setFixedTime(NOON);
	return context.newPage();
}

async function signIn(page: Page, user: string, password: string) {
	await page.goto('/settings');
	const sync = page.getByRole('region', { name: 'Sync' });
	await sync.getByLabel('Server address').fill(COUCH);
	await sync.getByLabel('User name').fill(user);
	await sync.getByLabel('Password').fill(password);
	await sync.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens Settings, presses "Sync now" and waits until the sync has finished without an error. */
async function syncNow(page: Page) {
	if (!page.url().endsWith('/settings')) await page.goto('/settings');
	const sync = page.getByRole('region', { name: 'Sync' });
	await expect(sync.getByRole('button', { name: 'Sync now' })).toBeEnabled();
	await sync.getByRole('button', { name: 'Sync now' }).click();
	await expect(sync.getByRole('status')).toContainText('Everything here is on the server.');
	await expect(sync.getByRole('button', { name: 'Sync now' })).toBeEnabled();
	await expect(sync.getByRole('alert')).toHaveCount(0);
}

/** Opens the review of `deck` and answers `keys.length` cards, one key per card. */
async function review(page: Page, deck: string, keys: readonly string[]) {
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await answer(page, keys);
}

/** Answers cards on the review screen open now, one key per card. */
async function answer(page: Page, keys: readonly string[]) {
	for (const key of keys) {
		const text = await prompt(page).innerText();
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
		await page.keyboard.press(key);
		await expect(prompt(page)).not.toHaveText(text);
	}
}

/** The review's counts of new, learning and review cards, over every deck. */
async function reviewCounts(page: Page) {
	await page.goto('/review');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	return counts(page);
}

const byId = <T extends { id?: string; cardId?: string }>(rows: T[]) =>
	[...rows].sort((a, b) => String(a.id ?? a.cardId).localeCompare(String(b.id ?? b.cardId)));

test('two devices answer offline, then sync to the same cards, counts and log; an undo travels; a wrong password loses nothing', async ({
	browser,
	page: first
}) => {
	const deck = await deckWithCards(first, 8);
	const [a, b] = [await device(browser), await device(browser)];

	await signIn(a, 'ann', 'ann-password');
	await expect(a.getByText('Signed in to')).toBeVisible();
	await signIn(b, 'ann', 'ann-password');
	await expect(b.getByText('Signed in to')).toBeVisible();

	// Offline on both, the same first cards of the deck included.
	await review(a, deck, []);
	await review(b, deck, []);
	await a.context().setOffline(true);
	await b.context().setOffline(true);
	await answer(a, ['3', '1', '4']);
	await answer(b, ['3', '3']);
	const answered = [...(await storedRows<LogRow>(a, 'log')), ...(await storedRows<LogRow>(b, 'log'))];
	expect(answered).toHaveLength(5);

	await a.context().setOffline(false);
	await b.context().setOffline(false);
	await syncNow(a);
	await syncNow(b);
	await syncNow(a);

	const [logA, logB] = [await storedRows<LogRow>(a, 'log'), await storedRows<LogRow>(b, 'log')];
	expect(new Set(logA.map((r) => r.id))).toEqual(new Set(answered.map((r) => r.id)));
	expect(byId(logB)).toEqual(byId(logA));
	expect(byId(await storedRows<LogRow>(b, 'cards'))).toEqual(byId(await storedRows<LogRow>(a, 'cards')));
	expect(await reviewCounts(b)).toEqual(await reviewCounts(a));

	// An undo on one device reaches the other.
	await review(a, deck, ['3']);
	await a.keyboard.press('u');
	await expect(a.getByText('Undone: the card is back as it was.')).toBeVisible();
	await review(b, deck, ['4']);
	await syncNow(b);
	await syncNow(a);
	await syncNow(b);
	const [afterA, afterB] = [await storedRows<LogRow>(a, 'log'), await storedRows<LogRow>(b, 'log')];
	expect(afterA).toHaveLength(6);
	expect(byId(afterB)).toEqual(byId(afterA));
	expect(byId(await storedRows<LogRow>(b, 'cards'))).toEqual(byId(await storedRows<LogRow>(a, 'cards')));
	expect((await storedRows(b, 'removed')).length).toBe(1);

	// A wrong password: a clear error, and nothing here is lost.
	await a.goto('/settings');
	const sync = a.getByRole('region', { name: 'Sync' });
	await sync.getByRole('button', { name: 'Sign out' }).click();
	await expect(sync.getByRole('button', { name: 'Sign in' })).toBeVisible();
	await sync.getByLabel('Password').fill('not-the-password');
	await sync.getByRole('button', { name: 'Sign in' }).click();
	await expect(sync.getByRole('alert')).toHaveText('The server did not accept this user name and password.');
	expect(byId(await storedRows<LogRow>(a, 'log'))).toEqual(byId(afterA));
	await Promise.all([a.context().close(), b.context().close()]);
});

test("a person signed in cannot read or write another person's database", async ({ browser }) => {
	const page = await device(browser);
	await signIn(page, 'ann', 'ann-password');
	await expect(page.getByText('Signed in to')).toBeVisible();
	const tries = await page.evaluate(
		async ({ couch, theirs, mine }) => {
			const read = await fetch(`${couch}/${theirs}/_all_docs`, { credentials: 'include' });
			const write = await fetch(`${couch}/${theirs}/_bulk_docs`, {
				method: 'POST',
				credentials: 'include',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ docs: [{ _id: 'intruder' }] })
			});
			const own = await fetch(`${couch}/${mine}/_all_docs`, { credentials: 'include' });
			return { read: read.status, write: write.status, writeBody: await write.text(), own: own.status };
		},
		{ couch: COUCH, theirs: userDb('bob'), mine: userDb('ann') }
	);
	expect(tries.own).toBe(200);
	expect([401, 403]).toContain(tries.read);
	// CouchDB refuses the request (401/403); pouchdb-server answers 201 with a per-document error.
	expect([401, 403].includes(tries.write) || tries.writeBody.includes('unauthorized')).toBe(true);
	const stored = await server.admin(`/${userDb('bob')}/_all_docs`);
	expect(((await stored.json()) as { rows: unknown[] }).rows).toHaveLength(0);
	await page.context().close();
});

test('an own deck written on one device reaches the other, raw HTML from the server stays text, and a removal travels', async ({
	browser
}) => {
	const [a, b] = [await device(browser), await device(browser)];
	for (const page of [a, b]) {
		await signIn(page, 'cat', 'cat-password');
		await expect(page.getByText('Signed in to')).toBeVisible();
	}

	// On A, a deck of one card, written as a person would.
	await newDeck(a, 'Our stack', 'What the team asks about.');
	await addFlashcard(a, 'What orders messages in Kafka?', 'The partition.');
	await syncNow(a);

	// B has it after its sync: listed, readable, and its card comes up in review.
	await syncNow(b);
	await b.goto('/decks');
	await b.getByRole('link', { name: /Our stack/ }).click();
	await expect(b.getByText('The partition.')).toBeVisible();
	await b.getByRole('link', { name: 'Review this deck' }).click();
	await expect(prompt(b)).toHaveText('What orders messages in Kafka?');

	// Another client rewrites the deck on the server with markup in the answer: B shows it as text.
	const db = userDb('cat');
	const doc = (await (await server.admin(`/${db}/deck:my-our-stack`)).json()) as Record<string, unknown>;
	const markdown = String(doc.markdown).replace(
		'The partition.',
		'<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script>'
	);
	const put = await server.admin(`/${db}/deck:my-our-stack`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...doc, markdown, updatedAt: Number(doc.updatedAt) + 60_000 })
	});
	expect(put.status).toBe(201);
	await syncNow(b);
	await b.goto('/decks/my-our-stack');
	await expect(b.getByText('<img src=x onerror="window.pwned=1">')).toBeVisible();
	expect(await b.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

	// B deletes the deck; after both sync, A no longer has it.
	await b.getByRole('button', { name: 'Delete deck…' }).click();
	await b.getByRole('button', { name: 'Delete deck', exact: true }).click();
	await expect(b).toHaveURL(/\/decks$/);
	await syncNow(b);
	await syncNow(a);
	await a.goto('/decks');
	await expect(a.getByRole('heading', { name: 'Your decks' })).toBeVisible();
	await expect(a.getByRole('link', { name: /Our stack/ })).toHaveCount(0);
	expect(await storedRows(a, 'ownDecks')).toEqual([]);
	await Promise.all([a.context().close(), b.context().close()]);
});
