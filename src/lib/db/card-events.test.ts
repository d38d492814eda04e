import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readBackup } from '$lib/backup/file';
import { logEntryId } from '$lib/id';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { makeScheduler, newCardState, rate, type Grade } from '$lib/scheduling/fsrs';
import type { LogEntry } from '$lib/scheduling/log';
import { exportBackup, restoreBackup } from './backup';
import { applyCardAction } from './card-events';
import { suspendAsLeech } from '$lib/review/card-actions';
import { heldIds } from './marks';
import { mergeLog } from './merge';
import { readOverview } from './overview';
import { dueCardIds, findUnseen, recordAnswer } from './reviews';
import { RehearseDB } from './schema';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const DAY = 86_400_000;
let db: RehearseDB;
let n = 0;

afterEach(async () => {
	db?.close();
	await db?.delete();
});

function entry(cardId: string, at: number, rating: Grade = 3): LogEntry {
	return {
		id: logEntryId(at, ++n),
		cardId,
		rating,
		reviewedAt: at,
		durationMs: 4000,
		source: 'review',
		day: dayOf(at, 4),
		retention: 0.9
	};
}

/** Three git cards answered once on day 0, so all three are due two days later. */
async function studied(name: string): Promise<number> {
	db = new RehearseDB(name);
	await mergeLog(
		db,
		['git/a', 'git/b', 'git/c'].map((id, i) => entry(id, T0 + i * 60_000))
	);
	return T0 + 20 * DAY;
}

const dueNow = async (now: number) => (await dueCardIds(db, dayEndsAt(now, 4), await heldIds(db, now))).all;

