import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeck } from '$lib/decks/parse';
import { createPlainRenderer } from '$lib/decks/render';
import { cardBlock, frontmatter, putItem } from '$lib/decks/write';
import { replayCard, schedulerCache } from '$lib/scheduling/replay';
import type { LogEntry } from '$lib/scheduling/log';
import { importedEntryId, storeImport, type ImportedAnswer } from './import';
import { RehearseDB } from './schema';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-05T09:00:00Z');
let db: RehearseDB;
afterEach(async () => {
	db?.close();
	await db?.delete();
});

const renderer = createPlainRenderer();
const meta = { id: 'my-anki', title: 'Anki', topic: 'databases', description: 'Imported.' } as const;
const markdown = ['a', 'b', 'c'].reduce(
	(md, id) =>
		putItem(md, id, cardBlock({ id, prompt: `${id}?`, answer: 'Yes.', cloze: false, tags: [], links: [] })),
	frontmatter(meta)
);
const deck = parseDeck(markdown, { file: 'your deck', renderer, own: true }).deck!;

function history(): ImportedAnswer[] {
	const out: ImportedAnswer[] = [];
	for (const [card, grades] of [
		['a', [3, 3, 4, 3]],
		['b', [1, 3, 1, 3, 3]]
	] as const)
		grades.forEach((rating, i) =>
			out.push({
				cardId: `my-anki/${card}`,
				rating,
				reviewedAt: T0 + i * 3 * DAY + card.length,
				durationMs: 5000
			})
		);
	return out;
}

describe('importing decks with their history', () => {
	it('stores the deck and gives each card the memory state a direct replay of its history gives', async () => {
		db = new RehearseDB('import-test');
		const plan = await storeImport(db, [{ markdown, deck }], history(), T0 + 20 * DAY);
		expect(plan.added).toBe(9);
		expect((await db.ownDecks.get('my-anki'))!.counts.flashcards).toBe(3);
		const log = await db.log.toArray();
		const settings = (await db.settings.get('settings')) ?? { retention: 0.9 };
		for (const card of ['a', 'b']) {
			const entries = log.filter((e) => e.cardId === `my-anki/${card}`) as LogEntry[];
			const steps = replayCard(entries, schedulerCache());
			expect(await db.cards.get(`my-anki/${card}`)).toEqual(steps.at(-1)!.after);
			expect(entries.every((e) => e.retention === settings.retention && e.source === 'review')).toBe(true);
		}
		// Card c has no history: it stays new, to be introduced by review like any new card.
		expect(await db.cards.get('my-anki/c')).toBeUndefined();
		expect(await db.deckTotals.get('my-anki')).toMatchObject({ known: 2 });
	});

	it('adds nothing when the same file is imported again, and answers of two cards in one millisecond keep apart', async () => {
		db = new RehearseDB('import-twice');
		await storeImport(db, [{ markdown, deck }], history(), T0);
		const again = await storeImport(db, [{ markdown, deck }], history(), T0);
		expect(again).toMatchObject({ added: 0, known: 9, conflicts: [] });
		const same = { rating: 3, reviewedAt: T0, durationMs: 1 } as const;
		expect(importedEntryId({ ...same, cardId: 'my-anki/a' })).not.toBe(
			importedEntryId({ ...same, cardId: 'my-anki/b' })
		);
	});

	it('suspends the cards suspended in the other app, after their last answer, once however often imported', async () => {
		db = new RehearseDB('import-suspended');
		const suspended = [
			{ cardId: 'my-anki/b', since: T0 - DAY },
			{ cardId: 'my-anki/c', since: T0 - 2 * DAY }
		];
		const plan = await storeImport(db, [{ markdown, deck }], history(), T0 + 20 * DAY, { suspended });
		expect(plan.events).toBe(2);
		const marks = await db.cardMarks.toArray();
		expect(marks.map((m) => [m.id, m.suspended]).sort()).toEqual([
			['my-anki/b', true],
			['my-anki/c', true]
		]);
		const lastB = Math.max(
			...history()
				.filter((a) => a.cardId === 'my-anki/b')
				.map((a) => a.reviewedAt)
		);
		const events = await db.cardEvents.toArray();
		expect(events.find((e) => e.cardId === 'my-anki/b')).toMatchObject({ action: 'suspend', at: lastB + 1 });
		expect(events.find((e) => e.cardId === 'my-anki/c')).toMatchObject({
			action: 'suspend',
			at: T0 - 2 * DAY
		});
		// Its history still makes card b's state: the suspend holds it back, it does not change it.
		const entries = (await db.log.where('cardId').equals('my-anki/b').toArray()) as LogEntry[];
		expect(await db.cards.get('my-anki/b')).toEqual(replayCard(entries, schedulerCache()).at(-1)!.after);
		const again = await storeImport(db, [{ markdown, deck }], history(), T0 + 21 * DAY, { suspended });
		expect(again.events).toBe(0);
		expect(await db.cardEvents.count()).toBe(2);
	});

	it('writes nothing when part of the import fails', async () => {
		db = new RehearseDB('import-fails');
		const before = await db.log.count();
		const broken = { markdown, deck: { ...deck, id: 'not-mine' } };
		await expect(storeImport(db, [{ markdown, deck }, broken], history(), T0)).rejects.toThrow(
			"must start with 'my-'"
		);
		expect(await db.log.count()).toBe(before);
		expect(await db.ownDecks.count()).toBe(0);
	});

	it('merges the history while the decks are still compiling, then stores them in the same transaction', async () => {
		db = new RehearseDB('import-compiling');
		const seen: [number, number][] = [];
		let finishCompile!: () => void;
		// The decks are ready only once the history's replay has reported its end: were the decks awaited
		// before the history, the import would never finish.
		const compiling = new Promise<{ markdown: string; deck: typeof deck }[]>(
			(resolve) => (finishCompile = () => resolve([{ markdown, deck }]))
		);
		const plan = await storeImport(db, compiling, history(), T0 + 20 * DAY, {
			progress: (done, total) => {
				seen.push([done, total]);
				if (done === total) finishCompile();
			}
		});
		expect(plan.added).toBe(history().length);
		expect(await db.ownDeckFiles.get('my-anki')).toMatchObject({ markdown });
		expect(await db.cards.count()).toBe(2);
		// The replay said how far it was, and ended at all of its cards.
		expect(seen.at(-1)).toEqual([2, 2]);
	});

	it('writes nothing, history included, when the decks fail to compile after the history was merged', async () => {
		db = new RehearseDB('import-compile-fails');
		const compiling = new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error('my-anki.md line 4: a card needs an answer.')), 50)
		);
		await expect(storeImport(db, compiling, history(), T0)).rejects.toThrow('line 4: a card needs an answer');
		expect(await db.log.count()).toBe(0);
		expect(await db.buckets.count()).toBe(0);
		expect(await db.cards.count()).toBe(0);
		expect(await db.ownDecks.count()).toBe(0);
	});
});
