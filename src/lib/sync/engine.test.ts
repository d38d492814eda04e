import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler, newCardState, rate, type Grade } from '$lib/scheduling/fsrs';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { replayCard, schedulerCache } from '$lib/scheduling/replay';
import { applyParameters } from '$lib/db/parameters';
import { default_w } from 'ts-fsrs';
import { recordAnswer } from '$lib/db/reviews';
import type { RehearseDB } from '$lib/db/schema';
import { readSettings, saveSettings } from '$lib/db/settings';
import { undoLastAnswer } from '$lib/db/undo';
import { allPacks, allRows, packOfCard, rowsOfPack } from '$lib/db/entries';
import { changeLog } from '$lib/db/recompute';
import { mergeLog } from '$lib/db/merge';
import { applyCardAction } from '$lib/db/card-events';
import { finishAttempt, saveAttempt } from '$lib/db/quizzes';
import { cookieFetch, freePort, startCouchServer, userDb } from '$lib/testing/couch-server';
import { syncDevices } from '$lib/testing/sync-devices';
import { seededRandom } from '$lib/random';
import { logEntryId } from '$lib/id';
import { CouchClient, SyncError } from './couch';
import { bundleDoc, kindOf, logDoc } from './docs';
import { sync, waitingCount } from './engine';

// The engine against a real CouchDB-protocol server (pouchdb-server, in memory), with devices that are
// separate databases on fake-indexeddb, each with its own session cookie.

// The app's clock, fixed and moved by hand: settings keep the time each field changed.
const clock = vi.hoisted(() => ({ t: Date.parse('2026-01-05T08:00:00Z') }));
vi.mock('$lib/clock', () => ({ now: () => clock.t }));

const T0 = Date.parse('2026-01-05T09:00:00Z');
const HOUR = 4;
const CARDS = Array.from({ length: 12 }, (_, i) => `git/c${i}`);

const devices = syncDevices('sync-test');
const { freshDb, account } = devices;

/** Answers `count` random cards on a device, from its clock `start`, a minute or more apart. */
async function answer(db: RehearseDB, seed: number, count: number, start: number): Promise<number> {
	const random = seededRandom(seed);
	const scheduler = makeScheduler({ retention: 0.9 });
	let now = start;
	for (let i = 0; i < count; i++) {
		now += (1 + Math.floor(random() * 600)) * 60_000;
		const id = CARDS[Math.floor(random() * CARDS.length)]!;
		const grade = (1 + Math.floor(random() * 4)) as Grade;
		const shown = (await db.cards.get(id)) ?? newCardState(id, now);
		await recordAnswer(db, {
			shown,
			next: rate(scheduler, shown, now, grade),
			grade,
			now,
			durationMs: 2000,
			source: 'review',
			day: dayOf(now, HOUR),
			retention: 0.9
		});
	}
	return now;
}

/** `count` answers, a minute apart from `start`, as a restore or an import brings them (ids counted up). */
function history(count: number, start: number, from = 0): LogEntry[] {
	return Array.from({ length: count }, (_, i) => {
		const reviewedAt = start + i * 60_000;
		return {
			id: logEntryId(reviewedAt, from + i),
			cardId: CARDS[i % CARDS.length]!,
			rating: ((i % 4) + 1) as Grade,
			reviewedAt,
			durationMs: 3000,
			source: 'review',
			day: dayOf(reviewedAt, HOUR),
			retention: 0.9
		};
	});
}

/** The ids a client fetches by id, as they are asked for. */
function watchFetches(client: CouchClient): string[] {
	const fetched: string[] = [];
	const getDocs = client.getDocs.bind(client);
	client.getDocs = (ids) => (fetched.push(...ids), getDocs(ids));
	return fetched;
}

/** Someone writes a document into a user's database as it is, revision included (as replication does). */
async function putOnServer(user: string, doc: object): Promise<void> {
	const res = await devices.server.admin(`/${userDb(user)}/_bulk_docs`, {
		method: 'POST',
		body: JSON.stringify({ docs: [doc], new_edits: false })
	});
	expect(res.ok).toBe(true);
}

