import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '$lib/decks/types';
import { makeFlashcard, makeQuiz } from '$lib/testing/decks';
import { copiesOfDeck, deleteItemCopy, putItemCopy, type ItemCopy } from './item-copies';
import { V9_STORES } from './past-schemas';
import { RehearseDB } from './schema';

let db: RehearseDB;

afterEach(async () => {
	db?.close();
	await db?.delete();
});

function copyOf(deckId: string, item: Item = makeFlashcard('head'), updatedAt = 1000): ItemCopy {
	return { id: `${deckId}/${item.id}`, deckId, markdown: `## Mine {#${item.id}}\n\nMine.`, item, updatedAt };
}

describe('copies of shipped items in storage', () => {
	it('keeps each copy by card id and reads them by deck; a removed copy is gone', async () => {
		db = new RehearseDB('item-copies');
		await putItemCopy(db, copyOf('git-basics'));
		await putItemCopy(db, copyOf('git-basics', makeQuiz('which')));
		await putItemCopy(db, copyOf('db-indexes'));
		expect((await copiesOfDeck(db, 'git-basics')).map((c) => c.id)).toEqual([
			'git-basics/head',
			'git-basics/which'
		]);

		// Saved again, a copy replaces the one before.
		await putItemCopy(db, {
			...copyOf('git-basics'),
			markdown: '## Later {#head}\n\nLater.',
			updatedAt: 2000
		});
		expect(await db.itemCopies.get('git-basics/head')).toMatchObject({
			markdown: '## Later {#head}\n\nLater.'
		});

		await deleteItemCopy(db, 'git-basics/head');
		expect((await copiesOfDeck(db, 'git-basics')).map((c) => c.id)).toEqual(['git-basics/which']);
		expect((await copiesOfDeck(db, 'db-indexes')).map((c) => c.id)).toEqual(['db-indexes/head']);
	});

	it("refuses a copy of an own deck's item, or one stored under another item's id", async () => {
		db = new RehearseDB('item-copies-refused');
		await expect(putItemCopy(db, copyOf('my-kafka'))).rejects.toThrow('your own deck');
		await expect(putItemCopy(db, { ...copyOf('git-basics'), id: 'git-basics/tag' })).rejects.toThrow(
			"cannot be stored as 'git-basics/tag'"
		);
		expect(await db.itemCopies.count()).toBe(0);
	});

	it('opens a version-9 database under version 10 with its data and no copies', async () => {
		const name = 'upgrade-v9';
		const v9 = new Dexie(name);
		v9.version(9).stores({ ...V9_STORES });
		await v9.table('settings').put({ id: 'settings', retention: 0.85 });
		await v9.table('ownDeckFiles').put({ id: 'my-kafka', markdown: '---', deck: {}, updatedAt: 1 });
		v9.close();
		db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(await db.settings.get('settings')).toMatchObject({ retention: 0.85 });
		expect(await db.ownDeckFiles.get('my-kafka')).toMatchObject({ markdown: '---' });
		expect(await copiesOfDeck(db, 'git-basics')).toEqual([]);
	});
});
