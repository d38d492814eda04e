import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, FORMAT_VERSION } from '$lib/backup/format';
import { readBackup } from '$lib/backup/file';
import { logEntryId } from '$lib/id';
import type { InterviewRecord } from '$lib/interview/types';
import type { QuizRecord } from '$lib/quiz/types';
import { dayOf } from '$lib/scheduling/day';
import type { Grade } from '$lib/scheduling/fsrs';
import type { LogEntry } from '$lib/scheduling/log';
import { exportBackup, planRestore, restoreBackup } from './backup';
import { LogConflictError, mergeLog } from './merge';
import { quizDocId, RehearseDB } from './schema';
import { saveSettings } from './settings';
import { undoLastAnswer } from './undo';
import { saveOwnDeck } from './own-decks';
import { goneDocIds } from './own-changes';
import { putItemCopy } from './item-copies';
import { compileCopies } from '$lib/my-decks/copies';
import { parseDeck } from '$lib/decks/parse';
import { createPlainRenderer } from '$lib/decks/render';
import { cardBlock, frontmatter, putItem } from '$lib/decks/write';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const NOW = Date.parse('2026-02-01T12:00:00Z');
const HOUR = 4;
const MIN = 60_000;

const opened: RehearseDB[] = [];
let n = 0;
async function freshDb(): Promise<RehearseDB> {
	const db = new RehearseDB(`backup-test-${++n}`);
	await db.open();
	opened.push(db);
	return db;
}
afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.delete()));
});

/** Every table, every row, in key order: what "unchanged" is compared on. */
async function dump(db: RehearseDB) {
	const out: Record<string, unknown[]> = {};
	for (const table of db.tables) out[table.name] = await table.toArray();
	return out;
}

let counter = 0;
function entry(cardId: string, minutes: number, rating: Grade = 3): LogEntry {
	const reviewedAt = T0 + minutes * MIN;
	return {
		id: logEntryId(reviewedAt, ++counter),
		cardId,
		rating,
		reviewedAt,
		durationMs: 4000,
		source: 'review',
		day: dayOf(reviewedAt, HOUR),
		retention: 0.9
	};
}

function quiz(id: string, finishedAt: number | null): QuizRecord {
	return {
		id,
		title: 'SQL basics',
		topics: ['databases'],
		deckIds: ['sql'],
		mode: 'practice',
		timeLimitMs: null,
		seed: 7,
		startedAt: T0,
		finishedAt,
		questions: [
			{ ref: 'sql/q1', fingerprint: 'abc', order: [1, 0, 2] },
			{ ref: 'sql/top', fingerprint: 'def', order: [] }
		],
		answers: [
			finishedAt === null
				? null
				: {
						response: { kind: 'choices', picked: [0] },
						verdict: 'correct',
						answeredAt: T0 + MIN,
						sentToReview: []
					},
			// An SQL exercise asked in the quiz: the query submitted, judged by PostgreSQL.
			finishedAt === null
				? null
				: {
						response: { kind: 'sql', query: 'SELECT name FROM customers', solved: false },
						verdict: 'wrong',
						answeredAt: T0 + 2 * MIN,
						sentToReview: ['sql/top']
					}
		]
	};
}

function interview(id: string): InterviewRecord {
	return {
		id,
		level: 'mid',
		topics: ['databases'],
		mode: 'practice',
		length: { kind: 'questions', value: 1 },
		startedAt: T0,
		finishedAt: T0 + 10 * MIN,
		questions: [
			{
				ref: 'sql/i1',
				topic: 'databases',
				minutes: 5,
				startedAt: T0,
				submittedAt: T0 + 4 * MIN,
				text: 'An index trades writes for reads.',
				timedOut: false,
				covered: [true, false],
				contradicted: [[], ['indexes make writes faster']],
				overrides: [false, false],
				selfRating: 4,
				followUps: []
			}
		],
		sentToReview: ['sql/a']
	};
}

/** A profile with a history: answers on three cards, one undone, a quiz, an interview, its own settings. */
async function profile(): Promise<RehearseDB> {
	const db = await freshDb();
	await mergeLog(db, [
		entry('sql/a', 0),
		entry('sql/b', 1, 1),
		entry('git/a', 2),
		entry('sql/a', 3000, 4),
		entry('sql/b', 3001)
	]);
	await undoLastAnswer(db, dayOf(T0 + 3001 * MIN, HOUR));
	await db.quizAttempts.put(quiz('quiz-1', T0 + 2 * MIN));
	await db.interviews.put(interview('interview-1'));
	await saveSettings(db, { newPerDay: 35, theme: 'dark' });
	return db;
}