/** The ids of a server database's documents. */
async function docIds(user: string): Promise<string[]> {
	const res = await devices.server.admin(`/${userDb(user)}/_all_docs`);
	return ((await res.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/** How many pulled documents wait to be merged. */
async function waiting(db: RehearseDB): Promise<number> {
	return (await db.pulled.toArray()).reduce((n, p) => n + p.size, 0);
}

/** Someone changes an entry on the server: a new revision of its document, with this content. */
async function editOnServer(user: string, entry: LogEntry): Promise<void> {
	const url = `/${userDb(user)}/${entry.id}`;
	const stored = (await (await devices.server.admin(url)).json()) as { _rev: string };
	const put = await devices.server.admin(url, {
		method: 'PUT',
		body: JSON.stringify({ ...logDoc(entry), _rev: stored._rev })
	});
	expect(put.ok).toBe(true);
}

async function state(db: RehearseDB) {
	const [cards, log, days, deckTotals, removed] = await Promise.all([
		db.cards.toArray(),
		// Loose or packed (db/entries.ts), the same rows: compared in id order.
		allRows(db).then((rows) => rows.sort((x, y) => (x.id < y.id ? -1 : 1))),
		db.days.toArray(),
		db.deckTotals.toArray(),
		db.removed.toArray()
	]);
	return {
		cards,
		log,
		days: days.filter((d) => d.newCount + d.reviewCount + d.learnCount > 0),
		deckTotals: deckTotals.filter((d) => d.known > 0),
		removed
	};
}

/**
 * The ids of every entry a server database holds, in single documents and in bundles, with repeats (an
 * entry stored twice shows twice).
 */
async function entriesOn(admin: (p: string) => Promise<Response>, user: string): Promise<string[]> {
	const res = await admin(`/${userDb(user)}/_all_docs?include_docs=true`);
	const { rows } = (await res.json()) as { rows: { id: string; doc: { entries?: { id: string }[] } }[] };
	return rows.flatMap((r) =>
		kindOf(r.id) === 'log' ? [r.id] : kindOf(r.id) === 'logs' ? r.doc.entries!.map((e) => e.id) : []
	);
}

/** Two devices of one account whose network can be cut after a number of requests, and healed. */
async function cuttableAccount() {
	let requests = 0;
	let limit = Infinity;
	const { clients } = await account(2, (f) => async (input, init) => {
		if (++requests > limit) throw new TypeError('network down');
		return f(input, init);
	});
	const network = {
		cutAfter: (n: number) => {
			requests = 0;
			limit = n;
		},
		heal: () => void (limit = Infinity)
	};
	return { clients, network };
}

describe('sync through a CouchDB-protocol server', { timeout: 60_000 }, () => {
	it('brings two devices that answered offline, the same cards included, to identical states with every answer kept', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 1, 40, T0);
		await answer(b, 2, 35, T0 + 30_000);
		const ids = new Set([...(await a.log.toArray()), ...(await b.log.toArray())].map((e) => e.id));

		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		await sync(a, clients[0]!);

		const [sa, sb] = [await state(a), await state(b)];
		expect(sa).toEqual(sb);
		expect(new Set(sa.log.map((e) => e.id))).toEqual(ids);
		expect(sa.log).toHaveLength(75);
		expect(await a.outbox.count()).toBe(0);
		expect(await b.outbox.count()).toBe(0);
	});

	it('carries an undo made on one device to the other', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		const last = await answer(a, 3, 10, T0);
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		expect(await b.log.count()).toBe(10);

		const undone = await undoLastAnswer(a, dayOf(last, HOUR));
		expect(undone).not.toBeNull();
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);

		expect(await b.log.get(undone!.entry.id)).toBeUndefined();
		expect(await b.removed.get(undone!.entry.id)).toEqual({ id: undone!.entry.id });
		expect(await state(b)).toEqual(await state(a));
	});

	it('sends an answer undone before it was sent as a tombstone naming its card, which no device looks for in every bucket', async () => {
		const { user, clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		const end = await answer(a, 4, 60, T0);
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		await changeLog(b, { replayAll: true, pack: true }); // b holds its log packed
		// Answered and undone on a before any sync: only the undo reaches the server.
		const last = await answer(a, 5, 1, end);
		const undone = (await undoLastAnswer(a, dayOf(last, HOUR)))!;
		await sync(a, clients[0]!);
		const tombstone = await devices.server.admin(`/${userDb(user)}/removed:${undone.entry.id}`);
		expect(await tombstone.json()).toMatchObject({ type: 'removed', cardId: undone.entry.cardId });
		expect((await devices.server.admin(`/${userDb(user)}/${undone.entry.id}`)).status).toBe(404);
		let scans = 0;
		const toArray = b.buckets.toArray.bind(b.buckets);
		b.buckets.toArray = (() => (scans++, toArray())) as typeof b.buckets.toArray;
		await sync(b, clients[1]!);
		expect(scans).toBe(0);
		expect(await b.removed.get(undone.entry.id)).toMatchObject({ id: undone.entry.id });
		expect(await state(b)).toEqual(await state(a));
	});

	it('carries card actions both ways: first sends, later changes, a forget recomputed alike on both', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		const last = await answer(a, 5, 30, T0);
		const studied = (await a.cards.toCollection().primaryKeys()) as string[];
		await applyCardAction(a, [studied[0]!], { action: 'suspend' }, last + 1000);
		await sync(a, clients[0]!); // the first send: the events go with the records
		await sync(b, clients[1]!);
		expect(await b.cardMarks.get(studied[0]!)).toMatchObject({ suspended: true });

		// Later changes on each side, through the outbox.
		await applyCardAction(b, [studied[1]!], { action: 'forget' }, last + 2000);
		await applyCardAction(a, [studied[0]!, studied[2]!], { action: 'flag', value: 2 }, last + 3000);
		await sync(b, clients[1]!);
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);

		expect(await a.cards.get(studied[1]!)).toBeUndefined();
		expect((await a.cardMarks.toArray()).map((m) => [m.id, m.flag, m.suspended])).toEqual([
			[studied[0], 2, true],
			[studied[2], 2, false]
		]);
		expect(await state(b)).toEqual(await state(a));
		expect(await b.cardMarks.toArray()).toEqual(await a.cardMarks.toArray());
		expect(await b.cardEvents.count()).toBe(4);
	});

	it('sends a first history in batches with progress, and pulls it down to an empty device', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 4, 60, T0);
		const seen: number[] = [];
		const result = await sync(a, clients[0]!, {
			batch: 7,
			onProgress: (p) => p.stage === 'sending' && seen.push(p.done)
		});
		expect(result.sent).toBe(60);
		expect(seen.at(-1)).toBe(60);
		expect(seen.length).toBeGreaterThan(8);
		const down = await sync(b, clients[1]!, { batch: 7 });
		expect(down.received).toBe(60);
		expect(await state(b)).toEqual(await state(a));
	});

	it('sends a history stored partly packed, resuming a send cut off among the packs, and the other device gets it all', async () => {
		const { clients, network } = await cuttableAccount();
		const [a, b] = [await freshDb(), await freshDb()];
		const end = await answer(a, 6, 60, T0);
		await changeLog(a, { replayAll: true, pack: true }); // as a restore or an import stores them
		await answer(a, 7, 10, end);
		expect(await a.log.count()).toBe(10);
		expect(await waitingCount(a, clients[0]!)).toBe(70);
		// The 10 loose rows go up in two pages, then the packs, a card or so per page, until the cut.
		network.cutAfter(6);
		await expect(sync(a, clients[0]!, { batch: 8 })).rejects.toBeInstanceOf(SyncError);
		const left = await waitingCount(a, clients[0]!);
		expect(left).toBeGreaterThan(0);
		expect(left).toBeLessThan(60);
		network.heal();
		expect((await sync(a, clients[0]!, { batch: 8 })).sent).toBeGreaterThanOrEqual(left);
		expect(await waitingCount(a, clients[0]!)).toBe(0);
		const sentUp = await entriesOn(devices.server.admin, clients[0]!.user);
		expect(sentUp).toHaveLength(70);
		expect(new Set(sentUp).size).toBe(70);
		expect((await sync(b, clients[1]!, { batch: 8 })).received).toBe(70);
		expect(await state(b)).toEqual(await state(a));
		// An undo on b of an answer a holds packed reaches a and leaves its pack.
		const packedLast = (await allPacks(a)).flatMap(rowsOfPack).sort((x, y) => (x.id < y.id ? 1 : -1))[0]!;
		await mergeLog(b, [], [packedLast.id]);
		await sync(b, clients[1]!);
		await sync(a, clients[0]!);
		expect((await packOfCard(a, packedLast.cardId))?.ids ?? []).not.toContain(packedLast.id);
		expect(await state(a)).toEqual(await state(b));
	});

	it('sends a long history in bundles of a thousand entries, takes none back, and another device gets every entry', async () => {
		const { user, clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await mergeLog(a, history(2_100, T0));
		const fetched = watchFetches(clients[0]!);
		expect((await sync(a, clients[0]!)).sent).toBe(2_100);
		expect((await docIds(user)).map(kindOf)).toEqual(['logs', 'logs', 'logs']);
		expect(fetched).toEqual([]);
		// The other device takes them two bundles a request (about a page's worth of entries).
		const down = watchFetches(clients[1]!);
		const seen: number[] = [];
		const got = await sync(b, clients[1]!, {
			batch: 2_000,
			onProgress: (p) => p.stage === 'receiving' && seen.push(p.done)
		});
		expect(got.received).toBe(2_100);
		expect(down).toHaveLength(3);
		expect(seen).toEqual([2, 3]);
		expect(await state(b)).toEqual(await state(a));

		// Later: many entries at once (a backup merged in) go up in a bundle too; a few answers one by one.
		await mergeLog(a, history(150, T0 + 3_000 * 60_000, 5_000));
		expect((await sync(a, clients[0]!)).sent).toBe(150);
		await answer(a, 11, 2, T0 + 4_000 * 60_000);
		expect((await sync(a, clients[0]!)).sent).toBe(2);
		expect((await docIds(user)).map(kindOf).sort()).toEqual(['log', 'log', 'logs', 'logs', 'logs', 'logs']);
		expect(fetched).toEqual([]);
		expect((await sync(b, clients[1]!)).received).toBe(152);
		expect(await state(b)).toEqual(await state(a));
	});

	it('refuses a bundle with a malformed entry whole, and of a bundle the entry stored here with other content', async () => {
		const { user, clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 12, 4, T0);
		await sync(a, clients[0]!);
		const mine = (await a.log.toArray())[1]!;
		const others = history(3, T0 + 10_000 * 60_000, 9_000);
		const bad = bundleDoc(others);
		(bad.entries as { rating: number }[])[1]!.rating = 9;
		await putOnServer(user, bad);
		const before = await state(b);
		const error = await sync(b, clients[1]!).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toContain(bad._id);
		expect((error as SyncError).message).toContain('entries.1.rating');
		expect(await state(b)).toEqual(before);
		expect(await waiting(b)).toBe(0);

		// On another account, a bundle holding one of a's entries with other content: a refuses that entry,
		// naming it, keeps its own, and takes the rest.
		const second = await account();
		await sync(a, second.clients[0]!);
		const sly = bundleDoc([...others, { ...logFacts(mine), durationMs: 77_777 }]);
		await putOnServer(second.user, sly);
		const mineBefore = await state(a);
		const refused = await sync(a, second.clients[0]!).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(SyncError);
		expect((refused as SyncError).message).toContain(mine.id);
		const after = await state(a);
		expect(after.log.find((e) => e.id === mine.id)).toEqual(mineBefore.log.find((e) => e.id === mine.id));
		expect(after.log.map((e) => e.id)).toEqual(expect.arrayContaining(others.map((e) => e.id)));
		expect(after.log).toHaveLength(mineBefore.log.length + 3);
	});

	it('walks the packs again from a checkpoint written before buckets (a card id), and every row arrives', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 8, 40, T0);
		await changeLog(a, { replayAll: true, pack: true });
		expect(await a.log.count()).toBe(0);
		// A full send cut off among the packs by a version that walked them by card id.
		const covers = (await a.outbox.toCollection().lastKey()) as number;
		await a.syncMeta.put({
			key: `checkpoint:${clients[0]!.db}`,
			value: { sendAll: { table: 'packs', after: CARDS[5], covers, sent: 12 }, since: 0 }
		});
		expect(await waitingCount(a, clients[0]!)).toBe(28);
		expect((await sync(a, clients[0]!, { batch: 8 })).sent).toBe(40);
		expect(await waitingCount(a, clients[0]!)).toBe(0);
		expect((await sync(b, clients[1]!, { batch: 8 })).received).toBe(40);
		expect(await state(b)).toEqual(await state(a));
	});

	it('knows its own packed entries when the server sends them back, fetching none, and refuses one changed there', async () => {
		const { user, clients } = await account();
		const a = await freshDb();
		await answer(a, 9, 150, T0);
		await changeLog(a, { replayAll: true, pack: true });
		expect(await a.log.count()).toBe(0);
		const fetched: string[] = [];
		const getDocs = clients[0]!.getDocs.bind(clients[0]!);
		clients[0]!.getDocs = (ids) => (fetched.push(...ids), getDocs(ids));
		// The pull's one page lists the 150 entries just sent: too many to fetch, found in the packs.
		expect((await sync(a, clients[0]!, { batch: 200 })).sent).toBe(150);
		expect(fetched.filter((id) => kindOf(id) === 'log' || kindOf(id) === 'logs')).toEqual([]);
		// One entry changed on the server: the page has one, fetched; the merge finds the packed one by
		// its card, and refuses the other content.
		const mine = (await allRows(a)).sort((x, y) => (x.id < y.id ? -1 : 1))[70]!;
		await editOnServer(user, { ...logFacts(mine), rating: mine.rating === 1 ? 2 : 1 });
		const before = await state(a);
		const error = await sync(a, clients[0]!).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toContain(mine.id);
		expect(fetched).toContain(mine.id);
		expect(await state(a)).toEqual(before);
	});

	it('resumes a sync cut off in the middle, with no duplicate and nothing lost', async () => {
		const { clients, network } = await cuttableAccount();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 5, 50, T0);
		// Cut the network after a few pages have gone up.
		network.cutAfter(3);
		await expect(sync(a, clients[0]!, { batch: 8 })).rejects.toBeInstanceOf(SyncError);
		expect(await waitingCount(a, clients[0]!)).toBeLessThan(50);
		expect(await waitingCount(a, clients[0]!)).toBeGreaterThan(0);
		network.heal();
		await sync(a, clients[0]!, { batch: 8 });
		// And the other way: cut while pulling.
		network.cutAfter(4);
		await expect(sync(b, clients[1]!, { batch: 8 })).rejects.toBeInstanceOf(SyncError);
		const partly = (await b.log.count()) + (await waiting(b));
		expect(partly).toBeGreaterThan(0);
		expect(partly).toBeLessThan(50);
		network.heal();
		await sync(b, clients[1]!, { batch: 8 });

		const sentUp = await entriesOn(devices.server.admin, clients[0]!.user);
		expect(sentUp).toHaveLength(50);
		expect(new Set(sentUp).size).toBe(50);
		expect(await state(b)).toEqual(await state(a));
	});

	it('refuses a malformed document from the server, naming it, and changes nothing here', async () => {
		const { user, clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 6, 5, T0);
		await sync(a, clients[0]!);
		const bad = {
			...logDoc((await a.log.toArray())[0]!),
			_id: '01900000-0000-7000-8000-000000000001',
			rating: 9
		};
		await putOnServer(user, bad);

		const before = await state(b);
		const error = await sync(b, clients[1]!).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toContain('01900000-0000-7000-8000-000000000001');
		expect((error as SyncError).message).toContain('rating');
		expect(await state(b)).toEqual(before);
		expect(await waiting(b)).toBe(0);
	});

	it('refuses an entry whose id is stored here with other content, and keeps the stored one', async () => {
		const { user, clients } = await account();
		const a = await freshDb();
		await answer(a, 7, 3, T0);
		await sync(a, clients[0]!);
		// Someone edits the entry on the server (a new revision, other content).
		const mine = (await a.log.toArray())[0]!;
		await editOnServer(user, { ...logFacts(mine), durationMs: 99_999 });
		const before = await state(a);
		const error = await sync(a, clients[0]!).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).message).toContain(mine.id);
		const after = await state(a);
		expect(after).toEqual(before);
	});

	it("refuses another user's database, to read and to write", async () => {
		const { user: mine } = await account(0);
		const { user: theirs } = await account(0);
		const f = cookieFetch();
		await new CouchClient(devices.server.url, mine, f).signIn('pw');
		const read = await f(`${devices.server.url}/${userDb(theirs)}/_all_docs`);
		expect([401, 403]).toContain(read.status);
		const write = await f(`${devices.server.url}/${userDb(theirs)}/_bulk_docs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ docs: [{ _id: 'x' }] })
		});
		const body = (await write.json()) as unknown;
		expect(write.ok ? (body as { error?: string }[])[0]?.error : 'refused').toBeTruthy();
		const stored = await devices.server.admin(`/${userDb(theirs)}/_all_docs`);
		expect(((await stored.json()) as { rows: unknown[] }).rows).toHaveLength(0);
	});

	it('refuses a wrong password with a clear error', async () => {
		const { user } = await account(0);
		const error = await new CouchClient(devices.server.url, user, cookieFetch())
			.signIn('nope')
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncError);
		expect((error as SyncError).kind).toBe('auth');
	});

	it('syncs finished quiz attempts, and settings field by field with the later change winning', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await saveAttempt(a, {
			id: 'q1',
			title: 'Git',
			topics: ['git'],
			deckIds: ['git'],
			mode: 'practice',
			timeLimitMs: null,
			seed: 1,
			startedAt: T0,
			finishedAt: null,
			questions: [{ ref: 'git/q1', fingerprint: 'f', order: [0, 1] }],
			answers: [
				{
					response: { kind: 'choices', picked: [1] },
					verdict: 'correct',
					answeredAt: T0 + 1,
					sentToReview: []
				}
			]
		});
		await finishAttempt(a, 'q1', T0 + 2);
		await saveSettings(a, { newPerDay: 7 });
		await saveSettings(b, { theme: 'dark' });
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		await sync(a, clients[0]!);
		expect(await b.quizAttempts.get('q1')).toEqual(await a.quizAttempts.get('q1'));
		for (const db of [a, b]) expect(await readSettings(db)).toMatchObject({ newPerDay: 7, theme: 'dark' });
	});

	it('keeps the later change of each setting, whichever device syncs last', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		const at = async (t: number, db: RehearseDB, change: Parameters<typeof saveSettings>[1]) => {
			clock.t = t;
			await saveSettings(db, change);
		};
		await at(1_000, a, { newPerDay: 7 });
		await at(2_000, b, { newPerDay: 9 });
		await at(3_000, a, { theme: 'dark' });
		await at(4_000, a, { reviewsPerDay: 300 });
		await at(5_000, b, { reviewsPerDay: 100 });
		await sync(b, clients[1]!);
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		for (const db of [a, b])
			expect(await readSettings(db)).toMatchObject({ newPerDay: 9, theme: 'dark', reviewsPerDay: 100 });
	});

	it('brings own FSRS parameters to the other device, which replays its cards with them, and takes back a reset', async () => {
		const { clients } = await account();
		const [a, b] = [await freshDb(), await freshDb()];
		await answer(a, 3, 30, T0);
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		const own = default_w.map((x, i) => (i < 4 ? x * 2 : x));
		clock.t = T0 + 1_000;
		await applyParameters(a, own);
		await sync(a, clients[0]!);
		await sync(b, clients[1]!);
		expect((await readSettings(b)).fsrsParameters).toEqual(own);
		const cards = async (db: RehearseDB) => db.cards.orderBy('id').toArray();
		expect(await cards(b)).toEqual(await cards(a));
		const cache = schedulerCache(own);
		const log = await b.log.toArray();
		for (const card of await cards(b))
			expect(card).toEqual(
				replayCard(log.filter((r) => r.cardId === card.id).map(logFacts), cache).at(-1)!.after
			);

		clock.t = T0 + 2_000;
		await applyParameters(b, undefined);
		await sync(b, clients[1]!);
		await sync(a, clients[0]!);
		expect((await readSettings(a)).fsrsParameters).toBeUndefined();
		expect(await cards(a)).toEqual(await cards(b));
	});

	it('resumes after the server stops in the middle of a sync and starts again: nothing lost, nothing twice', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'rehearse-couch-data-'));
		const otherPort = await freePort();
		let other = await startCouchServer(otherPort, [], dir);
		try {
			await other.addUser('pat', 'pw');
			const f = cookieFetch();
			let requests = 0;
			let stopAt = Infinity;
			const client = new CouchClient(other.url, 'pat', async (input, init) => {
				if (++requests === stopAt) await other.stop();
				return f(input, init);
			});
			await client.signIn('pw');
			const [a, b] = [await freshDb(), await freshDb()];
			await answer(a, 9, 40, T0);
			requests = 0;
			stopAt = 4;
			const error = await sync(a, client, { batch: 6 }).catch((e: unknown) => e);
			expect((error as SyncError).kind).toBe('unreachable');
			other = await startCouchServer(otherPort, [], dir);
			stopAt = Infinity;
			await client.signIn('pw');
			await sync(a, client, { batch: 6 });
			const stored = await entriesOn(other.admin, 'pat');
			expect(stored).toHaveLength(40);
			expect(new Set(stored).size).toBe(40);
			const down = new CouchClient(other.url, 'pat', cookieFetch());
			await down.signIn('pw');
			await sync(b, down, { batch: 6 });
			expect(await state(b)).toEqual(await state(a));
		} finally {
			await other.stop();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
