import AxeBuilder from '@axe-core/playwright';
import { createRequire } from 'node:module';
import type { Dexie as DexieDatabase } from 'dexie';
import { V6_STORES } from '../../src/lib/db/past-schemas';
import { dayStartsAt } from '../../src/lib/scheduling/day';
import { makeScheduler, recallProbability, type CardState } from '../../src/lib/scheduling/fsrs';
import { planDay } from '../../src/lib/scheduling/interview-date';
import type { Page } from '@playwright/test';
import { answerByKeyboard, deckIndex, expect, NOON, storedRows, test } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

interface LogRow {
	cardId: string;
	rating: number;
	reviewedAt: number;
	day: number;
	before: { state: number } | null;
}

/** Answers `grades` in the review of one deck, and waits until they are all stored. */
async function review(page: Page, deck: string, grades: readonly ('1' | '2' | '3' | '4')[]): Promise<void> {
	await page.goto(`/review?deck=${deck}`);
	// Read storage only once the app has opened it: a read racing the database's creation can block it.
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	const before = (await storedRows(page, 'log')).length;
	await answerByKeyboard(page, grades);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(before + grades.length);
}

/** The figure a `<dt>` labels, inside the element with this test id. */
function figure(page: Page, testid: string, label: string) {
	return page
		.getByTestId(testid)
		.locator('div')
		.filter({ has: page.getByText(label, { exact: true }) })
		.locator('dd');
}

test('the statistics page shows what the log holds: answers, true retention, cards seen, and what to study next', async ({
	page,
	context
}) => {
	const index = await deckIndex(page);
	const deck = index.decks.find((d) => d.counts.flashcards >= 8)!;
	// Twenty days ago: five new cards, all Easy, so they go straight to review with intervals of days.
	await context.clock.setFixedTime(new Date(NOON.getTime() - 20 * DAY));
	await review(page, deck.id, ['4', '4', '4', '4', '4']);
	// Today: those cards are due; forget one, recall the rest, and meet a new one.
	await context.clock.setFixedTime(NOON);
	await review(page, deck.id, ['1', '3', '3', '3', '3', '3']);

	const log = await storedRows<LogRow>(page, 'log');
	const today = log.find((r) => r.reviewedAt === NOON.getTime())!.day;
	const reviewed = log.filter((r) => r.day === today && r.before?.state === 2);
	const failed = reviewed.filter((r) => r.rating === 1).length;
	expect(reviewed.length).toBeGreaterThan(0);

	await page.goto('/stats');
	await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();
	await expect(figure(page, 'period-totals', 'Answers')).toHaveText(String(log.length));
	await expect(figure(page, 'period-totals', 'Days studied')).toHaveText('2');
	// Read once card by card, the decks' states are packed for the next read (db deckMemory).
	await expect
		.poll(async () => (await storedRows<{ deckId: string }>(page, 'deckMemory')).map((d) => d.deckId).sort())
		.toEqual(index.decks.map((d) => d.id).sort());
	const todayRow = page.getByTestId('true-retention').getByRole('row', { name: /^Today/ });
	await expect(todayRow.getByRole('cell').nth(0)).toHaveText(String(reviewed.length - failed));
	await expect(todayRow.getByRole('cell').nth(1)).toHaveText(String(failed));
	await expect(todayRow.getByRole('cell').nth(2)).toHaveText(
		`${Math.round((100 * (reviewed.length - failed)) / reviewed.length)}%`
	);

	// The deck's line in the map: the cards it has seen, of all its cards.
	const seen = new Set(log.map((r) => r.cardId)).size;
	const deckRow = page.getByTestId('mastery-decks').getByRole('row', { name: new RegExp(`^${deck.title}`) });
	await expect(deckRow.getByRole('cell').nth(1)).toHaveText(`${seen} of ${deck.counts.flashcards}`);
	const stored = await storedRows<{ state: number }>(page, 'cards');
	await expect(figure(page, 'card-states', 'In review')).toHaveText(
		String(stored.filter((c) => c.state === 2).length)
	);

	// Every chart can be read as a table too.
	await page.getByText("Answers per day, by the card's state: the figures").click();
	const perDay = page.getByRole('table', { name: "Answers per day, by the card's state" });
	await expect(perDay.getByRole('row')).toHaveCount(31); // a heading and the 30 days of the month
	// Today's row: its answers by the state of the card, as the log has them.
	const byState = [0, 1, 2, 3].map(
		(s) => log.filter((r) => r.day === today && (r.before?.state ?? 0) === s).length
	);
	await expect(perDay.getByRole('row').last().getByRole('cell')).toHaveText(byState.map(String));
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

	// A topic and a year, from the controls; the address says so and the back button returns.
	await page
		.getByLabel('Show')
		.selectOption({ label: index.topics.find((t) => t.slug === deck.topic)!.title });
	await expect(page).toHaveURL(new RegExp(`topic=${deck.topic}`));
	await expect(page.getByRole('heading', { level: 2, name: /^Where you stand/ })).toContainText(
		index.topics.find((t) => t.slug === deck.topic)!.title
	);
	await page.getByRole('link', { name: '1 year' }).click();
	await expect(page).toHaveURL(/period=year/);
	await expect(figure(page, 'period-totals', 'Answers')).toHaveText(String(log.length));
	await page.goBack();
	await expect(page).toHaveURL(/period=month/);

	// "What to study next" starts a review of the deck it names.
	const next = page.getByTestId('study-next').getByRole('link').first();
	const name = (await next.textContent())!.replace(/^Review /, '');
	const target = index.decks.find((d) => d.title === name)!;
	await next.click();
	await expect(page).toHaveURL(new RegExp(`/review\\?deck=${target.id}$`));
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
});

