import 'fake-indexeddb/auto';
import { default_w } from 'ts-fsrs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeScheduler, rate, newCardState, type Grade } from '$lib/scheduling/fsrs';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { replayCard, schedulerCache } from '$lib/scheduling/replay';
import { logEntryId } from '$lib/id';
import { readBackup } from '$lib/backup/file';
import { exportBackup, restoreBackup } from './backup';
import { keepAnswer } from './recompute';
import { replaceLog } from './merge';
import { applyParameters, readOptimiserLog } from './parameters';
import { RehearseDB } from './schema';
import { readSettings, sanitize } from './settings';
import { DEFAULT_SETTINGS } from './schema';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const DAY = 86_400_000;
/** Weights clearly not the defaults: long initial stabilities. */
const OWN = default_w.map((x, i) => (i < 4 ? x * 3 : x));

const opened: RehearseDB[] = [];
let n = 0;
async function freshDb(): Promise<RehearseDB> {
	const db = new RehearseDB(`parameters-test-${++n}`);
	await db.open();
	opened.push(db);
	return db;
}
afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.delete()));
});

function entry(cardId: string, day: number, rating: Grade, k: number): LogEntry {
	const reviewedAt = T0 + day * DAY + k * 1000;
	return {
		id: logEntryId(reviewedAt, k),
		cardId,
		rating,
		reviewedAt,
		durationMs: 2000,
		source: 'review',
		day,
		retention: 0.9
	};
}

const LOG: LogEntry[] = [
	entry('git/a', 0, 3, 1),
	entry('git/a', 3, 3, 2),
	entry('git/a', 12, 1, 3),
	entry('git/b', 0, 4, 4),
	entry('git/b', 9, 2, 5),
	entry('sql/a', 1, 1, 6),
	entry('sql/a', 1, 3, 7)
];

/** Each card as a replay of its entries with these weights gives it. */
function replayed(entries: readonly LogEntry[], parameters?: readonly number[]) {
	const cache = schedulerCache(parameters);
	const ids = [...new Set(entries.map((e) => e.cardId))].sort();
	return ids.map(
		(id) =>
			replayCard(
				entries.filter((e) => e.cardId === id),
				cache
			).at(-1)!.after
	);
}

describe('the FSRS parameters setting', () => {
	it('keeps a full set of finite weights and drops anything else', () => {
		const base = { ...DEFAULT_SETTINGS };
		expect(sanitize({ ...base, fsrsParameters: OWN }).fsrsParameters).toEqual(OWN);
		expect(sanitize({ ...base, fsrsParameters: OWN.slice(0, 19) }).fsrsParameters).toBeUndefined();
		expect(sanitize({ ...base, fsrsParameters: [...OWN.slice(1), NaN] }).fsrsParameters).toBeUndefined();
		expect(sanitize({ ...base, fsrsParameters: [...OWN.slice(1), Infinity] }).fsrsParameters).toBeUndefined();
		expect(sanitize({ ...base, fsrsParameters: 'x' as unknown as number[] }).fsrsParameters).toBeUndefined();
		expect('fsrsParameters' in sanitize(base)).toBe(false);
	});
});

describe('replay with own parameters', () => {
	it('gives other states than the defaults, and a scheduler made with them rates the same', () => {
		const own = replayed(LOG, OWN);
		expect(own).not.toEqual(replayed(LOG));
		const s = makeScheduler({ retention: 0.9, parameters: OWN });
		const first = rate(s, newCardState('git/a', LOG[0]!.reviewedAt), LOG[0]!.reviewedAt, 3);
		expect(first.stability).toBeCloseTo(OWN[2]!, 6);
	});
});

describe('applyParameters', () => {
	it('saves the weights and leaves every card as a full replay with them gives; the log’s entries stay', async () => {
		const db = await freshDb();
		await replaceLog(db, LOG);
		const outboxBefore = await db.outbox.count();
		await applyParameters(db, OWN);
		expect((await readSettings(db)).fsrsParameters).toEqual(OWN);
		expect(await db.cards.orderBy('id').toArray()).toEqual(replayed(LOG, OWN));
		const rows = await db.log.toArray();
		expect(rows.map(logFacts).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
			[...LOG].sort((a, b) => a.id.localeCompare(b.id))
		);
		// The cached before/after of each entry follows too.
		const last = rows.find((r) => r.id === LOG[2]!.id)!;
		expect(last.after).toEqual(replayed(LOG.slice(0, 3), OWN)[0]);
		// Only the setting goes to the sync outbox, not the log again.
		expect((await db.outbox.count()) - outboxBefore).toBe(1);

		// A later answer, merged on its own, is replayed with the weights in force.
		const later = entry('git/b', 30, 3, 8);
		await keepAnswer(db, {
			shown: (await db.cards.get('git/b'))!,
			next: (await db.cards.get('git/b'))!,
			grade: 3,
			now: later.reviewedAt,
			durationMs: 2000,
			source: 'review',
			day: later.day,
			retention: 0.9
		});
		const all = (await readOptimiserLog(db)).entries;
		expect(await db.cards.orderBy('id').toArray()).toEqual(replayed(all, OWN));

		// Back to the defaults: the same cards a replay with them gives.
		await applyParameters(db, undefined);
		expect((await readSettings(db)).fsrsParameters).toBeUndefined();
		expect(await db.cards.orderBy('id').toArray()).toEqual(replayed(all));
	});
});

describe('a backup', () => {
	it('keeps own parameters, and a restore that brings them replays every card with them', async () => {
		const source = await freshDb();
		await replaceLog(source, LOG);
		await applyParameters(source, OWN);
		const backup = await readBackup(await exportBackup(source, T0 + 40 * DAY));
		expect(backup.settings?.fsrsParameters).toEqual(OWN);

		const target = await freshDb();
		await restoreBackup(target, backup, { mode: 'replace', useBackupSettings: true });
		expect((await readSettings(target)).fsrsParameters).toEqual(OWN);
		expect(await target.cards.orderBy('id').toArray()).toEqual(replayed(LOG, OWN));
	});
});
