import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import { makeDeck, makeFlashcard, makeQuiz } from '$lib/testing/decks';
import { compileCopies, compileCopy, revertItemCopy, saveItemCopy } from './copies';

const deck = makeDeck('git-basics', [makeFlashcard('head'), makeQuiz('which')], 'git');
const T = Date.parse('2026-03-10T12:00:00Z');
let db: RehearseDB;

afterEach(async () => {
	db?.close();
	await db?.delete();
});

const longAnswer = 'A pointer. '.repeat(80);

describe('compiling a copy of one of our items', () => {
	it('reads it with own rules and links in the shipped deck', async () => {
		const { item, errors } = await compileCopy('git-basics', `## What is HEAD? {#head}\n\n${longAnswer}`);
		expect(errors).toEqual([]);
		expect(item).toMatchObject({ kind: 'flashcard', id: 'head', promptText: 'What is HEAD?' });
		const quiz = await compileCopy(
			'git-basics',
			'## Which? {#which .quiz}\nlinks: head\n\n### Choices\n- [x] This\n- [ ] That\n\n### Explanation\nBecause.'
		);
		expect(quiz.item?.links).toEqual(['git-basics/head']);
	});

	it("gives errors with their line in the item's Markdown", async () => {
		const { item, errors } = await compileCopy(
			'git-basics',
			'## Which? {#which .quiz}\n\n### Choices\n- [x] Only one'
		);
		expect(item).toBeNull();
		expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
			'3: a quiz question needs at least 2 choices, found 1',
			'3: every choice is marked correct: a question needs at least one wrong choice',
			"1: missing '### Explanation': say why the right answer is right"
		]);
	});
});

describe("saving the person's copy", () => {
	it('stores it under the card id, and a revert removes it', async () => {
		db = new RehearseDB('copies-save');
		const markdown = '## What does HEAD point to? {#head}\n\nThe current branch, mine.';
		expect(await saveItemCopy(db, deck, deck.items[0]!, markdown, T)).toEqual([]);
		expect(await db.itemCopies.get('git-basics/head')).toMatchObject({
			deckId: 'git-basics',
			markdown,
			updatedAt: T,
			item: { id: 'head', kind: 'flashcard', promptText: 'What does HEAD point to?' }
		});
		await revertItemCopy(db, 'git-basics/head');
		expect(await db.itemCopies.count()).toBe(0);
	});

	it('refuses a copy with an error, another id or another kind, and stores nothing', async () => {
		db = new RehearseDB('copies-refused');
		const [head, which] = deck.items as [never, never];
		const refused = async (shipped: never, markdown: string) =>
			(await saveItemCopy(db, deck, shipped, markdown, T)).map((e) => `${e.line}: ${e.message}`);
		expect(await refused(head, '## What is HEAD? {#head-v2}\n\nMine.')).toEqual([
			"1: keep the id {#head} in the heading: this card's history is kept under it"
		]);
		expect(await refused(which, '## Which? {#which}\n\nA flashcard now.')).toEqual([
			'1: keep the kind: this is a quiz question, and a copy takes the place of ours'
		]);
		expect(await refused(head, '## No id here\n\nMine.')).toEqual([
			'1: the heading has no id: end it with {#item-id}'
		]);
		expect(await db.itemCopies.count()).toBe(0);
	});

	it('compiles the copies of a backup, and names the first that is wrong', async () => {
		const items = await compileCopies([
			{ id: 'git-basics/head', deckId: 'git-basics', markdown: '## Mine? {#head}\n\nMine.' }
		]);
		expect(items.get('git-basics/head')).toMatchObject({ id: 'head', promptText: 'Mine?' });
		await expect(
			compileCopies([{ id: 'git-basics/head', deckId: 'git-basics', markdown: '## Mine? {#tag}\n\nMine.' }])
		).rejects.toThrow("Your copy of 'git-basics/head' says its id is 'tag'.");
		await expect(
			compileCopies([{ id: 'git-basics/head', deckId: 'git-basics', markdown: '## Mine? {#head}' }])
		).rejects.toThrow("Your copy of 'git-basics/head' has an error on line 1");
	});
});