test('a database written before the statistics existed is upgraded with every answer counted', async ({
	page
}) => {
	const deck = (await deckIndex(page)).decks.find((d) => d.counts.flashcards >= 3)!;
	// A page of the site that does not open the database, so version 6 can be written first, by Dexie itself.
	await page.goto('/manifest.webmanifest');
	await page.addScriptTag({ path: createRequire(import.meta.url).resolve('dexie/dist/dexie.min.js') });
	// Review day of the tests' noon (the default day start is 04:00): days since 1970-01-01 in local time.
	const today = Math.round(Date.UTC(NOON.getFullYear(), NOON.getMonth(), NOON.getDate()) / DAY);
	const review = { state: 2 };
	const rows = [
		{ id: '0195a0a0-0000-7000-8000-000000000001', rating: 1, before: review, day: today },
		{ id: '0195a0a0-0000-7000-8000-000000000002', rating: 3, before: review, day: today },
		{ id: '0195a0a0-0000-7000-8000-000000000003', rating: 4, before: review, day: today },
		{ id: '0195a0a0-0000-7000-8000-000000000004', rating: 3, before: null, day: today - 1 }
	].map((r, i) => ({
		...r,
		cardId: `${deck.id}/old-${i}`,
		deckId: deck.id,
		reviewedAt: NOON.getTime() - (3 - i) * 60_000,
		durationMs: 30_000,
		source: 'review',
		retention: 0.9,
		after: review
	}));
	await page.evaluate(
		async ({ stores, rows }) => {
			const Dexie = (window as unknown as { Dexie: new (name: string) => DexieDatabase }).Dexie;
			const v6 = new Dexie('rehearse');
			v6.version(6).stores(stores);
			await v6.table('log').bulkAdd(rows);
			v6.close();
		},
		{ stores: V6_STORES, rows }
	);

	await page.goto(`/stats?deck=${deck.id}`);
	await expect(figure(page, 'period-totals', 'Answers')).toHaveText('4');
	await expect(figure(page, 'period-totals', 'Days studied')).toHaveText('2');
	const todayRow = page.getByTestId('true-retention').getByRole('row', { name: /^Today/ });
	await expect(todayRow.getByRole('cell')).toHaveText(['2', '1', '67%']);
	const tally = await storedRows<{ day: number; answers: number[]; ms: number }>(page, 'dayDecks');
	expect(tally.map((t) => t.answers.reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0)).toBe(4);
	expect(tally.reduce((n, t) => n + t.ms, 0)).toBe(4 * 30_000);
	expect(await storedRows(page, 'log')).toHaveLength(4);
});

