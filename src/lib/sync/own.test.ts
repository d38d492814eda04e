import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RehearseDB } from '$lib/db/schema';
import { frontmatter, putItem, type DeckMeta } from '$lib/decks/write';
import { saveDeckMarkdown, removeOwnDeck } from '$lib/my-decks/editing';
import { revertItemCopy, saveItemCopy } from '$lib/my-decks/copies';
import { makeDeck, makeFlashcard } from '$lib/testing/decks';
import { syncDevices } from '$lib/testing/sync-devices';
import { SyncError } from './couch';
import { sync } from './engine';
import { decide } from './own';

// Own decks and copies of our items between devices, through a real CouchDB-protocol server
// (pouchdb-server, in memory): the version changed last wins everywhere, removals travel, and a document
// from the server that does not compile is refused with nothing changed here.

const T = Date.parse('2026-02-01T10:00:00Z');
const MINUTE = 60_000;

const { freshDb, account: newAccount } = syncDevices('own-sync-test');
const account = async () => (await newAccount()).clients;

const META: DeckMeta = { id: 'my-kafka', title: 'Kafka', topic: 'databases', description: 'Our pipeline.' };
const deckFile = (answer: string) => `${frontmatter(META)}\n## What orders messages? {#order}\n\n${answer}\n`;

async function saveDeck(db: RehearseDB, markdown: string, at: number) {
	expect(await saveDeckMarkdown(db, markdown, at)).toEqual([]);
}

const shipped = makeDeck('git-basics', [makeFlashcard('head')], 'git');

