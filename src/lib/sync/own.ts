import { deleteItemCopy, putItemCopy } from '$lib/db/item-copies';
import { goneAt, goneDocIds } from '$lib/db/own-changes';
import { deleteOwnDeck, ownDeckTables, putOwnDeck } from '$lib/db/own-decks';
import { itemCopyDocId, ownDeckDocId, type RehearseDB } from '$lib/db/schema';
import { mergeDeckFiles } from '$lib/decks/merge';
import type { Deck, Item } from '$lib/decks/types';
import { deckOf } from '$lib/scheduling/card';
import { SyncError, type CouchClient } from './couch';
import { InvalidDocError, kindOf, ownDoc, readDoc, type OwnVersion } from './docs';

// The person's own decks and their copies of our items, on the server as one document each
// (`deck:<id>`, `copy:<deck>/<item>`) holding the Markdown, or a tombstone once removed, and when it
// last changed. Unlike the log they change in place, so each one is brought to one version, here and on
// the server: the side that changed, or for a deck both changed, the two merged card by card (`decide`).
// What comes from the server is checked and compiled here, as a backup's decks are, before anything is
// stored.

const PENDING = 'ownPending';

/** Server ids of own decks and copies the server changed that this device has not looked at yet. */
export async function pendingOwn(db: RehearseDB): Promise<string[]> {
	return ((await db.syncMeta.get(PENDING))?.value as string[] | undefined) ?? [];
}

/** Adds to the pending ids, inside the caller's transaction (the page's checkpoint is stored with them). */
export async function addPendingOwn(db: RehearseDB, ids: readonly string[]): Promise<void> {
	if (ids.length === 0) return;
	const pending = new Set(await pendingOwn(db));
	for (const id of ids) pending.add(id);
	await db.syncMeta.put({ key: PENDING, value: [...pending] });
}

async function dropPending(db: RehearseDB, id: string): Promise<void> {
	await db.transaction('rw', db.syncMeta, async () => {
		const pending = await pendingOwn(db);
		if (pending.includes(id)) await db.syncMeta.put({ key: PENDING, value: pending.filter((p) => p !== id) });
	});
}

/** This device's version of an own deck or copy: stored, removed (and when), or never known (null). */
async function localVersion(db: RehearseDB, docId: string): Promise<OwnVersion | null> {
	const id = docId.slice(5);
	const row = kindOf(docId) === 'deck' ? await db.ownDeckFiles.get(id) : await db.itemCopies.get(id);
	if (row) return { markdown: row.markdown, updatedAt: row.updatedAt };
	const at = await goneAt(db, docId);
	return at === null ? null : { markdown: null, updatedAt: at };
}

/** Every own deck and copy here, stored or removed, by server id: what a first sync sends. */
export async function allOwnDocIds(db: RehearseDB): Promise<string[]> {
	const [decks, copies, gone] = await Promise.all([
		db.ownDeckFiles.toCollection().primaryKeys(),
		db.itemCopies.toCollection().primaryKeys(),
		goneDocIds(db)
	]);
	return [...decks.map((id) => ownDeckDocId(id)), ...copies.map((id) => itemCopyDocId(id)), ...gone];
}

/**
 * Brings each own deck and copy (by server id) to one version here and on the server (see `decide`).
 * Returns how many changed here. A document from the server that fails its checks or does not compile
 * throws `InvalidDocError`, and nothing of it is stored.
 */
export async function reconcileOwn(
	db: RehearseDB,
	client: CouchClient,
	docIds: readonly string[]
): Promise<number> {
	let taken = 0;
	for (const docId of new Set(docIds)) {
		if (await reconcileOne(db, client, docId)) taken++;
		await dropPending(db, docId);
	}
	return taken;
}

async function reconcileOne(db: RehearseDB, client: CouchClient, docId: string): Promise<boolean> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const raw = await client.get(docId);
		const remote = raw ? readDoc(raw) : null;
		if (remote && remote.kind !== 'deck' && remote.kind !== 'copy')
			throw new InvalidDocError(docId, 'not an own deck or a copy');
		const theirs = remote?.version ?? null;
		const ours = await localVersion(db, docId);
		const base = await readBase(db, client, docId);
		let step = decide(ours, theirs, base);
		if (step === 'merge') {
			const merged = await mergedDeck(base!, ours!, theirs!);
			if (merged) {
				// Kept here, then sent; if this device changed the deck meanwhile, or another device the
				// server's, everything is looked at again.
				if (!(await take(db, docId, merged, ours))) continue;
				if (!(await client.put(ownDoc(docId, merged, remote?.rev)))) continue;
				await writeBase(db, client, docId, merged.markdown);
				return true;
			}
			step = byTime(ours!, theirs!);
		}
		if (step === 'same') {
			if (ours && theirs) await writeBase(db, client, docId, ours.markdown);
			return false;
		}
		if (step === 'take') {
			if (!(await take(db, docId, theirs!, ours))) continue;
			await writeBase(db, client, docId, theirs!.markdown);
			return true;
		}
		// Sent stamped after the server's version, so a device that decides by time takes it too.
		const sent = { ...ours!, updatedAt: Math.max(ours!.updatedAt, (theirs?.updatedAt ?? -1) + 1) };
		if (await client.put(ownDoc(docId, sent, remote?.rev))) {
			await writeBase(db, client, docId, ours!.markdown);
			return false;
		}
	}
	throw new SyncError('server', `${docId} kept changing on the server while Rehearse tried to save it.`);
}

type Step = 'same' | 'take' | 'put' | 'merge';