/** A gzip file holding `value` as JSON, as a backup file would. */
function gz(value: unknown): Blob {
	return new Blob([gzipSync(JSON.stringify(value))]);
}

async function backupJson(db: RehearseDB): Promise<Record<string, unknown>> {
	const blob = await exportBackup(db, NOW);
	const text = await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
	return JSON.parse(text) as Record<string, unknown>;
}

/** The log table's rows in the file, to corrupt them. */
function logRows(json: Record<string, unknown>): Record<string, unknown>[] {
	const database = json.database as {
		data: { data: { tableName: string; rows: Record<string, unknown>[] }[] };
	};
	return database.data.data.find((t) => t.tableName === 'log')!.rows;
}

describe('backup and restore', () => {
	it('writes the facts of the log and the tables that are not derived, with a format and counts', async () => {
		const db = await profile();
		const json = await backupJson(db);
		expect(json).toMatchObject({
			format: 'rehearse-backup',
			version: FORMAT_VERSION,
			exportedAt: NOW,
			counts: {
				log: 4,
				removed: 1,
				settings: 1,
				quizAttempts: 1,
				interviews: 1,
				ownDeckFiles: 0,
				itemCopies: 0,
				cardEvents: 0
			}
		});
		const tables = (json.database as { data: { data: { tableName: string }[] } }).data.data.map(
			(t) => t.tableName
		);
		expect(tables.sort()).toEqual([
			'cardEvents',
			'interviews',
			'itemCopies',
			'log',
			'ownDeckFiles',
			'quizAttempts',
			'removed',
			'settings'
		]);
		expect(Object.keys(logRows(json)[0]!).sort()).toEqual(
			['cardId', 'day', 'durationMs', 'id', 'rating', 'retention', 'reviewedAt', 'source'].sort()
		);
	});

	it('restores by merge into an empty profile everything the backed-up one had', async () => {
		const db = await profile();
		const backup = await readBackup(await exportBackup(db, NOW));
		const fresh = await freshDb();
		const plan = await planRestore(fresh, backup);
		expect(plan.log).toMatchObject({ added: 4, known: 0, removed: 0, cards: 3, conflicts: [] });
		expect(plan.quizAttempts).toEqual({ added: 1, known: 0 });
		expect(plan.interviews).toEqual({ added: 1, known: 0 });
		expect(plan.settingsDiffer).toBe(true);
		await restoreBackup(fresh, backup, { mode: 'merge', useBackupSettings: true });
		const [was, now] = [await dump(db), await dump(fresh)];
		for (const table of ['log', 'removed', 'cards', 'days', 'deckTotals', 'quizAttempts', 'interviews'])
			expect(now[table], table).toEqual(was[table]);
		expect(now.settings).toEqual([{ ...(was.settings![0] as object), lastBackupAt: undefined }].map(clean));
	});

	it('plans and merges two profiles into the union of both, keeping local settings by default', async () => {
		const a = await profile();
		const b = await freshDb();
		await mergeLog(b, [entry('sql/a', 10), entry('net/x', 20, 2)]);
		// No sync has begun here: a merge sends nothing to the outbox (a first sync sends everything).
		expect(await b.outbox.count()).toBe(0);
		await b.syncMeta.put({ key: 'checkpoint:userdb-x', value: { sendAll: { table: 'done' }, since: 0 } });
		await b.quizAttempts.put(quiz('quiz-2', null));
		await b.quizAttempts.put(quiz('quiz-1', null));
		const fromA = await readBackup(await exportBackup(a, NOW));
		const plan = await planRestore(b, fromA);
		expect(plan.log).toMatchObject({ added: 4, known: 0, cards: 3, conflicts: [] });
		expect(plan.quizAttempts).toEqual({ added: 0, known: 1 });
		expect(plan.local).toEqual({ log: 2, quizAttempts: 2, interviews: 0 });
		await restoreBackup(b, fromA, { mode: 'merge' });
		const ids = (await b.log.toArray()).map((r) => r.id).sort();
		const both = [...fromA.log.map((e) => e.id), ...(await a.log.toArray()).map((r) => r.id)];
		expect(ids).toEqual(expect.arrayContaining([...new Set(both)]));
		expect(ids).toHaveLength(6);
		// The attempt finished in the backup replaces the one left midway here.
		expect((await b.quizAttempts.get('quiz-1'))!.finishedAt).not.toBeNull();
		expect(await b.quizAttempts.count()).toBe(2);
		// Once sync has begun, what the restore brought goes to the outbox: the new entries, the attempt it finished.
		const outbox = new Set((await b.outbox.toArray()).map((r) => r.id));
		expect(outbox.has(quizDocId('quiz-1'))).toBe(true);
		for (const e of fromA.log) expect(outbox.has(e.id)).toBe(true);
		expect(await b.settings.get('settings')).toBeUndefined();
		// Merging the same backup again changes nothing.
		const once = await dump(b);
		const again = await planRestore(b, fromA);
		expect(again.log).toMatchObject({ added: 0, known: 4, removed: 0 });
		await restoreBackup(b, fromA, { mode: 'merge' });
		expect(await dump(b)).toEqual(once);
	});

	it('replaces everything here by the backup', async () => {
		const a = await profile();
		const b = await freshDb();
		await mergeLog(b, [entry('net/x', 20, 2)]);
		await b.quizAttempts.put(quiz('quiz-9', null));
		const backup = await readBackup(await exportBackup(a, NOW));
		await restoreBackup(b, backup, { mode: 'replace' });
		const [was, now] = [await dump(a), await dump(b)];
		for (const table of ['log', 'removed', 'cards', 'days', 'deckTotals', 'quizAttempts', 'interviews'])
			expect(now[table], table).toEqual(was[table]);
		expect((now.settings![0] as { newPerDay: number }).newPerDay).toBe(35);
	});

	it('refuses a merge whose entries clash with stored ones, writing nothing', async () => {
		const a = await profile();
		const backup = await readBackup(await exportBackup(a, NOW));
		const b = await freshDb();
		const clash = { ...backup.log[1]!, rating: 4 as Grade };
		await mergeLog(b, [clash]);
		const plan = await planRestore(b, backup);
		expect(plan.log.conflicts).toEqual([clash.id]);
		const before = await dump(b);
		await expect(restoreBackup(b, backup, { mode: 'merge' })).rejects.toBeInstanceOf(LogConflictError);
		expect(await dump(b)).toEqual(before);
	});
});

