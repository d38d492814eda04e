import type { RehearseDB } from './schema';

// Own decks and copies of our items change in place, and sync brings each to one version on every
// device (sync/own.ts). A change goes into the sync outbox in the transaction that makes it; a removal
// also leaves its time here (a tombstone in `syncMeta`), so that it wins over an older version elsewhere
// and loses to a newer one.

const goneKey = (docId: string) => `gone:${docId}`;

/**
 * The time of a change made here to a version stored at `current.updatedAt`: now, or just after that
 * version when this device's clock is behind the one that wrote it. A change made after seeing a
 * version always wins over it, on every device, whatever their clocks say.
 */
export function after(now: number, current: { updatedAt: number } | undefined): number {
	return current ? Math.max(now, current.updatedAt + 1) : now;
}

/** The tables a change of an own deck or a copy writes besides its own. */
export const ownChangeTables = (db: RehearseDB) => [db.outbox, db.syncMeta];

/** Notes a stored own deck or copy (by its server document id) for sync. Inside the caller's transaction. */
export async function noteChanged(db: RehearseDB, docId: string): Promise<void> {
	await Promise.all([db.outbox.add({ id: docId }), db.syncMeta.delete(goneKey(docId))]);
}

/** Notes a removed own deck or copy, and when, for sync. Inside the caller's transaction. */
export async function noteGone(db: RehearseDB, docId: string, at: number): Promise<void> {
	await Promise.all([db.outbox.add({ id: docId }), db.syncMeta.put({ key: goneKey(docId), value: at })]);
}

/** When an own deck or copy was removed here, or null. */
export async function goneAt(db: RehearseDB, docId: string): Promise<number | null> {
	return ((await db.syncMeta.get(goneKey(docId)))?.value as number | undefined) ?? null;
}

/** The server document ids of every own deck and copy removed here. */
export async function goneDocIds(db: RehearseDB): Promise<string[]> {
	const keys = (await db.syncMeta.where(':id').startsWith('gone:').primaryKeys()) as string[];
	return keys.map((k) => k.slice('gone:'.length));
}