/**
 * What to do with one own deck or copy, from this device's version, the server's and the version both
 * last agreed on (`base`, decks only). When both hold text and the base is known, the text decides: the
 * side still at the base takes the other's, and a deck both changed is merged. Otherwise the later
 * change wins, a tie going the same way on every device.
 */
export function decide(ours: OwnVersion | null, theirs: OwnVersion | null, base: string | null): Step {
	if (!theirs) return !ours || ours.markdown === null ? 'same' : 'put';
	if (!ours) return 'take';
	if (ours.markdown === theirs.markdown) return 'same';
	if (base !== null && ours.markdown !== null && theirs.markdown !== null) {
		if (ours.markdown === base) return 'take';
		if (theirs.markdown === base) return 'put';
		return 'merge';
	}
	return byTime(ours, theirs);
}

function byTime(ours: OwnVersion, theirs: OwnVersion): 'take' | 'put' {
	if (theirs.updatedAt !== ours.updatedAt) return theirs.updatedAt > ours.updatedAt ? 'take' : 'put';
	return (theirs.markdown ?? '') > (ours.markdown ?? '') ? 'take' : 'put';
}

// The version of an own deck this device and the account's server last agreed on, kept for the
// three-way merge of a deck changed on both sides (decks/merge.ts). Copies are one item: no base.
const baseKey = (client: CouchClient, docId: string) => `base:${client.db}:${docId}`;

async function readBase(db: RehearseDB, client: CouchClient, docId: string): Promise<string | null> {
	if (kindOf(docId) !== 'deck') return null;
	return ((await db.syncMeta.get(baseKey(client, docId)))?.value as string | undefined) ?? null;
}

async function writeBase(db: RehearseDB, client: CouchClient, docId: string, markdown: string | null) {
	if (kindOf(docId) !== 'deck') return;
	if (markdown === null) await db.syncMeta.delete(baseKey(client, docId));
	else await db.syncMeta.put({ key: baseKey(client, docId), value: markdown });
}

/**
 * A deck both sides changed since `base`, merged card by card (the later side winning a card both
 * changed), stamped after both; null when the merge cannot be made or does not compile.
 */
async function mergedDeck(base: string, ours: OwnVersion, theirs: OwnVersion): Promise<OwnVersion | null> {
	const later = byTime(ours, theirs) === 'take' ? 'theirs' : 'ours';
	const markdown = mergeDeckFiles(base, ours.markdown!, theirs.markdown!, later);
	if (markdown === null) return null;
	const { compileOwnDeck } = await import('$lib/my-decks/compile');
	const { deck, errors } = await compileOwnDeck(markdown);
	if (!deck || errors.length > 0) return null;
	return { markdown, updatedAt: Math.max(ours.updatedAt, theirs.updatedAt) + 1 };
}

const sameVersion = (a: OwnVersion | null, b: OwnVersion | null) =>
	a?.markdown === b?.markdown && a?.updatedAt === b?.updatedAt;

/**
 * Stores `version` here, compiled, if this device still holds `expected` (what the decision was made
 * on); false if it changed meanwhile (the person saved), so that the caller looks again.
 */
async function take(
	db: RehearseDB,
	docId: string,
	version: OwnVersion,
	expected: OwnVersion | null
): Promise<boolean> {
	const isDeck = kindOf(docId) === 'deck';
	const id = docId.slice(5);
	const compiled = version.markdown === null ? null : await compile(isDeck, id, version.markdown, docId);
	return db.transaction('rw', [...ownDeckTables(db), db.itemCopies], async () => {
		if (!sameVersion(await localVersion(db, docId), expected)) return false;
		// What this device stores from the server does not go back to it.
		const before = ((await db.outbox.toCollection().lastKey()) as number | undefined) ?? 0;
		if (isDeck) {
			if (compiled) await putOwnDeck(db, version.markdown!, compiled as Deck, version.updatedAt);
			else await deleteOwnDeck(db, id, version.updatedAt);
		} else if (compiled) {
			const deckId = deckOf(id);
			const item = compiled as Item;
			await putItemCopy(db, { id, deckId, markdown: version.markdown!, item, updatedAt: version.updatedAt });
		} else await deleteItemCopy(db, id, version.updatedAt);
		await db.outbox.where(':id').above(before).delete();
		return true;
	});
}

/** A deck's or a copy's Markdown compiled here, as a backup's is; refused with the line of its error. */
async function compile(isDeck: boolean, id: string, markdown: string, docId: string): Promise<Deck | Item> {
	if (isDeck) {
		const { compileOwnDeck } = await import('$lib/my-decks/compile');
		const { deck, errors } = await compileOwnDeck(markdown);
		const first = errors[0];
		if (!deck || first)
			throw new InvalidDocError(
				docId,
				`line ${first?.line ?? 1}: ${first?.message ?? 'the deck could not be read'}`
			);
		if (deck.id !== id) throw new InvalidDocError(docId, `the deck says its id is '${deck.id}'`);
		return deck;
	}
	const { compileCopy } = await import('$lib/my-decks/copy-compile');
	const deckId = deckOf(id);
	const { item, errors } = await compileCopy(deckId, markdown);
	const first = errors[0];
	if (!item || first)
		throw new InvalidDocError(
			docId,
			`line ${first?.line ?? 1}: ${first?.message ?? 'the copy could not be read'}`
		);
	if (`${deckId}/${item.id}` !== id) throw new InvalidDocError(docId, `the copy says its id is '${item.id}'`);
	return item;
}
