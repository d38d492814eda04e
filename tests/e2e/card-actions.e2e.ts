import type { Page } from '@playwright/test';
import {
	answerByKeyboard,
	deckWithCards,
	expect,
	NOON,
	openBrowse,
	saveSetting,
	storedRows,
	test
} from './helpers';

// Card actions from the review screen, as Anki's reviewer has them: bury (-), suspend (@), flag (Ctrl+1…4),
// and leeches. What the person sees, and what persisted.

const DAY = 86_400_000;

interface EventRow {
	cardId: string;
	action: string;
	value?: number;
	leech?: boolean;
}

async function shownCardId(page: Page): Promise<string> {
	const id = await page.locator('article.review').getAttribute('data-card-id');
	if (!id) throw new Error('no card shown');
	return id;
}

/** Waits for the next card or the done screen; true when a card shows. */
async function cardOrDone(page: Page): Promise<boolean> {
	const show = page.getByRole('button', { name: 'Show answer' });
	await expect(show.or(page.getByText('You are done for today'))).toBeVisible();
	return show.isVisible();
}

test('bury with -: the card leaves today and is back tomorrow; suspend with @ keeps it out', async ({
	page,
	context
}) => {
	await saveSetting(page, 'New cards per day', 3);
	const deck = await deckWithCards(page, 5);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	const buried = await shownCardId(page);

	// The actions come with the answer, as in Anki's reviewer.
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Bury' })).toBeVisible();
	await page.keyboard.press('-');
	await expect(page.getByRole('status').filter({ hasText: 'Buried until tomorrow.' })).toBeVisible();
	await expect.poll(() => shownCardId(page)).not.toBe(buried);
	const suspended = await shownCardId(page);
	// On the next question they are gone again, and so are their keys.
	await expect(page.getByRole('button', { name: 'Bury' })).toBeHidden();
	await page.keyboard.press('@');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	expect(await shownCardId(page)).toBe(suspended);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Suspend' })).toBeVisible();
	await page.keyboard.press('@');
	await expect(page.getByRole('status').filter({ hasText: /^Suspended/ })).toBeVisible();
	await expect.poll(() => shownCardId(page)).not.toBe(suspended);
	const events = await storedRows<EventRow>(page, 'cardEvents');
	expect(events.map((e) => [e.cardId, e.action])).toEqual([
		[buried, 'bury'],
		[suspended, 'suspend']
	]);

	// Neither comes back today, after a reload too: the day's new cards are the others.
	await page.reload();
	const today: string[] = [];
	while (await cardOrDone(page)) {
		today.push(await shownCardId(page));
		await answerByKeyboard(page, ['4']);
	}
	await expect(page.getByText('You are done for today')).toBeVisible();
	expect(today).toHaveLength(3);
	expect(today).not.toContain(buried);
	expect(today).not.toContain(suspended);

	// Tomorrow the buried card is back among the new cards; the suspended one is not.
	await context.clock.setFixedTime(NOON.getTime() + DAY);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	const seen = [await shownCardId(page)];
	for (let i = 0; i < 2; i++) {
		await answerByKeyboard(page, ['4']);
		if (await page.getByRole('button', { name: 'Show answer' }).isVisible())
			seen.push(await shownCardId(page));
	}
	expect(seen).toContain(buried);
	expect(seen).not.toContain(suspended);
});

test('Ctrl+1 flags the card red with its answer, the flag shows and persists; the same key again takes it off', async ({
	page
}) => {
	const deck = await deckWithCards(page, 2);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	const card = await shownCardId(page);
	await page.keyboard.press('Space');
	await expect(page.getByTestId('card-flag')).toHaveValue('0');
	await page.keyboard.press('Control+1');
	await expect(page.getByTestId('card-flag')).toHaveValue('1');
	await expect(page.getByRole('status').filter({ hasText: 'Flagged red.' })).toBeVisible();
	await expect
		.poll(async () =>
			(await storedRows<{ id: string; flag: number }>(page, 'cardMarks')).map((m) => [m.id, m.flag])
		)
		.toEqual([[card, 1]]);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	await page.keyboard.press('Space');
	await expect(page.getByTestId('card-flag')).toHaveValue('1');
	await page.keyboard.press('Control+1');
	await expect(page.getByRole('status').filter({ hasText: 'Flag removed.' })).toBeVisible();
	await expect.poll(() => storedRows(page, 'cardMarks')).toEqual([]);
	await expect(page.getByTestId('card-flag')).toHaveValue('0');
});

test('a card forgotten 8 times becomes a leech: suspended, the person told once, and listed in Browse', async ({
	page,
	context
}) => {
	await saveSetting(page, 'New cards per day', 1);
	const deck = await deckWithCards(page, 2);
	let at = NOON.getTime();
	const review = async () => {
		await context.clock.setFixedTime(at);
		await page.goto(`/review?deck=${deck}`);
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
	};
	await review();
	const card = await shownCardId(page);
	await answerByKeyboard(page, ['4']); // Easy: learned at once
	// Each answer is stored before the next screen shows: wait for it before going elsewhere.
	const done = page.getByText('You are done for today');
	await expect(done).toBeVisible();
	await saveSetting(page, 'New cards per day', 0);
	for (let lapse = 1; lapse <= 8; lapse++) {
		at += 60 * DAY; // long past due
		await review();
		expect(await shownCardId(page)).toBe(card);
		await answerByKeyboard(page, ['1']); // forgotten: a lapse
		if (lapse === 8) break;
		// Relearning, due in 10 minutes: shown again at once (Anki's learn-ahead).
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
		await expect(page.getByRole('status').filter({ hasText: /leech/ })).toHaveCount(0);
		at += 11 * 60_000; // the relearning step
		await review();
		await answerByKeyboard(page, ['3']);
		await expect(done).toBeVisible();
	}
	await expect(page.getByRole('status').filter({ hasText: 'This card is a leech' })).toContainText(
		'you have forgotten it 8 times, so it is suspended'
	);
	const marks = await storedRows<{ id: string; suspended: boolean }>(page, 'cardMarks');
	expect(marks).toEqual([expect.objectContaining({ id: card, suspended: true })]);
	const events = await storedRows<EventRow>(page, 'cardEvents');
	expect(events).toEqual([expect.objectContaining({ cardId: card, action: 'suspend', leech: true })]);

	// Suspended: it does not come back, however long it waits; and the leech is one filter away.
	at += 60 * DAY;
	await context.clock.setFixedTime(at);
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByText('You are done for today')).toBeVisible();
	await openBrowse(page, 'is:leech');
	await expect(page.getByRole('listbox', { name: 'Cards found' }).getByRole('option')).toHaveCount(1);
	await expect(
		page.getByRole('listbox', { name: 'Cards found' }).getByRole('option').first()
	).toHaveAttribute('data-card-id', card);
});
