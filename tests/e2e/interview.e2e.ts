import AxeBuilder from '@axe-core/playwright';
import { test, type Page } from '@playwright/test';
import type { Deck, InterviewQuestion } from '../../src/lib/decks/types';
import { checkAnswer } from '../../src/lib/interview/match';
import { deckIndex, expect, NOON, storedRows } from './helpers';

/** Every interview question the app serves, by its plain prompt. */
async function interviewQuestions(page: Page): Promise<Map<string, InterviewQuestion & { deck: string }>> {
	const out = new Map<string, InterviewQuestion & { deck: string }>();
	for (const d of (await deckIndex(page)).decks.filter((x) => x.counts.interview > 0)) {
		const deck = (await (await page.request.get(`/api/decks/${d.id}.json`)).json()) as Deck;
		for (const i of deck.items) if (i.kind === 'interview') out.set(i.promptText, { ...i, deck: deck.id });
	}
	return out;
}

async function shownQuestion(page: Page, all: Map<string, InterviewQuestion & { deck: string }>) {
	const text = (await page.locator('#interview-question').innerText()).trim();
	const q = all.get(text);
	if (!q) throw new Error(`question not found: ${text}`);
	return q;
}

test('a 3-question interview by keyboard: typed answers, a reload, a timeout, the report, history and review', async ({
	page
}) => {
	await page.clock.install({ time: NOON });
	await page.goto('/interview');
	const all = await interviewQuestions(page);
	await page.getByLabel('Interview — feedback only in the report').check();
	await page.getByLabel('Questions', { exact: true }).fill('3');
	// Stop the clock so the countdowns move only when the test moves them.
	await page.clock.pauseAt(new Date(NOON.getTime() + 60_000));
	await page.getByRole('button', { name: 'Start interview' }).click();

	// 1: a full answer, built from every key point's phrases.
	await expect(page.getByText('Question 1 of 3')).toBeVisible();
	const q1 = await shownQuestion(page, all);
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await page.keyboard.type(q1.keyPoints.map((k) => k.match.join(', ')).join('. '));
	await page.keyboard.press('Control+Enter');

	// 2: a partial answer survives a reload, and the clock keeps running from the stored start.
	await expect(page.getByText('Question 2 of 3')).toBeVisible();
	const q2 = await shownQuestion(page, all);
	await page.keyboard.type('I am honestly unsure here');
	// The clock is paused, so the save waits; the person sees that it has not happened yet.
	await expect(page.getByTestId('answer-saved')).toHaveText('Saving…');
	await page.clock.runFor(60_000);
	const before = q2.minutes * 60 - 60;
	await expect(page.getByRole('timer', { name: 'Question time left' })).toHaveText(
		`${Math.floor(before / 60)}:${String(before % 60).padStart(2, '0')}`
	);
	await expect(page.getByTestId('answer-saved')).toHaveText('Answer saved');
	await page.reload();
	await expect(page.getByText('Question 2 of 3')).toBeVisible();
	await expect(page.getByLabel('Your answer')).toHaveValue('I am honestly unsure here');
	await page.clock.runFor(1000);
	await expect(page.getByRole('timer', { name: 'Question time left' })).not.toHaveText(`${q2.minutes}:00`);
	await page.keyboard.press('Control+Enter');

	// 3: left to time out.
	await expect(page.getByText('Question 3 of 3')).toBeVisible();
	const q3 = await shownQuestion(page, all);
	await page.clock.runFor(q3.minutes * 60_000 + 2000);

	await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
	const total = q1.keyPoints.length + q2.keyPoints.length + q3.keyPoints.length;
	await expect(page.getByTestId('report-covered')).toHaveText(`${q1.keyPoints.length}/${total}`);
	const third = page.locator('.questions > li').nth(2);
	await expect(third).toContainText(`Covered 0/${q3.keyPoints.length}`);
	await expect(third).toContainText('(timed out)');

	const missed = [...new Set([...q2.keyPoints, ...q3.keyPoints].flatMap((k) => k.links))];
	const log = await storedRows<{ cardId: string; source: string }>(page, 'log');
	expect(log.every((e) => e.source === 'interview')).toBe(true);
	expect(log.map((e) => e.cardId).sort()).toEqual([...missed].sort());
	await expect(page.getByTestId('sent-to-review')).toContainText(`${missed.length} flashcard`);

	// Let time run again: Dexie's live queries (the history list) use timers.
	await page.clock.resume();
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page.getByRole('heading', { name: 'Past sessions' })).toBeVisible();
	await expect(page.getByRole('button', { name: /3 questions, mid/ })).toBeVisible();

	const [deck] = missed[0]!.split('/');
	await page.goto(`/review?deck=${deck}`);
	await expect(page.getByTestId('count-learning')).toHaveText(
		String(missed.filter((m) => m.startsWith(`${deck}/`)).length)
	);
});