describe('card actions in storage', () => {
	it('a suspended card leaves the due cards and the home count until it is unsuspended', async () => {
		const now = await studied('actions-suspend');
		expect(await dueNow(now)).toEqual(['git/a', 'git/b', 'git/c']);
		await applyCardAction(db, ['git/b'], { action: 'suspend' }, now);
		expect(await dueNow(now)).toEqual(['git/a', 'git/c']);
		expect((await readOverview(db, now)).dueIds).toEqual(['git/a', 'git/c']);
		await applyCardAction(db, ['git/b'], { action: 'unsuspend' }, now + 1);
		expect(await dueNow(now + 2)).toEqual(['git/a', 'git/b', 'git/c']);
		expect(await db.cardMarks.count()).toBe(0);
		expect(await db.cardEvents.count()).toBe(2);
	});

	it('a buried card is back the next review day', async () => {
		const now = await studied('actions-bury');
		const until = dayEndsAt(now, 4);
		await applyCardAction(db, ['git/a'], { action: 'bury', value: until }, now);
		expect(await dueNow(now)).toEqual(['git/b', 'git/c']);
		expect(await dueNow(until)).toEqual(['git/a', 'git/b', 'git/c']);
	});

	it('a suspended new card is not among the new cards, and not counted as one', async () => {
		db = new RehearseDB('actions-new');
		await applyCardAction(db, ['git/b'], { action: 'suspend' }, T0);
		const held = await heldIds(db, T0);
		const decks = [{ id: 'git', counts: { flashcards: 3 } }];
		const unseen = await findUnseen(db, decks, new Map(), 10, async () => ['git/a', 'git/b', 'git/c'], held);
		expect(unseen.ids).toEqual(['git/a', 'git/c']);
		expect((await readOverview(db, T0)).met).toEqual(new Map([['git', 1]]));
	});

	it("an action comes after the card's stored ones, even in the same millisecond or behind another clock", async () => {
		db = new RehearseDB('actions-same-ms');
		// Stored by an earlier page load at this same moment, with an id that sorts high.
		const earlier = {
			id: '019b8d62-7a80-7ff0-bfff-ff0000000000',
			cardId: 'git/a',
			action: 'flag' as const,
			at: T0,
			value: 1
		};
		const ahead = {
			id: logEntryId(T0 + DAY, ++n),
			cardId: 'git/b',
			action: 'suspend' as const,
			at: T0 + DAY
		};
		await mergeLog(db, [], [], [earlier, ahead]);
		await applyCardAction(db, ['git/a'], { action: 'flag', value: 0 }, T0);
		await applyCardAction(db, ['git/b'], { action: 'unsuspend' }, T0);
		expect(await db.cardMarks.count()).toBe(0);
	});

	it('a new due date given in the millisecond of the last answer still comes after it', async () => {
		db = new RehearseDB('actions-same-ms-answer');
		const answered = entry('git/a', T0);
		// An id that sorts after any made now for T0: the event must not fold before the answer.
		answered.id = '019b8d62-7a80-7ff0-bfff-ff0000000000';
		await mergeLog(db, [answered]);
		await applyCardAction(db, ['git/a'], { action: 'reschedule', value: T0 + 30 * DAY }, T0);
		expect(await db.cards.get('git/a')).toMatchObject({ due: T0 + 30 * DAY });
		expect((await db.cardEvents.toArray())[0]!.at).toBe(T0 + 1);
	});

	it('a flag is kept per card, the last colour winning, and cleared by flag 0', async () => {
		const now = await studied('actions-flag');
		await applyCardAction(db, ['git/a', 'git/b'], { action: 'flag', value: 1 }, now);
		await applyCardAction(db, ['git/b'], { action: 'flag', value: 4 }, now + 1);
		await applyCardAction(db, ['git/a'], { action: 'flag', value: 0 }, now + 2);
		expect(await db.cardMarks.toArray()).toEqual([
			{ id: 'git/b', deckId: 'git', suspended: false, buriedUntil: 0, flag: 4 }
		]);
		// A flag does not hold a card back.
		expect(await dueNow(now + 3)).toEqual(['git/a', 'git/b', 'git/c']);
	});

	it('a forget makes a card new again, keeps its history, and its next answer counts as a new card', async () => {
		const now = await studied('actions-forget');
		await applyCardAction(db, ['git/a'], { action: 'forget' }, now);
		expect(await db.cards.get('git/a')).toBeUndefined();
		expect(await db.log.where('cardId').equals('git/a').count()).toBe(1);
		expect(await db.deckTotals.get('git')).toMatchObject({ known: 2 });
		expect(await dueNow(now)).toEqual(['git/b', 'git/c']);

		const shown = newCardState('git/a', now + DAY);
		const next = rate(makeScheduler({ retention: 0.9 }), shown, now + DAY, 3);
		const day = dayOf(now + DAY, 4);
		await recordAnswer(db, {
			shown,
			next,
			grade: 3,
			now: now + DAY,
			durationMs: 1,
			source: 'review',
			day,
			retention: 0.9
		});
		expect(await db.days.get(day)).toMatchObject({ newCount: 1, reviewCount: 0 });
		expect(await db.deckTotals.get('git')).toMatchObject({ known: 3 });
		expect(await db.cards.get('git/a')).toMatchObject({ reps: 1 });
	});

	it('a forget from another device that came before later answers replays the card from it', async () => {
		db = new RehearseDB('actions-forget-past');
		const first = entry('git/a', T0);
		const second = entry('git/a', T0 + 10 * DAY, 1);
		await mergeLog(db, [first, second]);
		expect((await db.cards.get('git/a'))?.reps).toBe(2);
		const forget = {
			id: logEntryId(T0 + 5 * DAY, ++n),
			cardId: 'git/a',
			action: 'forget' as const,
			at: T0 + 5 * DAY
		};
		await mergeLog(db, [], [], [forget]);
		// As if the card were new at the second answer: one review, no lapse (an Again on a new card is none).
		expect(await db.cards.get('git/a')).toMatchObject({ reps: 1, lapses: 0 });
		const rows = await db.log.where('cardId').equals('git/a').sortBy('reviewedAt');
		expect(rows[1]!.before).toBeNull();
	});

	it('a new due date moves a studied card out of the due cards', async () => {
		const now = await studied('actions-due');
		const later = now + 10 * DAY;
		await applyCardAction(db, ['git/c'], { action: 'reschedule', value: later }, now);
		expect(await db.cards.get('git/c')).toMatchObject({ due: later });
		expect(await dueNow(now)).toEqual(['git/a', 'git/b']);
	});

	it('suspends a leech with the answer that makes it one, in the same transaction', async () => {
		db = new RehearseDB('actions-leech');
		const s = makeScheduler({ retention: 0.9 });
		let card = newCardState('git/a', T0);
		let at = T0;
		for (let i = 0; i < 3; i++) {
			at += 2 * DAY;
			const grade: Grade = i === 0 ? 3 : 1;
			const next = rate(s, card, at, grade);
			await recordAnswer(db, {
				shown: card,
				next,
				grade,
				now: at,
				durationMs: 1,
				source: 'review',
				day: dayOf(at, 4),
				retention: 0.9,
				...(i === 2 ? { alsoWrite: suspendAsLeech(db) } : {})
			});
			card = next;
		}
		expect(await db.cardMarks.get('git/a')).toMatchObject({ suspended: true });
		const [event] = await db.cardEvents.toArray();
		expect(event).toMatchObject({ action: 'suspend', leech: true, cardId: 'git/a' });
		expect(await db.outbox.toArray()).toContainEqual(expect.objectContaining({ id: `event:${event!.id}` }));
	});

	it('a backup carries the actions, and a restore into another browser (a full replay) gives the same marks and states', async () => {
		const now = await studied('actions-backup');
		await applyCardAction(db, ['git/a'], { action: 'suspend' }, now);
		await applyCardAction(db, ['git/b'], { action: 'forget' }, now + 1);
		await applyCardAction(db, ['git/c'], { action: 'flag', value: 3 }, now + 2);
		await applyCardAction(db, ['git/c', 'git/b'], { action: 'reschedule', value: now + 9 * DAY }, now + 3);
		expect(await db.cards.get('git/c')).toMatchObject({ due: now + 9 * DAY });
		const backup = await readBackup(await exportBackup(db, now + 4));
		expect(backup.cardEvents.map((e) => e.action)).toEqual([
			'suspend',
			'forget',
			'flag',
			'reschedule',
			'reschedule'
		]);

		const other = new RehearseDB('actions-backup-2');
		try {
			await restoreBackup(other, backup, { mode: 'merge' });
			expect(await other.cardMarks.toArray()).toEqual(await db.cardMarks.toArray());
			expect(await other.cards.toArray()).toEqual(await db.cards.toArray());
			expect(await other.deckTotals.toArray()).toEqual(await db.deckTotals.toArray());
			// Merging it again adds nothing.
			await restoreBackup(other, backup, { mode: 'merge' });
			expect(await other.cardEvents.count()).toBe(5);
		} finally {
			other.close();
			await other.delete();
		}
	});
});