/** Settings as stored: optional fields left out rather than undefined. */
function clean(s: object): object {
	return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));
}

describe('own decks in backups', () => {
	const renderer = createPlainRenderer();
	const meta = { id: 'my-kafka', title: 'Kafka', topic: 'system-design', description: 'Ours.' } as const;
	const markdownWith = (...ids: string[]) =>
		ids.reduce(
			(md, id) =>
				putItem(
					md,
					id,
					cardBlock({ id, prompt: `${id}?`, answer: 'Yes.', cloze: false, tags: [], links: [] })
				),
			frontmatter(meta)
		);
	const compile = (markdown: string) => parseDeck(markdown, { file: 'your deck', renderer, own: true }).deck!;
	const compiled = (backup: { ownDecks: { id: string; markdown: string }[] }) =>
		new Map(backup.ownDecks.map((d) => [d.id, compile(d.markdown)]));

	it('carries each deck as its Markdown only, and a merge keeps the copy changed last', async () => {
		const db = await profile();
		await saveOwnDeck(db, markdownWith('a'), compile(markdownWith('a')), T0);
		const json = await backupJson(db);
		expect(JSON.stringify(json)).not.toContain('promptHtml');
		const backup = await readBackup(await exportBackup(db, NOW));
		expect(backup.ownDecks).toEqual([{ id: 'my-kafka', markdown: markdownWith('a'), updatedAt: T0 }]);

		// Elsewhere the deck was changed later: the merge keeps that copy. An older copy is replaced.
		const later = await freshDb();
		await saveOwnDeck(later, markdownWith('a', 'b'), compile(markdownWith('a', 'b')), T0 + 1);
		await restoreBackup(later, backup, { mode: 'merge', decks: compiled(backup) });
		expect((await later.ownDeckFiles.get('my-kafka'))!.markdown).toBe(markdownWith('a', 'b'));
		const older = await freshDb();
		await saveOwnDeck(older, markdownWith('b'), compile(markdownWith('b')), T0 - 1);
		await restoreBackup(older, backup, { mode: 'merge', decks: compiled(backup) });
		expect((await older.ownDeckFiles.get('my-kafka'))!.deck.items.map((i) => i.id)).toEqual(['a']);
		expect((await older.ownDecks.get('my-kafka'))!.counts.flashcards).toBe(1);

		// A replacement takes the backup's decks and drops the others, as removals that sync sends on.
		await saveOwnDeck(older, markdownWith('c'), { ...compile(markdownWith('c')), id: 'my-other' }, T0);
		await saveOwnDeck(older, markdownWith('d'), compile(markdownWith('d')), T0 + 5);
		await restoreBackup(older, backup, { mode: 'replace', decks: compiled(backup) });
		expect((await older.ownDecks.toArray()).map((d) => d.id)).toEqual(['my-kafka']);
		expect(await goneDocIds(older)).toEqual(['deck:my-other']);
		// The backup's deck replaces one changed here later, and is stored as a change after it.
		const kept = (await older.ownDeckFiles.get('my-kafka'))!;
		expect(kept.markdown).toBe(markdownWith('a'));
		expect(kept.updatedAt).toBe(T0 + 6);
		const sent = (await older.outbox.toArray()).map((r) => r.id);
		expect(sent.filter((id) => id.startsWith('deck:')).slice(-2)).toEqual(['deck:my-other', 'deck:my-kafka']);
	});

	it('refuses a deck row that is not an own deck, or not compiled here, and writes nothing', async () => {
		const db = await profile();
		const json = await backupJson(db);
		const tables = (json.database as { data: { data: { tableName: string; rows: unknown[] }[] } }).data.data;
		tables
			.find((t) => t.tableName === 'ownDeckFiles')!
			.rows.push({ id: 'git-basics', markdown: '', updatedAt: 1 });
		(json.counts as Record<string, number>).ownDeckFiles = 1;
		const before = await dump(db);
		await expect(readBackup(gz(json))).rejects.toThrow(
			/^Deck 1 \(id git-basics\): id "git-basics" is not an id of your own deck/
		);
		const good = await readBackup(await exportBackup(db, NOW));
		good.ownDecks.push({ id: 'my-kafka', markdown: markdownWith('a'), updatedAt: 1 });
		await expect(restoreBackup(db, good, { mode: 'merge' })).rejects.toThrow(/was not compiled/);
		expect(await dump(db)).toEqual(before);
	});
});