test('practice mode shows the checklist, the model answer and lets the person override and rate', async ({
	page
}) => {
	await page.clock.install({ time: NOON });
	await page.goto('/interview');
	const all = await interviewQuestions(page);
	await page.getByLabel('Questions', { exact: true }).fill('1');
	await page.getByRole('button', { name: 'Start interview' }).click();
	const q = await shownQuestion(page, all);
	const typed = q.keyPoints[0]!.match.join(', ');
	await page.keyboard.type(typed);
	await page.getByRole('button', { name: 'Submit answer' }).click();
	// The first point's phrases can also show another point of the same question (the question is drawn
	// at random): expect what the matcher finds in them, which includes the first point.
	const found = checkAnswer(typed, q.keyPoints);
	expect(found[0]!.covered).toBe(true);
	const covered = found.filter((p) => p.covered).length;
	await expect(
		page.getByRole('heading', { name: `You covered ${covered} of ${q.keyPoints.length} key points` })
	).toBeFocused();
	await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
	await page.getByLabel('I did say that').first().check();
	await page.getByLabel('4', { exact: true }).check();
	expect(
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id)
	).toEqual([]);
	await page.getByRole('button', { name: 'See the report' }).click();
	await expect(page.getByTestId('report-covered')).toHaveText(`${covered + 1}/${q.keyPoints.length}`);
	await expect(page.locator('.questions > li').first()).toContainText('self-rating 4/5');
	expect(
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id)
	).toEqual([]);
});

test('no serious or critical accessibility violations on the interview setup and question screens', async ({
	page
}) => {
	await page.clock.setFixedTime(NOON);
	await page.goto('/interview');
	await expect(page.getByRole('button', { name: 'Start interview' })).toBeVisible();
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id);
	expect(await serious()).toEqual([]);
	await page.getByRole('button', { name: 'Start interview' }).click();
	await expect(page.getByLabel('Your answer')).toBeVisible();
	expect(await serious()).toEqual([]);
});

test('discard asks first; a discarded session stays discarded, even with typing not yet saved', async ({
	page
}) => {
	await page.clock.install({ time: NOON });
	await page.goto('/interview');
	await page.getByLabel('Questions', { exact: true }).fill('2');
	await page.getByRole('button', { name: 'Start interview' }).click();
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await page.clock.pauseAt(new Date(NOON.getTime() + 60_000));
	await page.keyboard.type('half an answer');
	await expect(page.getByTestId('answer-saved')).toHaveText('Saving…');

	// Asked first; keeping it changes nothing.
	await page.getByRole('button', { name: 'Discard this session…' }).click();
	const confirm = page.getByRole('group', { name: /Discard this session\? Every answer in it is deleted/ });
	await expect(confirm).toBeVisible();
	await expect(page.getByRole('button', { name: 'Keep the session' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(confirm).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Discard this session…' })).toBeFocused();
	await expect(page.getByLabel('Your answer')).toHaveValue('half an answer');

	await page.getByRole('button', { name: 'Discard this session…' }).click();
	await confirm.getByRole('button', { name: 'Discard it' }).click();
	await expect(page.getByRole('button', { name: 'Start interview' })).toBeVisible();
	await page.clock.runFor(5_000);
	await page.clock.resume();
	expect(await storedRows(page, 'interviews')).toEqual([]);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Start interview' })).toBeVisible();
	await expect(page.getByText('Question 1 of 2')).toHaveCount(0);
});

test('a finished interview stays finished: a reload does not resume it, and its flashcards go to review once', async ({
	page
}) => {
	await page.clock.install({ time: NOON });
	await page.goto('/interview');
	await page.getByLabel('Questions', { exact: true }).fill('1');
	await page.getByRole('button', { name: 'Start interview' }).click();
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await page.keyboard.type('I do not know');
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await page.getByRole('button', { name: 'See the report' }).click();
	await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
	await expect(page.getByTestId('sent-to-review')).toBeVisible();
	await page.clock.runFor(5_000);
	await page.clock.resume();

	const [session, ...others] = await storedRows<{ finishedAt: number | null; sentToReview: string[] }>(
		page,
		'interviews'
	);
	expect(others).toEqual([]);
	expect(session?.finishedAt).not.toBeNull();
	expect(session?.sentToReview.length).toBeGreaterThan(0);
	await expect(page.getByTestId('sent-to-review')).toContainText(`${session!.sentToReview.length} flashcard`);

	await page.reload();
	await expect(page.getByRole('button', { name: 'Start interview' })).toBeVisible();
	await expect(page.getByText('Question 1 of 1')).toHaveCount(0);
	const entry = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('button', { name: /1 question, mid/ }) });
	await expect(entry).toContainText('practice');
	await expect(entry).not.toContainText('unfinished');

	const [after] = await storedRows<{ finishedAt: number | null; sentToReview: string[] }>(page, 'interviews');
	expect(after).toEqual(session);
	const log = await storedRows<{ cardId: string; source: string }>(page, 'log');
	expect(
		log
			.filter((e) => e.source === 'interview')
			.map((e) => e.cardId)
			.sort()
	).toEqual([...session!.sentToReview].sort());
});

test('"End the session now" scores the answer being typed', async ({ page }) => {
	await page.clock.install({ time: NOON });
	await page.goto('/interview');
	const all = await interviewQuestions(page);
	await page.getByLabel('Interview — feedback only in the report').check();
	await page.getByLabel('Questions', { exact: true }).fill('2');
	await page.getByRole('button', { name: 'Start interview' }).click();
	const q = await shownQuestion(page, all);
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await page.keyboard.type(q.keyPoints.map((k) => k.match.join(', ')).join('. '));
	await page.getByRole('button', { name: 'End the session now' }).click();
	await expect(page.getByRole('heading', { name: 'Interview report' })).toBeVisible();
	await expect(page.getByTestId('report-covered')).toHaveText(`${q.keyPoints.length}/${q.keyPoints.length}`);
	await expect(page.locator('.questions > li')).toHaveCount(1);
});

test('the report names decks by title and wraps a long unbroken word at phone width', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await page.clock.install({ time: NOON });
	await page.goto('/interview');
	const titles = new Map((await deckIndex(page)).decks.map((d) => [d.id, d.title]));
	await page.getByLabel('Questions', { exact: true }).fill('1');
	await page.getByRole('button', { name: 'Start interview' }).click();
	await expect(page.getByLabel('Your answer')).toBeFocused();
	await page.getByLabel('Your answer').fill(`See https://example.com/${'a'.repeat(300)} for details`);
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await page.getByRole('button', { name: 'See the report' }).click();
	await page.getByText('Your answer and the model answer').click();
	await expect(page.getByText(/^See https:\/\/example\.com/)).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	const reviewNext = page.getByText(/^Review next:/).getByRole('link');
	expect(await reviewNext.count()).toBeGreaterThan(0);
	for (const link of await reviewNext.all()) {
		const id = (await link.getAttribute('href'))!.split('/').at(-1)!;
		await expect(link).toHaveText(titles.get(id)!);
	}
});