describe('own decks and copies through sync', { timeout: 60_000 }, () => {
	it('carries an own deck to another device, keeps the later edit on both, and carries its removal', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveDeck(a, deckFile('The partition.'), T);
		expect((await sync(a, ca!)).ownTaken).toBe(0);
		expect((await sync(b, cb!)).ownTaken).toBe(1);
		const onB = await b.ownDeckFiles.get('my-kafka');
		expect(onB?.markdown).toBe(deckFile('The partition.'));
		expect(onB?.deck.items.map((i) => i.id)).toEqual(['order']);
		expect(await b.ownDecks.get('my-kafka')).toMatchObject({ title: 'Kafka', updatedAt: T });
		expect(await b.outbox.count()).toBe(0);

		// Both edit offline; B's edit is the later one and wins on both, whatever the order of syncs.
		await saveDeck(b, deckFile('The partition, within one partition only.'), T + 2 * MINUTE);
		await saveDeck(a, deckFile('Offsets.'), T + MINUTE);
		await sync(a, ca!);
		await sync(b, cb!);
		await sync(a, ca!);
		for (const db of [a, b])
			expect((await db.ownDeckFiles.get('my-kafka'))?.markdown).toBe(
				deckFile('The partition, within one partition only.')
			);

		// A removal made later than the last edit travels too.
		await removeOwnDeck(a, 'my-kafka');
		await sync(a, ca!);
		await sync(b, cb!);
		expect(await b.ownDeckFiles.get('my-kafka')).toBeUndefined();
		expect(await b.ownDecks.get('my-kafka')).toBeUndefined();
	});

	it('lets a change made after seeing a version win over it, even from a device whose clock is behind', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveDeck(a, deckFile('The partition.'), T + 10 * MINUTE);
		await sync(a, ca!);
		await sync(b, cb!);
		await saveDeck(b, deckFile('Within one partition.'), T);
		expect((await b.ownDeckFiles.get('my-kafka'))?.updatedAt).toBe(T + 10 * MINUTE + 1);
		await sync(b, cb!);
		await sync(a, ca!);
		expect((await a.ownDeckFiles.get('my-kafka'))?.markdown).toBe(deckFile('Within one partition.'));
		await removeOwnDeck(a, 'my-kafka');
		await sync(a, ca!);
		await sync(b, cb!);
		expect(await b.ownDeckFiles.count()).toBe(0);
	});

	it('keeps a card added on each device to the same deck while both were offline', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveDeck(a, deckFile('The partition.'), T);
		await sync(a, ca!);
		await sync(b, cb!);
		const addCard = (file: string, id: string, answer: string) =>
			putItem(file, id, `## Question ${id}? {#${id}}\n\n${answer}`);
		await saveDeck(a, addCard(deckFile('The partition.'), 'lag', 'Offsets behind the end.'), T + MINUTE);
		await saveDeck(
			b,
			addCard(deckFile('The partition.'), 'acks', 'How many replicas confirm.'),
			T + 2 * MINUTE
		);
		await sync(a, ca!);
		await sync(b, cb!);
		await sync(a, ca!);
		const [onA, onB] = [await a.ownDeckFiles.get('my-kafka'), await b.ownDeckFiles.get('my-kafka')];
		expect(onA?.markdown).toBe(onB?.markdown);
		expect(onA?.deck.items.map((i) => i.id).sort()).toEqual(['acks', 'lag', 'order']);
	});

	it('lets the text decide, not the clock, when one side only saved the deck unchanged', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveDeck(a, deckFile('The partition.'), T);
		await sync(a, ca!);
		await sync(b, cb!);
		await saveDeck(a, deckFile('Within one partition.'), T + MINUTE);
		await saveDeck(b, deckFile('The partition.'), T + 5 * MINUTE);
		await sync(b, cb!);
		await sync(a, ca!);
		await sync(b, cb!);
		for (const db of [a, b])
			expect((await db.ownDeckFiles.get('my-kafka'))?.markdown).toBe(deckFile('Within one partition.'));
	});

	it('sends the decks a device made before sync carried them, once, on its next sync', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await sync(a, ca!);
		// As an older version left it: a deck with no outbox row, and no note that every deck was sent.
		await saveDeck(a, deckFile('The partition.'), T);
		await a.outbox.clear();
		await a.syncMeta.where(':id').startsWith('ownAll:').delete();
		await sync(a, ca!);
		await sync(b, cb!);
		expect((await b.ownDeckFiles.get('my-kafka'))?.markdown).toBe(deckFile('The partition.'));
	});

	it('carries a copy of one of our items and its revert', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		const copy = '## What is HEAD? {#head}\n\nThe commit you have checked out, in my words.';
		expect(await saveItemCopy(a, shipped, shipped.items[0]!, copy, T)).toEqual([]);
		await sync(a, ca!);
		await sync(b, cb!);
		const onB = await b.itemCopies.get('git-basics/head');
		expect(onB).toMatchObject({ deckId: 'git-basics', markdown: copy, updatedAt: T });
		expect(onB?.item.kind).toBe('flashcard');

		await revertItemCopy(b, 'git-basics/head');
		await sync(b, cb!);
		await sync(a, ca!);
		expect(await a.itemCopies.get('git-basics/head')).toBeUndefined();
	});

	it('refuses an own deck from the server that does not compile, naming it, with nothing changed here', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveDeck(a, deckFile('The partition.'), T);
		await sync(a, ca!);
		await sync(b, cb!);
		const before = await b.ownDeckFiles.toArray();
		// Another client writes a broken deck (a quiz question with one choice) under the same id.
		const doc = { ...(await cb!.get('deck:my-kafka'))!, _id: 'deck:my-kafka' };
		const broken = `${frontmatter(META)}\n## Which? {#which .quiz}\n\n### Choices\n- [x] Only one\n`;
		expect(await cb!.put({ ...doc, markdown: broken, updatedAt: T + MINUTE })).toBe(true);
		const error = await sync(b, cb!).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toContain('deck:my-kafka');
		expect((error as SyncError).message).toContain('line');
		expect(await b.ownDeckFiles.toArray()).toEqual(before);
	});

	it('keeps raw HTML of a deck from the server as text, never as markup', async () => {
		const [ca, cb] = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveDeck(a, deckFile('The partition.'), T);
		await sync(a, ca!);
		const doc = { ...(await ca!.get('deck:my-kafka'))!, _id: 'deck:my-kafka' };
		const hostile = deckFile('<img src=x onerror="alert(1)"> and <script>alert(2)</script>');
		expect(await ca!.put({ ...doc, markdown: hostile, updatedAt: T + MINUTE })).toBe(true);
		await sync(b, cb!);
		const html = JSON.stringify((await b.ownDeckFiles.get('my-kafka'))?.deck);
		expect(html).toContain('&lt;img');
		expect(html).not.toMatch(/<img|<script/);
	});

	describe('deciding', () => {
		const v = (markdown: string | null, updatedAt: number) => ({ markdown, updatedAt });
		it('takes the side that changed when the base is known, whatever the times', () => {
			expect(decide(v('base', 9), v('new', 1), 'base')).toBe('take');
			expect(decide(v('new', 1), v('base', 9), 'base')).toBe('put');
			expect(decide(v('x', 1), v('y', 2), 'base')).toBe('merge');
			expect(decide(v('x', 1), v('x', 2), 'base')).toBe('same');
		});
		it('without a base, the later change wins, and a tie goes the same way on both devices', () => {
			expect(decide(v('x', 1), v('y', 2), null)).toBe('take');
			expect(decide(v(null, 3), v('y', 2), null)).toBe('put');
			expect(decide(v('x', 5), v('y', 5), null)).toBe('take');
			expect(decide(v('y', 5), v('x', 5), null)).toBe('put');
			expect(decide(null, v('y', 5), null)).toBe('take');
			expect(decide(v(null, 5), null, null)).toBe('same');
		});
	});
});
