import { describe, expect, it } from 'vitest';
import type { LogEntry } from '$lib/scheduling/log';
import type { InterviewRecord } from '$lib/interview/types';
import {
	bundleDoc,
	InvalidDocError,
	interviewDoc,
	kindOf,
	logDoc,
	logRev,
	mergeSettingsFields,
	ownDoc,
	quizDoc,
	readDoc,
	removedDoc,
	revHash
} from './docs';
import { parseServerUrl, SyncError, userDbName } from './couch';

const ENTRY: LogEntry = {
	id: '019b8d62-7a80-7000-8000-000000000001',
	cardId: 'git-basics/head',
	rating: 3,
	reviewedAt: Date.parse('2026-01-05T09:00:00Z'),
	durationMs: 4200,
	source: 'review',
	day: 20458,
	retention: 0.9
};

describe('documents on the server', () => {
	it('writes a log entry as a document whose revision is a digest of its content, and reads it back', () => {
		const doc = logDoc(ENTRY);
		expect(doc._id).toBe(ENTRY.id);
		expect(doc._rev).toMatch(/^1-[0-9a-f]{32}$/);
		expect(logRev({ ...ENTRY })).toBe(doc._rev);
		expect(logRev({ ...ENTRY, durationMs: 4201 })).not.toBe(doc._rev);
		expect(readDoc(doc)).toEqual({ kind: 'log', entry: ENTRY });
	});

	it('writes many entries as one bundle, the same document from the same entries on any device, and reads them back', () => {
		const entries = Array.from({ length: 3 }, (_, i) => ({
			...ENTRY,
			id: `019b8d62-7a80-7000-8000-00000000000${i}`,
			reviewedAt: ENTRY.reviewedAt + i
		}));
		const doc = bundleDoc(entries);
		expect(doc._id).toMatch(/^logs:[0-9a-f]{32}$/);
		expect(kindOf(doc._id)).toBe('logs');
		expect(bundleDoc(entries.map((e) => ({ ...e })))).toEqual(doc);
		// Other content under the same ids: the same document, another revision.
		const changed = bundleDoc([entries[0]!, entries[1]!, { ...entries[2]!, rating: 1 }]);
		expect(changed._id).toBe(doc._id);
		expect(changed._rev).not.toBe(doc._rev);
		expect(bundleDoc(entries.slice(1))._id).not.toBe(doc._id);
		const read = readDoc(JSON.parse(JSON.stringify(doc)));
		expect(read).toEqual({ kind: 'logs', id: doc._id, rev: doc._rev, entries });
	});

	it.each([
		[
			'a wrong field of one entry',
			(d: Record<string, unknown>) => ((d.entries as LogEntry[])[1]!.rating = 7 as 1),
			'entries.1.rating'
		],
		[
			'an entry without an id',
			(d: Record<string, unknown>) => delete (d.entries as Partial<LogEntry>[])[0]!.id,
			'entries.0.id'
		],
		['no entries', (d: Record<string, unknown>) => (d.entries = []), 'entries'],
		[
			'too many entries',
			(d: Record<string, unknown>) => (d.entries = Array(5_001).fill((d.entries as LogEntry[])[0])),
			'entries'
		],
		['another type', (d: Record<string, unknown>) => (d.type = 'log'), 'type']
	])('refuses a bundle with %s, naming where', (_, spoil, where) => {
		const doc = JSON.parse(
			JSON.stringify(bundleDoc([ENTRY, { ...ENTRY, id: '019b8d62-7a80-7000-8000-0000000000ff' }]))
		);
		spoil(doc);
		expect(() => readDoc(doc)).toThrow(InvalidDocError);
		expect(() => readDoc(doc)).toThrow(new RegExp(`${doc._id}.*${where.replaceAll('.', '\\.')}`));
	});

	it('makes the same digest everywhere (pinned)', () => {
		expect(revHash('')).toBe('811c9dc501000193' + '9e3779b985ebca6b');
		expect(revHash('removed:x')).toBe(revHash('removed:x'));
		expect(revHash('a')).not.toBe(revHash('b'));
	});

	it('reads an undo from its tombstone document', () => {
		expect(readDoc(removedDoc(ENTRY.id))).toEqual({ kind: 'removed', id: ENTRY.id });
		// One that names its entry's card gives it; the revision is the same either way.
		expect(readDoc(removedDoc(ENTRY.id, 'git/a'))).toEqual({
			kind: 'removed',
			id: ENTRY.id,
			cardId: 'git/a'
		});
		expect(removedDoc(ENTRY.id, 'git/a')._rev).toBe(removedDoc(ENTRY.id)._rev);
		expect(() => readDoc({ ...removedDoc(ENTRY.id), cardId: 7 })).toThrow(InvalidDocError);
		expect(kindOf(`removed:${ENTRY.id}`)).toBe('removed');
		expect(kindOf('removed:nope')).toBeNull();
	});

	it.each([
		[{ ...logDoc(ENTRY), rating: 7 }, 'rating'],
		[{ ...logDoc(ENTRY), cardId: 'no-slash' }, 'cardId'],
		[{ ...logDoc(ENTRY), retention: 2 }, 'retention'],
		[{ ...logDoc(ENTRY), source: 'hack' }, 'source'],
		[{ ...logDoc(ENTRY), reviewedAt: '2026-01-05' }, 'reviewedAt'],
		[{ _id: 'something-else', type: 'log' }, 'not a kind of document'],
		[{ _id: 'quiz:q1', type: 'quiz', record: { id: 'q1' } }, 'record.title'],
		[{ _id: 'settings', _rev: '1-a', fields: { theme: { value: 'neon', changedAt: 1 } } }, 'theme'],
		[{ ...logDoc(ENTRY), _deleted: true }, 'deleted'],
		['not an object', 'no id']
	])('refuses a malformed document, saying what is wrong (%#)', (doc, words) => {
		let error: unknown;
		try {
			readDoc(doc);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidDocError);
		expect((error as Error).message).toContain(words);
	});

	it('carries a finished interview whole, the wrong claims the checker found included', () => {
		const record: InterviewRecord = {
			id: 'i1',
			level: 'mid',
			topics: ['databases'],
			mode: 'interview',
			length: { kind: 'questions', value: 1 },
			startedAt: ENTRY.reviewedAt,
			finishedAt: ENTRY.reviewedAt + 60_000,
			questions: [
				{
					ref: 'db-indexing/i1',
					topic: 'databases',
					minutes: 5,
					startedAt: ENTRY.reviewedAt,
					submittedAt: ENTRY.reviewedAt + 50_000,
					text: 'An index makes writes faster.',
					timedOut: false,
					covered: [true, false],
					contradicted: [[], ['indexes make writes faster']],
					overrides: [false, true],
					selfRating: 3,
					followUps: []
				}
			],
			sentToReview: ['db-indexing/b-tree']
		};
		expect(readDoc(JSON.parse(JSON.stringify(interviewDoc(record))))).toEqual({ kind: 'interview', record });
	});

	it('carries a finished quiz with an SQL exercise answered in it', () => {
		const record = {
			id: 'quiz-1',
			title: 'Shop',
			topics: ['databases'],
			deckIds: ['sql-shop'],
			mode: 'practice' as const,
			timeLimitMs: null,
			seed: 3,
			startedAt: 1,
			finishedAt: 2,
			questions: [{ ref: 'sql-shop/top', fingerprint: 'x', order: [] }],
			answers: [
				{
					response: { kind: 'sql' as const, query: 'SELECT 1', solved: true },
					verdict: 'correct' as const,
					answeredAt: 2,
					sentToReview: []
				}
			]
		};
		expect(readDoc(quizDoc(record))).toEqual({ kind: 'quiz', record });
	});

	it('names own decks and copies of our items, and reads their documents, stored or removed', () => {
		expect(kindOf('deck:my-kafka')).toBe('deck');
		expect(kindOf('deck:git-basics')).toBeNull();
		expect(kindOf('copy:git-basics/head')).toBe('copy');
		expect(kindOf('copy:my-kafka/order')).toBeNull();
		expect(kindOf('copy:git-basics')).toBeNull();
		const stored = { markdown: '# Kafka', updatedAt: 5 };
		const doc = { ...ownDoc('deck:my-kafka', stored), _rev: '2-x' };
		expect(readDoc(doc)).toEqual({ kind: 'deck', id: 'my-kafka', rev: '2-x', version: stored });
		const gone = { ...ownDoc('copy:git-basics/head', { markdown: null, updatedAt: 9 }), _rev: '3-y' };
		expect(gone).not.toHaveProperty('markdown');
		expect(readDoc(gone)).toMatchObject({ kind: 'copy', version: { markdown: null, updatedAt: 9 } });
		for (const bad of [
			{ ...doc, markdown: 42 },
			{ ...doc, type: 'copy' },
			{ ...doc, deleted: true },
			{ _id: 'deck:my-kafka', _rev: '1-a', type: 'deck', updatedAt: 1 },
			{ ...doc, updatedAt: -1 }
		])
			expect(() => readDoc(bad), JSON.stringify(bad)).toThrow(InvalidDocError);
	});

	it('merges settings field by field, the later change winning and a tie keeping the first', () => {
		const a = { theme: { value: 'dark' as const, changedAt: 10 }, newPerDay: { value: 5, changedAt: 30 } };
		const b = { theme: { value: 'light' as const, changedAt: 20 }, newPerDay: { value: 9, changedAt: 30 } };
		const { fields, fromB } = mergeSettingsFields(a, b);
		expect(fields).toEqual({ theme: b.theme, newPerDay: a.newPerDay });
		expect(fromB).toEqual(['theme']);
	});
});

describe('the server address', () => {
	it('takes HTTPS anywhere and plain HTTP on this machine only', () => {
		expect(String(parseServerUrl(' https://couch.example.com/ '))).toBe('https://couch.example.com/');
		expect(parseServerUrl('http://localhost:5984').host).toBe('localhost:5984');
		expect(parseServerUrl('http://127.0.0.1:5984').host).toBe('127.0.0.1:5984');
		expect(() => parseServerUrl('http://couch.example.com')).toThrow(SyncError);
		expect(() => parseServerUrl('http://couch.example.com')).toThrow(/https/);
		expect(() => parseServerUrl('couch')).toThrow(/not a web address/);
	});

	it("names a user's database as couch_peruser does", () => {
		expect(userDbName('ann')).toBe('userdb-616e6e');
		expect(userDbName('zoë')).toBe('userdb-7a6fc3ab');
	});
});
