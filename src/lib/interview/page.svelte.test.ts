import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import { makeDeck, makeInterview, serveDecks, testClock } from '$lib/testing/decks';
import { InterviewPageState } from './page.svelte';

const START = Date.parse('2026-03-10T12:00:00Z');

let db: RehearseDB;
let n = 0;
beforeEach(async () => {
	serveDecks([makeDeck('db-a', [makeInterview('q1'), makeInterview('q2')])]);
	db = new RehearseDB(`interview-page-${++n}`);
	await db.open();
});
afterEach(async () => {
	await db.delete();
});

const options = () => ({ now: testClock(START).now, recognition: null });

describe('InterviewPageState', () => {
	it('goes straight back into an unfinished session', async () => {
		const first = new InterviewPageState(db, options());
		await first.start({
			level: 'mid',
			topics: [],
			length: { kind: 'questions', value: 2 },
			mode: 'practice'
		});
		const id = first.run?.record?.id;
		const page = new InterviewPageState(db, options());
		await page.open();
		expect(page.checked).toBe(true);
		expect(page.run?.phase).toBe('answering');
		expect(page.run?.record?.id).toBe(id);
	});

	it('says so when storage cannot be read, instead of staying blank (B11)', async () => {
		db.close();
		const page = new InterviewPageState(db, options());
		await page.open();
		expect(page.checked).toBe(true);
		expect(page.problem).toMatch(/could not be read/);
		expect(page.run).toBeNull();
	});

	it('discard deletes the session and goes back to the setup form', async () => {
		const page = new InterviewPageState(db, options());
		await page.start({ level: 'mid', topics: [], length: { kind: 'questions', value: 1 }, mode: 'practice' });
		await page.discard();
		expect(page.run).toBeNull();
		expect(await db.interviews.count()).toBe(0);
	});
});
