import type { RehearseDB } from './schema';
import { bucketOf } from './log-bucket';

/**
 * The greatest id among a card's stored rows, loose or packed ('' for none), read from keys and the pack's
 * id list: no row is decoded. Part of the log's readers (db/entries.ts re-exports it), in a module of its
 * own so that the answer path (db/reviews.ts), which needs only this, does not bring the pack codec
 * (db/log-pack.ts) into the first card's JavaScript.
 */
export async function lastIdOfCard(db: RehearseDB, cardId: string): Promise<string> {
	const [loose, bucket] = await Promise.all([
		db.log.where('cardId').equals(cardId).primaryKeys(),
		db.buckets.get(bucketOf(cardId))
	]);
	const pack = bucket?.packs.find((p) => p.cardId === cardId);
	return [...(pack?.ids ?? []), ...(loose as string[])].reduce((a, id) => (a > id ? a : id), '');
}
