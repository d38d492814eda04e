import AxeBuilder from '@axe-core/playwright';
import { test as base, type Page } from '@playwright/test';
import type { Deck, QuizQuestion } from '../../src/lib/decks/types';
import { deckIndex, expect, NOON, storedRows, test } from './helpers';

async function quizDeck(page: Page, min: number): Promise<Deck> {
	const summary = (await deckIndex(page)).decks.find((d) => d.counts.quiz >= min);
	if (!summary) throw new Error(`no deck with ${min} quiz questions`);
	return (await (await page.request.get(`/api/decks/${summary.id}.json`)).json()) as Deck;
}

const plain = (html: string) =>
	html
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();

/** The question on screen, found in the deck by its prompt. */
async function currentQuestion(page: Page, deck: Deck): Promise<QuizQuestion> {
	const text = plain(await page.locator('legend .prompt').innerHTML());
	const q = deck.items.find((i): i is QuizQuestion => i.kind === 'quiz' && plain(i.promptHtml) === text);
	if (!q) throw new Error(`question not found: ${text}`);
	return q;
}

/** Answers the current question by keyboard, rightly or wrongly, and submits with Enter. */
async function answerByKeyboard(page: Page, q: QuizQuestion, right: boolean) {
	if (q.answerType === 'typed') {
		await page.keyboard.type(right ? q.accept[0]! : 'zzz not it');
	} else {
		const shown = await page
			.locator('.choices li label > span')
			.evaluateAll((spans) => spans.map((s) => s.innerHTML));
		const positions = shown.map((html) => q.choices.findIndex((c) => plain(html) === plain(c.html)));
		expect(positions).not.toContain(-1);
		const wanted = positions.flatMap((choice, pos) => (q.choices[choice]!.correct === right ? [pos] : []));
		for (const pos of right ? wanted : wanted.slice(0, 1)) await page.keyboard.press(String(pos + 1));
	}
	await page.keyboard.press('Enter');
}

