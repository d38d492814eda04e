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
});