describe('copies of our items in backups', () => {
	const copyOf = (itemId: string, answer: string) => `## My words for ${itemId}? {#${itemId}}\n\n${answer}`;
	const source = (itemId: string, answer: string, updatedAt: number) => ({
		id: `git-basics/${itemId}`,
		deckId: 'git-basics',
		markdown: copyOf(itemId, answer),
		updatedAt
	});
	const save = async (db: RehearseDB, itemId: string, answer: string, updatedAt: number) => {
		const item = (await compileCopies([source(itemId, answer, updatedAt)])).get(`git-basics/${itemId}`)!;
		await putItemCopy(db, { ...source(itemId, answer, updatedAt), item });
	};
	const answerOf = async (db: RehearseDB, id: string) =>
		(await db.itemCopies.get(id))?.markdown.split('\n').at(-1);

	it('carries each copy as its Markdown only, and a merge keeps the one saved last', async () => {
		const db = await profile();
		await save(db, 'head', 'Mine.', T0);
		const json = await backupJson(db);
		expect(JSON.stringify(json)).not.toContain('promptHtml');
		const backup = await readBackup(await exportBackup(db, NOW));
		expect(backup.itemCopies).toEqual([source('head', 'Mine.', T0)]);
		const copies = await compileCopies(backup.itemCopies);

		// Saved later elsewhere: the merge keeps that copy. An older copy is replaced.
		const later = await freshDb();
		await save(later, 'head', 'Mine, later.', T0 + 1);
		await restoreBackup(later, backup, { mode: 'merge', copies });
		expect(await answerOf(later, 'git-basics/head')).toBe('Mine, later.');
		const older = await freshDb();
		await save(older, 'head', 'Mine, older.', T0 - 1);
		await restoreBackup(older, backup, { mode: 'merge', copies });
		expect(await older.itemCopies.get('git-basics/head')).toMatchObject({
			markdown: copyOf('head', 'Mine.'),
			updatedAt: T0,
			item: { id: 'head', kind: 'flashcard', promptText: 'My words for head?' }
		});

		// A replacement takes the backup's copies and drops the others, as removals that sync sends on.
		await save(older, 'tag', 'Another.', T0);
		await restoreBackup(older, backup, { mode: 'replace', copies });
		expect((await older.itemCopies.toArray()).map((c) => c.id)).toEqual(['git-basics/head']);
		expect(await goneDocIds(older)).toEqual(['copy:git-basics/tag']);
	});

	it('restores a backup made before copies existed, which has no such table', async () => {
		const db = await profile();
		const json = await backupJson(db);
		const database = json.database as { data: { data: { tableName: string }[] } };
		database.data.data = database.data.data.filter((t) => t.tableName !== 'itemCopies');
		delete (json.counts as Record<string, number>).itemCopies;
		const backup = await readBackup(gz(json));
		expect(backup.itemCopies).toEqual([]);
		const fresh = await freshDb();
		await save(fresh, 'head', 'Mine.', T0);
		await restoreBackup(fresh, backup, { mode: 'merge' });
		expect(await fresh.log.count()).toBe(4);
		expect(await fresh.itemCopies.count()).toBe(1);
	});

	it('refuses a copy of an own deck, or of another item than its id says, or not compiled here', async () => {
		const db = await profile();
		const withRow = async (row: object) => {
			const json = await backupJson(db);
			const tables = (json.database as { data: { data: { tableName: string; rows: unknown[] }[] } }).data
				.data;
			tables.find((t) => t.tableName === 'itemCopies')!.rows.push(row);
			(json.counts as Record<string, number>).itemCopies = 1;
			return gz(json);
		};
		const before = await dump(db);
		await expect(
			readBackup(await withRow({ ...source('head', 'Mine.', 1), deckId: 'my-kafka' }))
		).rejects.toThrow(/^Copy 1 \(id git-basics\/head\): deckId "my-kafka" is not the id of one of our decks/);
		await expect(
			readBackup(await withRow({ ...source('head', 'Mine.', 1), deckId: 'git-remotes' }))
		).rejects.toThrow(/^Copy 1 \(id git-basics\/head\): id is not an item of the deck named by deckId\.$/);
		const good = await readBackup(await exportBackup(db, NOW));
		good.itemCopies.push(source('head', 'Mine.', 1));
		await expect(restoreBackup(db, good, { mode: 'merge' })).rejects.toThrow(/was not compiled/);
		expect(await dump(db)).toEqual(before);
	});
});

