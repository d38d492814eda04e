import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { answerByKeyboard, expect, prompt, storedRows, test } from './helpers';
import { addFlashcard, expectClosed, newDeck } from './own-decks';

interface OwnDeckFileRow {
	id: string;
	markdown: string;
}

test('a person writes a deck of three cards, sees the preview, reviews the cards, and the deck survives a reload', async ({
	page
}) => {
	await newDeck(page, 'Our stack: Kafka', 'What the team at work asks about our event pipeline.');
	await expect(page).toHaveURL(/\/decks\/my-our-stack-kafka$/);

	// The preview shows the card as review will, code highlighted, before it is saved.
	await page.getByRole('button', { name: 'Add a card' }).click();
	const editor = page.getByRole('form', { name: 'New card' });
	await editor.getByLabel('Prompt (one line)').fill('How do you read a topic from the start?');
	await editor
		.getByLabel('Answer (Markdown; ``` for code)')
		.fill("Reset the group's offsets:\n\n```sh\nkafka-consumer-groups --reset-offsets --to-earliest\n```");
	const preview = editor.getByRole('region', { name: 'Preview' });
	await expect(preview.getByText('How do you read a topic from the start?')).toBeVisible();
	await expect(preview.locator('pre.shiki')).toContainText('--reset-offsets');
	await editor.getByRole('button', { name: 'Save card' }).click();
	await expectClosed(editor);

	await addFlashcard(
		page,
		'What orders messages in Kafka?',
		'The partition: order holds within one partition only.'
	);
	// A cloze card, with the sentence's hidden words in double braces.
	await page.getByRole('button', { name: 'Add a card' }).click();
	await page.getByRole('radio', { name: 'Cloze' }).check();
	await page
		.getByLabel('Sentence, with the hidden words in {{double braces}}')
		.fill("A consumer group shares a topic's {{partitions}} among its members.");
	await page.getByRole('button', { name: 'Save card' }).click();
	await expectClosed(page.getByRole('form', { name: 'New card' }));

	await expect(page.locator('ol.cards > li')).toHaveCount(3);
	await expect(page.getByText('3 flashcards')).toBeVisible();

	// Stored as the deck grammar: the Markdown a person could put in decks/.
	const files = await storedRows<OwnDeckFileRow>(page, 'ownDeckFiles');
	expect(files).toHaveLength(1);
	expect(files[0]!.markdown).toContain('## What orders messages in Kafka? {#what-orders-messages-in-kafka}');
	expect(files[0]!.markdown).toContain('{#a-consumer-group-shares-a .cloze}');

	// Review the deck: its three new cards come up and every answer is stored under the deck's id.
	await page.getByRole('link', { name: 'Review this deck' }).click();
	await expect(prompt(page)).toBeVisible();
	await answerByKeyboard(page, ['3', '3', '3']);
	await expect
		.poll(async () => (await storedRows<{ cardId: string }>(page, 'log')).map((r) => r.cardId).sort())
		.toEqual([
			'my-our-stack-kafka/a-consumer-group-shares-a',
			'my-our-stack-kafka/how-do-you-read-a',
			'my-our-stack-kafka/what-orders-messages-in-kafka'
		]);

	// The decks page lists it under "Your decks", after a reload too.
	await page.goto('/decks');
	await page.reload();
	const yours = page.getByRole('region', { name: 'Your decks' });
	await expect(yours.getByRole('link', { name: 'Our stack: Kafka' })).toBeVisible();
	await expect(yours.getByText('3 flashcards')).toBeVisible();
});

