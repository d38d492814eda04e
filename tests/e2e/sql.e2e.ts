import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Deck, SqlExercise } from '../../src/lib/decks/types';
import type { LogEntry } from '../../src/lib/scheduling/log';
import { deckIndex, expect, prompt, storedRows, test } from './helpers';

// SQL exercises run on PostgreSQL (PGlite) in a worker of the page: these tests type queries as a person
// would, and read what the screen says and what was stored.

/** The first deck with SQL exercises, and its exercises, as the app serves them. */
async function sqlDeck(page: Page): Promise<{ deck: Deck; exercises: SqlExercise[] }> {
	const summary = (await deckIndex(page)).decks.find((d) => (d.counts.sql ?? 0) > 0);
	if (!summary) throw new Error('no deck with SQL exercises');
	const deck = (await (await page.request.get(`/api/decks/${summary.id}.json`)).json()) as Deck;
	return { deck, exercises: deck.items.filter((i): i is SqlExercise => i.kind === 'sql') };
}

/** Opens an exercise from its deck's page, as a person would, and waits until PostgreSQL is ready. */
async function openExercise(page: Page, deck: Deck, exercise: SqlExercise): Promise<void> {
	await page.goto(`/decks/${deck.id}`);
	await page.getByRole('link', { name: exercise.promptText }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(exercise.promptText);
	// The editor shows at once; the Run button works once PostgreSQL is up.
	await expect(page.getByRole('button', { name: /^Run/ })).toBeEnabled({ timeout: 60_000 });
}

function editor(page: Page) {
	return page.getByRole('textbox', { name: 'Your query' });
}

/** Replaces the editor's text: short queries typed key by key, long ones pasted (as a person would). */
async function typeQuery(page: Page, query: string): Promise<void> {
	await editor(page).focus();
	await page.keyboard.press('Control+a');
	await page.keyboard.press('Delete');
	// Typed newlines would accept the completion on offer, and brackets close themselves as one types.
	if (query.includes('\n') || query.length > 80) await page.keyboard.insertText(query);
	else await page.keyboard.type(query);
	await page.keyboard.press('Escape');
}

async function run(page: Page, query: string): Promise<void> {
	await typeQuery(page, query);
	await page.keyboard.press('Control+Enter');
}

const output = (page: Page) => page.getByRole('region', { name: 'Result', exact: true });

/** Starts a quiz of five questions of the first SQL deck, in practice or exam mode, as a person would. */
async function startSqlQuiz(page: Page, mode: 'practice' | 'exam') {
	await page.goto('/');
	const found = await sqlDeck(page);
	await page.goto(`/quiz?deck=${found.deck.id}`);
	await page.getByLabel('5 questions').check();
	if (mode === 'exam') await page.getByLabel('Exam — results at the end').check();
	await page.getByRole('button', { name: 'Start quiz' }).click();
	return found;
}

test('an exercise is solved by keyboard: the model query typed and submitted is judged right', async ({
	page
}) => {
	await page.goto('/');
	const { deck, exercises } = await sqlDeck(page);
	const exercise = exercises[0]!;
	await openExercise(page, deck, exercise);
	await typeQuery(page, exercise.modelSql);
	await page.keyboard.press('Control+Shift+Enter');
	await expect(output(page)).toContainText('Right: your result is the model query’s result.', {
		timeout: 20_000
	});
	await expect(page.getByRole('region', { name: 'Model answer' })).toBeFocused();
	await expect(page.getByRole('region', { name: 'Model answer' })).toContainText('Solved.');
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('the editor offers the dataset’s tables and their columns as one types', async ({ page }) => {
	await page.goto('/');
	const { deck, exercises } = await sqlDeck(page);
	await openExercise(page, deck, exercises[0]!);
	const table = (await page.locator('.tables code').first().textContent())!;
	const columns = (await page.locator('.tables li').first().locator('.muted').textContent())!
		.replace(/[()]/g, '')
		.split(', ');
	const completions = page.locator('.cm-tooltip-autocomplete');

	await editor(page).focus();
	await page.keyboard.type(`SELECT * FROM ${table.slice(0, 3)}`);
	await expect(completions.getByRole('option', { name: table, exact: true })).toBeVisible();
	await page.keyboard.press('Escape');
	await page.keyboard.type(`${table.slice(3)} t WHERE t.`);
	await expect(completions.getByRole('option', { name: columns[0], exact: true })).toBeVisible();
});

test('a wrong result shows what differs, a syntax error shows PostgreSQL’s message and where', async ({
	page
}) => {
	await page.goto('/');
	const { deck, exercises } = await sqlDeck(page);
	const exercise = exercises.find((e) => !e.namedColumns) ?? exercises[0]!;
	await openExercise(page, deck, exercise);

	// Every table of the dataset, whatever the exercise asks: almost surely not its result.
	await typeQuery(page, 'SELECT 1 AS one FROM generate_series(1, 1000)');
	await page.keyboard.press('Control+Shift+Enter');
	await expect(output(page)).toContainText('Not yet:', { timeout: 20_000 });
	await expect(page.getByRole('heading', { name: 'Solved.' })).toHaveCount(0);

	await run(page, 'SELEC name FROM customers');
	const error = output(page).getByRole('alert');
	await expect(error).toContainText('ERROR: syntax error at or near "SELEC"');
	await expect(error).toContainText('(42601)');
	await expect(error).toContainText('At line 1, column 1');
});

test('every run starts from the dataset: DROP TABLE, then the table is back; a runaway query is stopped', async ({
	page
}) => {
	await page.goto('/');
	const { deck, exercises } = await sqlDeck(page);
	await openExercise(page, deck, exercises[0]!);
	const table = ((await page.locator('.tables code').first().textContent()) ?? '').trim();

	await run(page, `SELECT count(*) AS n FROM ${table}`);
	const first = output(page).getByRole('cell').first();
	await expect(first).toHaveText(/^\d+$/, { timeout: 20_000 });
	const rows = await first.innerText();

	await run(page, `DROP TABLE ${table} CASCADE`);
	await expect(output(page)).toContainText('DROP done');
	await run(page, `COMMIT; DELETE FROM ${table}`);
	await expect(output(page)).toContainText('DELETE');
	await run(page, `SELECT count(*) AS n FROM ${table}`);
	await expect(output(page).getByRole('cell').first()).toHaveText(rows);

	await run(page, 'SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 100000000) b');
	await expect(output(page).getByRole('alert')).toContainText('Stopped after', { timeout: 30_000 });
	await run(page, `SELECT count(*) AS n FROM ${table}`);
	await expect(output(page).getByRole('cell').first()).toHaveText(rows, { timeout: 60_000 });
});

test('a query written while PostgreSQL starts, and Ctrl+Enter pressed then, runs once it is up', async ({
	page,
	context
}) => {
	await page.goto('/');
	const { deck, exercises } = await sqlDeck(page);
	// PostgreSQL's wasm is held back until the query is written.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await context.route(/pglite-[^/]+\.wasm$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(`/sql?deck=${deck.id}&item=${exercises[0]!.id}`);
	await expect(page.getByRole('status').filter({ hasText: 'Starting PostgreSQL' })).toBeVisible();
	await expect(editor(page)).toBeFocused();
	await page.keyboard.type('SELECT 6 * 7 AS answer');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+Enter');
	await expect(page.getByRole('button', { name: /^Run/ })).toBeDisabled();
	release();
	await expect(output(page).getByRole('cell').first()).toHaveText('42', { timeout: 60_000 });
	await expect(page.getByRole('status').filter({ hasText: 'Starting PostgreSQL' })).toHaveCount(0);
});

test('in daily review an exercise is a card: solved, the suggested grade is marked and Enter confirms it', async ({
	page
}) => {
	await page.goto('/');
	const { deck, exercises } = await sqlDeck(page);
	const exercise = exercises[0]!;
	await page.goto(`/review?deck=${deck.id}`);
	// New cards come in deck order; flashcards before the first exercise are answered Good.
	for (let i = 0; i < 30 && (await prompt(page).innerText()) !== exercise.promptText; i++) {
		await page.keyboard.press('Space');
		await page.keyboard.press('3');
		await expect(prompt(page)).not.toHaveText('');
	}
	await expect(prompt(page)).toHaveText(exercise.promptText);
	await expect(editor(page)).toBeVisible({ timeout: 60_000 });
	await expect(page.getByRole('button', { name: 'Show answer' })).toHaveCount(0);

	await typeQuery(page, exercise.modelSql);
	await page.keyboard.press('Control+Shift+Enter');
	const suggested = page.getByRole('button', { name: /\(suggested\)$/ });
	await expect(suggested).toBeFocused({ timeout: 20_000 });
	const grade = (await suggested.getAttribute('aria-label'))!.replace(' (suggested)', '');
	await page.keyboard.press('Enter');
	await expect(prompt(page)).not.toHaveText(exercise.promptText);

	const log = await storedRows<LogEntry>(page, 'log');
	const entry = log.find((e) => e.cardId === `${deck.id}/${exercise.id}`);
	expect(entry?.source).toBe('review');
	expect(['Again', 'Hard', 'Good', 'Easy'][entry!.rating - 1]).toBe(grade);
});

test('a quiz of a deck asks its SQL exercises: one solved by keyboard is right, the ones given up come back in review', async ({
	page
}) => {
	const { deck, exercises } = await startSqlQuiz(page, 'practice');
	const asked: SqlExercise[] = [];
	for (let i = 0; i < 5; i++) {
		await expect(page.getByText(`Question ${i + 1} of 5`)).toBeVisible();
		const exercise = page.getByRole('region', { name: 'SQL exercise' });
		const text = await exercise.locator('.prompt').innerText();
		const shown = exercises.find((e) => e.promptText === text.trim());
		expect(shown, text).toBeDefined();
		asked.push(shown!);
		await expect(editor(page)).toBeVisible({ timeout: 60_000 });
		if (i === 0) {
			await typeQuery(page, shown!.modelSql);
			await page.keyboard.press('Control+Shift+Enter');
			await expect(page.getByRole('heading', { name: 'Correct' })).toBeFocused({ timeout: 20_000 });
		} else if (i === 1) {
			// Skipping is always there, for an exercise that cannot start.
			await page.getByRole('button', { name: 'Skip: count it as wrong' }).click();
			await expect(page.getByRole('heading', { name: 'Not quite' })).toBeFocused();
		} else {
			await page.getByRole('button', { name: 'Show the answer' }).click();
			await expect(page.getByRole('heading', { name: 'Not quite' })).toBeFocused();
			await expect(page.getByText("This exercise is due again in today's review.")).toBeVisible();
		}
		await page.keyboard.press('Enter');
	}
	await expect(page.getByTestId('quiz-score')).toHaveText('1/5');

	// What was stored: the query and PostgreSQL's verdict; the exercises given up are due in review.
	const [attempt] = await storedRows<{ answers: { response: unknown; sentToReview: string[] }[] }>(
		page,
		'quizAttempts'
	);
	expect(attempt!.answers[0]!.response).toEqual({ kind: 'sql', query: asked[0]!.modelSql, solved: true });
	const due = new Set((await storedRows<{ id: string }>(page, 'cards')).map((c) => c.id));
	for (const missed of asked.slice(1)) expect(due).toContain(`${deck.id}/${missed.id}`);
	expect(due).not.toContain(`${deck.id}/${asked[0]!.id}`);
	await page.goto(`/review?deck=${deck.id}`);
	await expect(page.getByRole('main')).toContainText('4 learning');
});

/**
 * From now on, notes every verdict, row difference or model answer the page shows before the quiz's
 * score does: a check that sees one that shows and goes again between two of the test's own looks.
 */
async function noteAnswersShown(page: Page): Promise<() => Promise<string[]>> {
	await page.evaluate(`(() => {
		const shown = (window.__answersShown = []);
		const look = () => {
			if (document.querySelector('[data-testid="quiz-score"]')) return;
			for (const el of document.querySelectorAll('[role="status"], caption, section[aria-label="Model answer"]')) {
				const text = (el.textContent ?? '').trim();
				if (/^(Right|Not yet)|^Rows your result/.test(text) || el.matches('section')) shown.push(text.slice(0, 80));
			}
		};
		new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
	})()`);
	return async () => (await page.evaluate('window.__answersShown')) as string[];
}

test('in an exam a submission ends the exercise, right or wrong, with no verdict or model query until the end', async ({
	page
}) => {
	const { exercises } = await startSqlQuiz(page, 'exam');
	const answersShown = await noteAnswersShown(page);
	const asked: { exercise: SqlExercise; query: string }[] = [];
	for (let i = 0; i < 5; i++) {
		await expect(page.getByText(`Question ${i + 1} of 5`)).toBeVisible();
		const text = await page.getByRole('region', { name: 'SQL exercise' }).locator('.prompt').innerText();
		const shown = exercises.find((e) => e.promptText === text.trim())!;
		await expect(page.getByRole('button', { name: /^Run/ })).toBeEnabled({ timeout: 60_000 });
		await expect(page.getByRole('button', { name: 'Show the answer' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /^Hint/ })).toHaveCount(0);
		// The first right, the others a result that is not the model's.
		const query = i === 0 ? shown.modelSql : 'SELECT 1 AS one FROM generate_series(1, 1000)';
		asked.push({ exercise: shown, query });
		await typeQuery(page, query);
		await page.keyboard.press('Control+Shift+Enter');
		if (i < 4) await expect(page.getByText(`Question ${i + 2} of 5`)).toBeVisible({ timeout: 20_000 });
	}
	await expect(page.getByTestId('quiz-score')).toHaveText('1/5', { timeout: 20_000 });
	expect(await answersShown()).toEqual([]);
	await expect(page.getByRole('main')).toContainText(asked[1]!.exercise.modelSql.split('\n')[0]!.trim());

	const [attempt] = await storedRows<{ answers: { response: unknown }[] }>(page, 'quizAttempts');
	expect(attempt!.answers.map((a) => a.response)).toEqual(
		asked.map(({ query }, i) => ({ kind: 'sql', query, solved: i === 0 }))
	);
});