describe('a bad file leaves the database as it was', () => {
	async function refused(file: Blob, message: RegExp): Promise<void> {
		const db = await profile();
		const before = await dump(db);
		const error = await (async () => {
			const backup = await readBackup(file);
			await restoreBackup(db, backup, { mode: 'merge' });
		})().then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as Error).message).toMatch(message);
		expect(await dump(db)).toEqual(before);
	}

	async function good(): Promise<Record<string, unknown>> {
		return backupJson(await profile());
	}

	it('refuses a JSON file that is not a backup', async () => {
		await refused(gz({ hello: 'world' }), /not a Rehearse backup/);
		await refused(new Blob([JSON.stringify([1, 2, 3])]), /not a Rehearse backup/);
	});

	it('refuses a PNG', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		await refused(new Blob([png]), /not a Rehearse backup/);
	});

	it('refuses a truncated or corrupt gzip', async () => {
		const whole = new Uint8Array(await (await exportBackup(await profile(), NOW)).arrayBuffer());
		await refused(new Blob([whole.slice(0, Math.floor(whole.length / 2))]), /damaged/);
		const corrupt = whole.slice();
		for (let i = 20; i < corrupt.length - 8; i += 7) corrupt[i] = corrupt[i]! ^ 0xff;
		await refused(new Blob([corrupt]), /damaged|not a Rehearse backup/);
	});

	it('refuses a newer format version', async () => {
		const json = await good();
		await refused(gz({ ...json, version: FORMAT_VERSION + 1 }), /newer version of Rehearse \(format 2/);
	});

	it('names the entry with a field out of range', async () => {
		const json = await good();
		const rows = logRows(json);
		rows[2]!.rating = 7;
		await refused(
			gz(json),
			new RegExp(`^Entry 3 \\(id ${rows[2]!.id as string}\\): rating 7 is out of range 1–4\\.$`)
		);
	});

	it('names the entry with a missing field', async () => {
		const json = await good();
		delete logRows(json)[0]!.cardId;
		await refused(gz(json), /^Entry 1 \(id [0-9a-f-]+\): cardId is missing\.$/);
	});

	it('names two entries with one id and different content', async () => {
		const json = await good();
		const rows = logRows(json);
		rows.push({ ...rows[0]!, durationMs: 99 });
		(json.counts as { log: number }).log++;
		await refused(gz(json), /^Entries 1 and 5 have the same id \([0-9a-f-]+\) but different content\.$/);
	});

	it('refuses a file whose counts do not match its rows', async () => {
		const json = await good();
		logRows(json).pop();
		await refused(gz(json), /says it holds 4 rows of log but holds 3/);
	});

	it('refuses 50 MB of junk by its first bytes', async () => {
		const junk = new Uint8Array(50 * 2 ** 20);
		for (let i = 0; i < junk.length; i += 4096) junk[i] = (i * 31) & 0xff;
		junk[0] = 0x42;
		await refused(new Blob([junk]), /not a Rehearse backup/);
		// Junk that is gzip-compressed is refused after its first characters.
		await refused(new Blob([gzipSync(Buffer.alloc(50 * 2 ** 20, 'x'))]), /not a Rehearse backup/);
	});
});