test('editing a card keeps its history; a broken card is refused with its line and nothing changes', async ({
	page
}) => {
	await newDeck(page, 'Interview notes', 'Questions from my last interviews.');
	await addFlashcard(page, 'What is a covering index?', 'An index holding every column the query reads.');
	await page.getByRole('link', { name: 'Review this deck' }).click();
	await answerByKeyboard(page, ['3']);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(1);

	await page.goto('/decks/my-interview-notes');
	await page.getByRole('button', { name: 'Edit: What is a covering index?' }).click();
	const editor = page.getByRole('form', { name: 'Edit card' });
	await editor.getByLabel('Prompt (one line)').fill('What makes an index covering?');
	await editor.getByRole('button', { name: 'Save card' }).click();
	await expectClosed(editor);
	await expect(page.getByText('What makes an index covering?')).toBeVisible();
	const cards = await storedRows<{ id: string }>(page, 'cards');
	expect(cards.map((c) => c.id)).toEqual(['my-interview-notes/what-is-a-covering-index']);

	// A quiz question with only one choice marked right but no explanation: the parser's error, with
	// its line in the card, and the stored deck is unchanged.
	const before = await storedRows<OwnDeckFileRow>(page, 'ownDeckFiles');
	await page.getByRole('button', { name: 'Add a card' }).click();
	const quiz = page.getByRole('form', { name: 'New card' });
	await quiz.getByRole('radio', { name: 'Quiz question' }).check();
	const source = quiz.getByLabel(/The question in the deck format/);
	await source.fill((await source.inputValue()).replace(/### Explanation[\s\S]*$/, ''));
	await expect(quiz.getByRole('region', { name: 'Preview' })).toContainText('Explanation');
	await quiz.getByRole('button', { name: 'Save card' }).click();
	await expect(quiz.getByRole('alert')).toContainText('Line');
	expect(await storedRows<OwnDeckFileRow>(page, 'ownDeckFiles')).toEqual(before);

	// Fixed, it saves and shows as a quiz question.
	await source.fill(
		`${await source.inputValue()}\n\n### Explanation\nBecause the index alone answers the query.`
	);
	await quiz.getByRole('button', { name: 'Save card' }).click();
	await expectClosed(quiz);
	await expect(page.getByText('Quiz question', { exact: true })).toBeVisible();

	// Deleting the deck asks first, and keeps the review history.
	await page.getByRole('button', { name: 'Delete deck…' }).click();
	await page.getByRole('button', { name: 'Delete deck', exact: true }).click();
	await expect(page).toHaveURL(/\/decks$/);
	await expect(page.getByRole('link', { name: 'Interview notes' })).toHaveCount(0);
	expect(await storedRows(page, 'ownDeckFiles')).toEqual([]);
	expect(await storedRows(page, 'log')).toHaveLength(1);
});

/** Serious or critical axe findings on the page as it is now. */
async function axeSerious(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// The preview renders a moment after the last keystroke. Were it above the Save button, it would push
// the button down under a pointer already on its way (a CI run clicked the preview instead and saved nothing).
test('the Save button stays put when the preview appears', async ({ page }) => {
	await newDeck(page, 'Steady', 'A deck whose editor must not move under the pointer.');
	await page.getByRole('button', { name: 'Add a card' }).click();
	const editor = page.getByRole('form', { name: 'New card' });
	await editor.getByRole('radio', { name: 'Cloze' }).check();
	const save = editor.getByRole('button', { name: 'Save card' });
	const before = await save.boundingBox();
	await editor
		.getByLabel('Sentence, with the hidden words in {{double braces}}')
		.fill('A {{B-tree}} index keeps its keys in order.');
	await expect(editor.getByRole('region', { name: 'Preview' }).locator('mark')).toHaveText('B-tree');
	expect(await save.boundingBox()).toEqual(before);
});

test('the deck editor and the import screen pass axe, light and dark', async ({ page }) => {
	await newDeck(page, 'Accessible', 'Checked by axe.');
	await addFlashcard(
		page,
		'What does `git bisect` do?',
		'Binary-searches history:\n\n```sh\ngit bisect start\n```'
	);
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await page.getByRole('button', { name: 'Add a card' }).click();
		const editor = page.getByRole('form', { name: 'New card' });
		await editor.getByLabel('Prompt (one line)').fill('Which command shows who changed a line?');
		await editor.getByLabel('Answer (Markdown; ``` for code)').fill('```sh\ngit blame -L 10,20 file.ts\n```');
		await expect(editor.locator('pre.shiki')).toBeVisible();
		expect(await axeSerious(page), scheme).toEqual([]);
		await editor.getByRole('button', { name: 'Cancel' }).click();

		await page.goto('/decks/import');
		await page.getByLabel('File to import').setInputFiles({
			name: 'cards.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('front,back\nWhat is MVCC?,Readers see a snapshot; writers make new row versions')
		});
		await expect(page.getByRole('form', { name: 'Columns of cards.csv' })).toBeVisible();
		expect(await axeSerious(page), scheme).toEqual([]);
		await page.goto('/decks/my-accessible');
	}
});

test('an own deck travels in a backup: restored in an empty browser, it is there with its card and history', async ({
	page,
	browser
}) => {
	await newDeck(page, 'Carried over', 'Goes with the backup.');
	await addFlashcard(
		page,
		'What does a backup of Rehearse hold?',
		'The log, the settings, and your own decks.'
	);
	await page.getByRole('link', { name: 'Review this deck' }).click();
	await answerByKeyboard(page, ['3']);
	await expect.poll(async () => (await storedRows(page, 'log')).length).toBe(1);
	await page.goto('/settings');
	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download a backup' }).click();
	const file = test.info().outputPath('backup.json.gz');
	await (await saved).saveAs(file);

	const context = await browser.newContext();
	const fresh = await context.newPage();
	await fresh.goto('/settings');
	await fresh.getByLabel('Restore from a backup…').setInputFiles(file);
	await expect(fresh.getByTestId('restore-plan')).toContainText('1 deck of your own');
	await fresh.getByRole('button', { name: 'Merge into this browser' }).click();
	await expect(fresh.getByTestId('backup-status')).toContainText('Merged');
	await fresh.goto('/decks');
	await fresh.getByRole('region', { name: 'Your decks' }).getByRole('link', { name: 'Carried over' }).click();
	await expect(fresh.getByText('What does a backup of Rehearse hold?')).toBeVisible();
	expect((await storedRows<{ cardId: string }>(fresh, 'log')).map((r) => r.cardId)).toEqual([
		'my-carried-over/what-does-a-backup-of'
	]);
	await context.close();
});