test('a 5-question quiz by keyboard: one miss explained, 4/5, kept in history, its flashcard due in review', async ({
	page
}) => {
	const deck = await quizDeck(page, 5);
	await page.goto(`/quiz?deck=${deck.id}`);
	await page.getByLabel('5 questions').check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	await expect(page.getByText('Question 1 of 5')).toBeVisible();

	let missed: QuizQuestion | null = null;
	for (let i = 0; i < 5; i++) {
		await expect(page.getByText(`Question ${i + 1} of 5`)).toBeVisible();
		const q = await currentQuestion(page, deck);
		const wrong = missed === null && q.links.length > 0;
		if (wrong) missed = q;
		await answerByKeyboard(page, q, !wrong);
		await expect(page.getByRole('heading', { name: wrong ? 'Not quite' : 'Correct' })).toBeFocused();
		if (wrong)
			await expect(page.locator('.feedback .explanation')).toContainText(
				plain(q.explanationHtml).slice(0, 40)
			);
		await page.keyboard.press('Enter');
	}
	expect(missed).not.toBeNull();
	await expect(page.getByTestId('quiz-score')).toHaveText('4/5');
	await expect(page.getByRole('button', { name: 'Retake the missed ones (1)' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('button', { name: `${deck.title} — 4/5` })).toBeVisible();
	await expect(page.getByTestId(`topic-stats-${deck.topic}`)).toContainText('80%');
	await page.goto(`/topics/${deck.topic}`);
	await expect(page.getByTestId('topic-last-quiz')).toHaveText('80%');
	await expect(page.getByTestId('topic-best-quiz')).toHaveText('80%');

	const log = await storedRows<{ cardId: string; source: string }>(page, 'log');
	expect(log.map((e) => e.cardId).sort()).toEqual([...missed!.links].sort());
	expect(log.every((e) => e.source === 'quiz')).toBe(true);

	const [linkedDeck, linkedCard] = missed!.links[0]!.split('/');
	await page.goto(`/review?deck=${linkedDeck}`);
	const sentHere = missed!.links.filter((l) => l.startsWith(`${linkedDeck}/`)).length;
	await expect(page.getByTestId('count-learning')).toHaveText(String(sentHere));
	await page.goto(`/decks/${linkedDeck}`);
	await expect(page.locator(`li[id="${linkedCard}"] [data-testid="card-state"]`)).toContainText('learning');
	await expect(page.locator(`li[id="${linkedCard}"] [data-testid="card-state"]`)).toContainText('due today');
});

test('leaving in the middle and coming back offers to resume', async ({ page }) => {
	const deck = await quizDeck(page, 3);
	await page.goto(`/quiz?deck=${deck.id}`);
	await page.getByRole('button', { name: 'Start quiz' }).click();
	const q = await currentQuestion(page, deck);
	await answerByKeyboard(page, q, true);
	await expect(page.getByRole('heading', { name: 'Correct' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 2 of')).toBeVisible();
	await page.goto('/');
	await page.goto('/quiz');
	await expect(page.getByRole('region', { name: 'Unfinished quiz' })).toContainText('1 of');
	await page.getByRole('button', { name: 'Resume quiz' }).click();
	await expect(page.getByText('Question 2 of')).toBeVisible();
});

test('no serious or critical accessibility violations on the quiz screens', async ({ page }) => {
	const deck = await quizDeck(page, 3);
	const check = async (label: string) => {
		const results = await new AxeBuilder({ page }).analyze();
		const serious = results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => v.id);
		expect(serious, label).toEqual([]);
	};
	await page.goto(`/quiz?deck=${deck.id}`);
	await expect(page.getByRole('button', { name: 'Start quiz' })).toBeVisible();
	await check('setup');
	await page.getByRole('button', { name: 'Start quiz' }).click();
	await expect(page.getByText('Question 1 of')).toBeVisible();
	await check('question');
	await answerByKeyboard(page, await currentQuestion(page, deck), false);
	await expect(page.getByRole('heading', { name: 'Not quite' })).toBeVisible();
	await check('feedback');
});

base('exam mode with a time limit ends when the countdown runs out (Playwright clock)', async ({ page }) => {
	await page.clock.install({ time: NOON });
	await page.goto('/quiz');
	const deck = await quizDeck(page, 3);
	await page.goto(`/quiz?deck=${deck.id}`);
	await page.getByLabel('Exam — results at the end').check();
	await page.getByLabel('Time limit').selectOption('5');
	// Stop the clock so the countdown moves only when the test moves it.
	await page.clock.pauseAt(new Date(NOON.getTime() + 60_000));
	await page.getByRole('button', { name: 'Start quiz' }).click();
	await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText('5:00');
	await answerByKeyboard(page, await currentQuestion(page, deck), true);
	// Exam mode gives no feedback: straight to the next question.
	await expect(page.getByText('Question 2 of')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Correct' })).toHaveCount(0);
	await page.clock.runFor('02:00');
	await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText('3:00');
	await page.clock.runFor('03:01');
	await expect(page.getByText("Time's up. Unanswered questions count as wrong.")).toBeVisible();
	await expect(page.getByTestId('quiz-score')).toHaveText(/^1\/\d+$/);
});

test('discarding an unfinished quiz asks first, then removes it from History and By topic', async ({
	page
}) => {
	const deck = await quizDeck(page, 5);
	const finishQuiz = async (wrongAt: number | null, stopAfter: number) => {
		await page.goto(`/quiz?deck=${deck.id}`);
		await page.getByLabel('5 questions').check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		for (let i = 0; i < stopAfter; i++) {
			await expect(page.getByText(`Question ${i + 1} of 5`)).toBeVisible();
			const q = await currentQuestion(page, deck);
			const wrong = i === wrongAt;
			await answerByKeyboard(page, q, !wrong);
			await expect(page.getByRole('heading', { name: wrong ? 'Not quite' : 'Correct' })).toBeFocused();
			await page.keyboard.press('Enter');
		}
	};
	await finishQuiz(null, 5);
	await expect(page.getByTestId('quiz-score')).toHaveText('5/5');
	// A second attempt, left after two answers (one of them wrong).
	await finishQuiz(0, 2);
	await page.goto('/');
	await page.goto('/quiz');
	const banner = page.getByRole('region', { name: 'Unfinished quiz' });
	await expect(banner).toContainText('2 of 5');
	await expect(page.getByRole('button', { name: `${deck.title} — unfinished` })).toBeVisible();

	await banner.getByRole('button', { name: 'Discard it' }).click();
	await expect(banner).toContainText('Discard this quiz?');
	await banner.getByRole('button', { name: 'Keep it' }).click();
	await expect(banner.getByRole('button', { name: 'Resume quiz' })).toBeVisible();
	expect(await storedRows(page, 'quizAttempts')).toHaveLength(2);

	await banner.getByRole('button', { name: 'Discard it' }).click();
	await banner.getByRole('button', { name: 'Yes, discard it' }).click();
	await expect(banner).toHaveCount(0);
	await expect(page.getByRole('button', { name: `${deck.title} — unfinished` })).toHaveCount(0);
	await expect(page.getByRole('button', { name: `${deck.title} — 5/5` })).toBeVisible();
	await expect(page.getByTestId(`topic-stats-${deck.topic}`)).toContainText('100%');
	await expect(page.getByTestId(`topic-stats-${deck.topic}`)).not.toContainText('down');

	await page.reload();
	await expect(page.getByRole('button', { name: 'Resume quiz' })).toHaveCount(0);
	expect(await storedRows(page, 'quizAttempts')).toHaveLength(1);
});

/** Starts a practice quiz of the whole deck and answers right until the question `id` shows. */
async function untilQuestion(page: Page, deck: Deck, id: string) {
	await page.getByLabel('All', { exact: true }).check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	for (let i = 1; ; i++) {
		await expect(page.getByText(`Question ${i} of`)).toBeVisible();
		const q = await currentQuestion(page, deck);
		if (q.id === id) return;
		await answerByKeyboard(page, q, true);
		await expect(page.getByRole('heading', { name: 'Correct' })).toBeFocused();
		await page.keyboard.press('Enter');
	}
}

test('a typed "O(V+E)" is accepted where the answer is written "O(V + E)"', async ({ page }) => {
	const deck = (await (await page.request.get('/api/decks/dsa-graphs.json')).json()) as Deck;
	const target = deck.items.find((i) => i.kind === 'quiz' && i.id === 'bfs-complexity-typed') as QuizQuestion;
	expect(target.accept[0]).toBe('O(V + E)');
	await page.goto('/quiz?deck=dsa-graphs');
	await untilQuestion(page, deck, target.id);
	await page.getByLabel('Your answer').fill('O(V+E)');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Correct' })).toBeFocused();
});

test('a long unbroken typed answer wraps instead of widening the feedback and summary', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 });
	const deck = (await (await page.request.get('/api/decks/dsa-graphs.json')).json()) as Deck;
	await page.goto('/quiz?deck=dsa-graphs');
	await untilQuestion(page, deck, 'bfs-complexity-typed');
	await page.getByLabel('Your answer').fill(`https://example.com/${'a'.repeat(400)}`);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Not quite' })).toBeFocused();
	const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(await overflow()).toBeLessThanOrEqual(0);
	const next = page.getByRole('button', { name: /Next question|See results/ });
	// The questions come in a random order: when this one was the last, the summary follows at once.
	const last = (await next.textContent())?.includes('See results');
	await next.click();
	// The verdict (with the question above it) stays while the attempt is stored: wait for it to go.
	await expect(next).toHaveCount(0);
	if (!last) {
		await page.goto('/quiz');
		await page.getByRole('button', { name: 'Resume quiz' }).click();
	}
	// Finish what is left, so the summary lists the long answer.
	const score = page.getByRole('heading', { name: /Your score/ });
	const question = page.locator('legend .prompt');
	for (;;) {
		// Wait for what comes next (a question or the summary) before looking which it is.
		await expect(question.or(score)).toBeVisible();
		if (await score.isVisible()) break;
		await answerByKeyboard(page, await currentQuestion(page, deck), true);
		await next.click();
		// The answered question's prompt may still show for a moment: read on only once it has gone.
		await expect(next).toHaveCount(0);
	}
	expect(await overflow()).toBeLessThanOrEqual(0);
});

test("a link to the quiz with another topic applies it without reloading, and keeps the person's choices otherwise", async ({
	page
}) => {
	await page.goto('/quiz?topic=dsa');
	await expect(page.getByLabel('Data structures & algorithms')).toBeChecked();
	await page.getByLabel('Exam — results at the end').check();
	await page.evaluate(() => {
		(window as unknown as { samePage: boolean }).samePage = true;
		const link = document.createElement('a');
		link.href = '/quiz?topic=databases';
		link.textContent = 'Quiz on databases';
		document.querySelector('body > div')!.append(link);
	});
	await page.getByRole('link', { name: 'Quiz on databases' }).click();
	await expect(page).toHaveURL(/topic=databases/);
	await expect(page.getByLabel('Databases', { exact: true })).toBeChecked();
	await expect(page.getByLabel('Data structures & algorithms')).not.toBeChecked();
	await expect(page.getByLabel('Exam — results at the end')).toBeChecked();
	expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
});
