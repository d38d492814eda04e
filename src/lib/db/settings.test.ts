import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RehearseDB } from './schema';
import { readSettings, saveSettings, setDeckEnabled } from './settings';

let db: RehearseDB;
let n = 0;

beforeEach(() => {
	db = new RehearseDB(`settings-test-${++n}`);
});

afterEach(async () => {
	await db.delete();
});

describe('setDeckEnabled', () => {
	it('keeps both of two deck switches sent together (B5)', async () => {
		await Promise.all([setDeckEnabled(db, 'dsa-graphs', false), setDeckEnabled(db, 'dsa-arrays', false)]);
		expect((await readSettings(db)).disabledDecks.toSorted()).toEqual(['dsa-arrays', 'dsa-graphs']);
	});

	it('changes one deck over a list another tab saved since this one read it (exploratory finding 2)', async () => {
		await saveSettings(db, { disabledDecks: ['dsa-arrays'] }); // the other tab
		await setDeckEnabled(db, 'dsa-graphs', false);
		expect((await readSettings(db)).disabledDecks).toEqual(['dsa-arrays', 'dsa-graphs']);
		await setDeckEnabled(db, 'dsa-arrays', true);
		await setDeckEnabled(db, 'dsa-graphs', false);
		expect((await readSettings(db)).disabledDecks).toEqual(['dsa-graphs']);
	});

	it('leaves the other settings as they are', async () => {
		await saveSettings(db, { newPerDay: 7, theme: 'dark' });
		const saved = await setDeckEnabled(db, 'dsa-graphs', false);
		expect(saved).toMatchObject({ newPerDay: 7, theme: 'dark', disabledDecks: ['dsa-graphs'] });
	});
});

describe('the interview plan', () => {
	it('is kept with a real date, its shares clamped to their ranges, and dropped without one', async () => {
		const plan = {
			date: '2027-03-01',
			topics: ['databases', 7 as unknown as string],
			target: 1.5,
			retention: 0.991
		};
		expect((await saveSettings(db, { interview: plan })).interview).toEqual({
			date: '2027-03-01',
			topics: ['databases'],
			target: 0.99,
			retention: 0.97
		});
		expect((await saveSettings(db, { interview: { ...plan, date: '2027-02-30' } })).interview).toBeNull();
		expect(
			(await saveSettings(db, { interview: { date: '2027-03-01', topics: [], target: Number.NaN } }))
				.interview
		).toEqual({ date: '2027-03-01', topics: [], target: 0.9 });
		expect((await readSettings(db)).interview?.target).toBe(0.9);
	});
});