test('an interview date projects each topic on the day, moves with the date, and can raise the retention until then', async ({
	page,
	context
}) => {
	const index = await deckIndex(page);
	const deck = index.decks.find((d) => d.counts.flashcards >= 8)!;
	const topic = index.topics.find((t) => t.slug === deck.topic)!;
	await context.clock.setFixedTime(new Date(NOON.getTime() - 20 * DAY));
	await review(page, deck.id, ['4', '4', '4', '4', '3']);
	await context.clock.setFixedTime(NOON);

	await page.goto('/stats');
	const planner = page.getByTestId('interview-planner');
	await planner.getByRole('button', { name: 'Set an interview date' }).click();
	await planner.getByLabel('Date').fill('2026-04-29');
	await planner.getByRole('checkbox', { name: topic.title }).check();
	await planner.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('interview-when')).toContainText('Apr 29, in 50 days');

	// The test's own computation: each stored card's recall when that review day starts (04:00), with
	// ts-fsrs as the app schedules; unseen cards count 0.
	const cards = await storedRows<CardState>(page, 'cards');
	const total = index.decks
		.filter((d) => d.topic === topic.slug)
		.reduce((n, d) => n + d.counts.flashcards, 0);
	const scheduler = makeScheduler({ retention: 0.9 });
	const onDay = (date: string) => {
		const at = dayStartsAt(planDay(date)!, 4);
		const share = cards.reduce((n, c) => n + recallProbability(scheduler, c, at), 0) / total;
		return `${Math.round(share * 100)}%`;
	};
	const row = page.getByTestId('interview-outlook').getByRole('row', { name: new RegExp(`^${topic.title}`) });
	await expect(row.getByRole('cell').nth(1)).toHaveText(onDay('2026-04-29'));
	await expect(page.getByTestId('interview-outlook').getByRole('row')).toHaveCount(2); // the heading and the topic: one topic, no total;
	const newPerDay = async () =>
		Number(/^\s*(\d+) new,/.exec((await row.getByRole('cell').nth(3).textContent())!)![1]);
	const farPace = await newPerDay();
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

	// A nearer date: the same cards to learn in fewer days.
	await planner.getByRole('button', { name: 'Change' }).click();
	await planner.getByLabel('Date').fill('2026-03-20');
	await planner.getByLabel('Schedule for 95% recall until then').check();
	await planner.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('interview-when')).toContainText('Mar 20, in 10 days');
	await expect(row.getByRole('cell').nth(1)).toHaveText(onDay('2026-03-20'));
	expect(await newPerDay()).toBeGreaterThan(farPace);
	await expect(page.getByTestId('interview-raised')).toContainText('95%');
	const settings = await storedRows<{ interview: unknown }>(page, 'settings');
	expect(settings[0]!.interview).toEqual({
		date: '2026-03-20',
		topics: [topic.slug],
		target: 0.9,
		retention: 0.95
	});

	// The home page's topic map: recall today as the test computes it, cards seen, and the interview day.
	await page.goto('/');
	const glance = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('heading', { name: topic.title }) })
		.getByTestId('topic-glance');
	const todayShare = cards.reduce((n, c) => n + recallProbability(scheduler, c, NOON.getTime()), 0) / total;
	await expect(glance).toContainText(
		`${Math.round(todayShare * 100)}% recalled today · ${cards.length} of ${total} seen`
	);
	await expect(glance).toContainText('on Mar 20 if you keep up');
	const other = index.topics.find(
		(t) => t.slug !== topic.slug && index.decks.some((d) => d.topic === t.slug)
	)!;
	await expect(
		page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: other.title }) })
			.getByTestId('topic-glance')
	).not.toContainText('keep up');
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

	// Until the day, answers are scheduled for 95 % recall.
	await review(page, deck.id, ['3']);
	const log = await storedRows<{ retention: number; reviewedAt: number }>(page, 'log');
	expect(log.sort((a, b) => a.reviewedAt - b.reviewedAt).at(-1)!.retention).toBe(0.95);
});