test('a wrong claim is shown as such in practice feedback, and "I said it right" credits it in the report', async ({
	browser
}) => {
	// The question is drawn at random: fix Math.random per try until the drawn question lists wrong claims
	// (junior web-networking questions; at least one of them does).
	let found: { page: Page; q: InterviewQuestion } | null = null;
	for (let attempt = 0; attempt < 12 && !found; attempt++) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.addInitScript((value) => {
			Math.random = () => value;
		}, attempt / 12);
		await page.clock.install({ time: NOON });
		await page.goto('/interview');
		const all = await interviewQuestions(page);
		await page.getByLabel('Junior').check();
		await page.getByLabel('Choose topics').check();
		await page.getByLabel('Web & networking').check();
		await page.getByLabel('Questions', { exact: true }).fill('1');
		await page.getByRole('button', { name: 'Start interview' }).click();
		const q = await shownQuestion(page, all);
		if (q.keyPoints.some((k) => k.wrong?.length)) found = { page, q };
		else await context.close();
	}
	if (!found) throw new Error('no junior web-networking interview question with wrong claims was drawn');
	const { page, q } = found;
	const claims = q.keyPoints.flatMap((k) => (k.wrong?.length ? [k.wrong[0]!] : []));
	const typed = claims.map((c) => `I think ${c}`).join('. ');
	const checked = checkAnswer(typed, q.keyPoints);
	expect(checked.filter((p) => p.contradicted.length).length).toBe(claims.length);
	const covered = checked.filter((p) => p.covered).length;
	await page.keyboard.type(typed);
	await page.getByRole('button', { name: 'Submit answer' }).click();
	const shown = page.getByTestId('contradiction');
	await expect(shown).toHaveCount(claims.length);
	await expect(shown.first()).toContainText(`You said “${claims[0]}” — that is not right`);
	const contradicted = page.getByTestId('key-point').filter({ has: shown });
	await expect(contradicted.first()).toContainText('(contradicted)');
	await contradicted.first().getByLabel('I said it right').check();
	await expect(page.getByTestId('contradiction')).toHaveCount(claims.length - 1);
	await page.getByRole('button', { name: 'See the report' }).click();
	await expect(page.getByTestId('report-covered')).toHaveText(`${covered + 1}/${q.keyPoints.length}`);
	await expect(page.getByTestId('contradiction')).toHaveCount(claims.length - 1);
	await page.context().close();
});
