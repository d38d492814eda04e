import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, bucketsOf, rebucket, withPacks } from './log-bucket';
import type { LogBucket, LogPack } from './schema';

/** A pack with only ids (and no rows, so no last day): the bucket code never looks further inside one. */
const pack = (cardId: string, ...ids: string[]): LogPack => ({ cardId, ids, rows: [] });

describe('log buckets', () => {
	it('puts a card in the same bucket on every device and in every version (the key is stored)', () => {
		expect(BUCKETS).toBe(1024);
		expect(bucketOf('git/a')).toBe(151);
		expect(bucketOf('sql-joins/inner-join')).toBe(203);
		expect(bucketOf('dsa-graphs/bfs')).toBe(301);
	});

	it('replaces a card’s pack, keeps the others, drops on request, and deletes an emptied bucket', () => {
		const key = 7;
		const was = withPacks(key, undefined, [pack('b', 'b1', 'b2'), pack('a', 'a1')])!;
		expect(was).toEqual({
			bucket: key,
			cardIds: ['a', 'b'],
			first: 'a1',
			lastDay: -Infinity,
			size: 3,
			packs: [pack('a', 'a1'), pack('b', 'b1', 'b2')]
		});
		const next = withPacks(key, was, [pack('b', 'b0', 'b3')], ['a']);
		expect(next).toEqual({
			bucket: key,
			cardIds: ['b'],
			first: 'b0',
			lastDay: -Infinity,
			size: 2,
			packs: [pack('b', 'b0', 'b3')]
		});
		expect(withPacks(key, next!, [], ['b'])).toBeNull();
	});

	it('writes each bucket touched once, whole, and names the stored ones left empty', () => {
		const cards = ['git/a', 'git/b', 'sql/a', 'sql/b', 'http/a', 'http/b', 'net/a'];
		const fuzz = fc.record({
			stored: fc.subarray(cards),
			put: fc.subarray(cards),
			drop: fc.subarray(cards)
		});
		fc.assert(
			fc.property(fuzz, ({ stored, put, drop }) => {
				const old = new Map<number, LogBucket>(
					bucketsOf(stored.map((c) => pack(c, `${c}#old`))).map((b) => [b.bucket, b])
				);
				const dropped = drop.filter((c) => !put.includes(c));
				const out = rebucket(
					old,
					put.map((c) => pack(c, `${c}#new`)),
					dropped
				);
				const keys = out.put.map((b) => b.bucket);
				expect(new Set(keys).size).toBe(keys.length);
				// What the buckets hold afterwards: the stored packs, changed as asked.
				const after = new Map(old);
				for (const k of out.emptied) after.delete(k);
				for (const b of out.put) after.set(b.bucket, b);
				const held = [...after.values()].flatMap((b) => b.packs.map((p) => [p.cardId, p.ids[0]]));
				const expected = cards
					.filter((c) => put.includes(c) || (stored.includes(c) && !dropped.includes(c)))
					.map((c) => [c, put.includes(c) ? `${c}#new` : `${c}#old`]);
				expect(held.sort()).toEqual(expected.sort());
				for (const b of after.values())
					expect(b.packs.every((p) => bucketOf(p.cardId) === b.bucket)).toBe(true);
				for (const k of out.emptied) expect(old.has(k)).toBe(true);
			})
		);
	});
});
