import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logEntryId } from '$lib/id';
import { dayOf } from './day';
import { foldCard, schedulerCache } from './replay';
import type { LogEntry } from './log';
import { isHeld, isLeech, type CardAction, type CardEvent } from './marks';
import { foldMarks } from './card-events';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
let n = 0;

function answer(minutes: number, rating: 1 | 2 | 3 | 4 = 3): LogEntry {
	const at = T0 + minutes * 60_000;
	return {
		id: logEntryId(at, ++n),
		cardId: 'git/rebase',
		rating,
		reviewedAt: at,
		durationMs: 3000,
		source: 'review',
		day: dayOf(at, 4),
		retention: 0.9
	};
}

function event(minutes: number, action: CardAction, value?: number): CardEvent {
	const at = T0 + minutes * 60_000;
	return {
		id: logEntryId(at, ++n),
		cardId: 'git/rebase',
		action,
		at,
		...(value === undefined ? {} : { value })
	};
}

describe('folding a card with its events', () => {
	const s = schedulerCache();

	it('a forget leaves no state, and the next answer starts the card anew; the entries before stay', () => {
		const log = [answer(0), answer(10 * 1440), answer(30 * 1440, 1), answer(40 * 1440)];
		const forget = event(35 * 1440, 'forget');
		const kept = foldCard(log.slice(0, 3), [forget], s);
		expect(kept.state).toBeNull();
		expect(kept.steps).toHaveLength(3);
		const after = foldCard(log, [forget], s);
		expect(after.steps[3]!.before).toBeNull();
		expect(after.state).toMatchObject({ reps: 1, lapses: 0 });
		// The same as a card whose only answer is the last one.
		expect(after.state).toEqual(foldCard([log[3]!], [], s).state);
	});

	it('a new due date moves a studied card and the answers after it are rated from there; a new card has none to move', () => {
		const due = T0 + 50 * DAY;
		const moved = foldCard([answer(0)], [event(60, 'reschedule', due)], s);
		expect(moved.state).toMatchObject({ due, rev: 2 });
		expect(foldCard([], [event(60, 'reschedule', due)], s).state).toBeNull();
		const later = foldCard([answer(0), answer(3 * 1440)], [event(60, 'reschedule', due)], s);
		expect(later.state!.due).not.toBe(due);
		expect(later.steps[1]!.before!.due).toBe(due);
	});

	it('suspends, buries and flags leave the state alone', () => {
		const log = [answer(0), answer(1440)];
		const marks = [event(5, 'suspend'), event(6, 'flag', 2), event(7, 'bury', T0 + DAY)];
		expect(foldCard(log, marks, s)).toEqual(foldCard(log, [], s));
	});

	it('gives the same state whatever order the entries and events come in', () => {
		const log = [answer(0), answer(2 * 1440, 1), answer(5 * 1440), answer(9 * 1440, 2)];
		const events = [
			event(1440, 'reschedule', T0 + 3 * DAY),
			event(3 * 1440, 'forget'),
			event(6 * 1440, 'suspend')
		];
		const expected = foldCard(log, events, s).state;
		fc.assert(
			fc.property(fc.shuffledSubarray([...log, ...events], { minLength: 7, maxLength: 7 }), (all) => {
				const entries = all.filter((x): x is LogEntry => 'rating' in x);
				const evs = all.filter((x): x is CardEvent => 'action' in x);
				expect(foldCard(entries, evs, s).state).toEqual(expected);
			})
		);
	});
});

describe('marks', () => {
	it('the last event of each kind wins, by time then id, and no mark set means nothing to store', () => {
		const until = T0 + DAY;
		const marks = foldMarks('git/rebase', [
			event(3, 'flag', 1),
			event(1, 'suspend'),
			event(2, 'bury', until)
		]);
		expect(marks).toEqual({ id: 'git/rebase', deckId: 'git', suspended: true, buriedUntil: until, flag: 1 });
		expect(
			foldMarks('git/rebase', [
				event(2, 'unsuspend'),
				event(1, 'suspend'),
				event(4, 'flag', 0),
				event(3, 'flag', 4)
			])
		).toBeNull();
		expect(foldMarks('git/rebase', [event(1, 'bury', until), event(2, 'unbury')])).toBeNull();
		expect(foldMarks('git/rebase', [event(1, 'flag', 9)])).toBeNull();
	});

	it('a card is held while suspended or until its bury ends', () => {
		const m = foldMarks('git/rebase', [event(1, 'bury', T0 + DAY)])!;
		expect(isHeld(m, T0)).toBe(true);
		expect(isHeld(m, T0 + DAY)).toBe(false);
		expect(isHeld(undefined, T0)).toBe(false);
		expect(isHeld({ ...m, buriedUntil: 0, suspended: true }, T0 + 99 * DAY)).toBe(true);
	});

	it('a leech is a card forgotten as many times as the setting says', () => {
		expect(isLeech({ lapses: 7 }, 8)).toBe(false);
		expect(isLeech({ lapses: 8 }, 8)).toBe(true);
		expect(isLeech(undefined, 8)).toBe(false);
	});
});
