import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeck } from '$lib/decks/parse';
import { createPlainRenderer } from '$lib/decks/render';
import { cardBlock, frontmatter, putItem } from '$lib/decks/write';
import { V8_STORES } from './past-schemas';
import { isOwnDeckId } from '$lib/decks/types';
import { deleteOwnDeck, listOwnDecks, readOwnDeckFile, saveOwnDeck } from './own-decks';
import { RehearseDB } from './schema';

const renderer = createPlainRenderer();
let db: RehearseDB;

function compile(markdown: string) {
	const { deck, errors } = parseDeck(markdown, { file: 'your deck', renderer, own: true });
	expect(errors).toEqual([]);
	return deck!;
}

const meta = { id: 'my-kafka', title: 'Kafka', topic: 'system-design', description: 'Ours.' } as const;
const card = (id: string) =>
	cardBlock({ id, prompt: `${id}?`, answer: 'Yes.', cloze: false, tags: [], links: [] });

afterEach(async () => {
	db?.close();
	await db?.delete();
});

describe('own decks in storage', () => {
	it('keeps the Markdown, the compiled deck and an index row made as the build makes one', async () => {
		db = new RehearseDB('own-decks');
		const markdown = putItem(putItem(frontmatter(meta), 'a', card('a')), 'b', card('b'));
		await saveOwnDeck(db, markdown, compile(markdown), 1000);
		expect(await listOwnDecks(db)).toEqual([
			{
				...meta,
				counts: { flashcards: 2, quiz: 0, interview: 0, sql: 0 },
				flashcardsVersion: expect.any(String),
				updatedAt: 1000
			}
		]);
		expect(await readOwnDeckFile(db, 'my-kafka')).toMatchObject({
			markdown,
			deck: { items: [{ id: 'a' }, { id: 'b' }] }
		});

		// A changed deck gets a new fingerprint of its cards, so review introduces the new one.
		const before = (await listOwnDecks(db))[0]!.flashcardsVersion;
		const more = putItem(markdown, 'c', card('c'));
		await saveOwnDeck(db, more, compile(more), 2000);
		expect((await listOwnDecks(db))[0]!.flashcardsVersion).not.toBe(before);

		await deleteOwnDeck(db, 'my-kafka');
		expect(await listOwnDecks(db)).toEqual([]);
		expect(await readOwnDeckFile(db, 'my-kafka')).toBeUndefined();
	});

	it('refuses a deck whose id is not in the own namespace', async () => {
		db = new RehearseDB('own-decks-id');
		const shipped = { ...compile(frontmatter(meta)), id: 'git-basics' };
		await expect(saveOwnDeck(db, '', shipped, 1)).rejects.toThrow("must start with 'my-'");
		expect(isOwnDeckId('my-x')).toBe(true);
		expect(isOwnDeckId('git-basics')).toBe(false);
	});

	it('opens a version-8 database with its data and no own decks', async () => {
		const name = 'upgrade-v8';
		const v8 = new Dexie(name);
		v8.version(8).stores({ ...V8_STORES });
		await v8.table('settings').put({ id: 'settings', retention: 0.85 });
		v8.close();
		db = new RehearseDB(name);
		await db.open();
		expect(db.verno).toBe(14);
		expect(await db.settings.get('settings')).toMatchObject({ retention: 0.85 });
		expect(await listOwnDecks(db)).toEqual([]);
	});
});
