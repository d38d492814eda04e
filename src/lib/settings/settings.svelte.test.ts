import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import { readSettings, saveSettings } from '$lib/db/settings';
import { SettingsEditor } from './settings.svelte';

let db: RehearseDB;
let n = 0;
let stop: () => void;

beforeEach(() => {
	db = new RehearseDB(`settings-editor-test-${++n}`);
});

afterEach(async () => {
	stop();
	await db.delete();
});

/** An editor as the settings screen makes one, with its settings read. */
async function editor(): Promise<SettingsEditor> {
	let made!: SettingsEditor;
	stop = $effect.root(() => {
		made = new SettingsEditor(() => db);
	});
	flushSync();
	await vi.waitFor(() => expect(made.settings).toBeDefined());
	return made;
}

describe('SettingsEditor', () => {
	it('keeps both of two deck switches made before the first is saved (B5)', async () => {
		const settings = await editor();
		await Promise.all([settings.setDeck('a', false), settings.setDeck('b', false)]);
		expect((await readSettings(db)).disabledDecks).toEqual(['a', 'b']);
		expect(settings.status).toBe('Saved.');
	});

	it('shows a change made in another tab (exploratory finding 2)', async () => {
		const settings = await editor();
		await saveSettings(db, { disabledDecks: ['a'] });
		await vi.waitFor(() => expect(settings.settings?.disabledDecks).toEqual(['a']));
		await settings.setDeck('b', false);
		expect((await readSettings(db)).disabledDecks).toEqual(['a', 'b']);
	});

	it('keeps the saved number when a box is cleared, and gives the clamped one (exploratory finding 11)', async () => {
		const settings = await editor();
		expect(await settings.setNumber('newPerDay', '12')).toBe(12);
		await vi.waitFor(() => expect(settings.settings?.newPerDay).toBe(12));

		expect(await settings.setNumber('newPerDay', '')).toBe(12);
		expect(settings.status).toBe('New cards per day needs a number, so it stays at 12.');
		expect((await readSettings(db)).newPerDay).toBe(12);

		expect(await settings.setNumber('newPerDay', '100000')).toBe(9999);
		expect(await settings.setNumber('retention', '0.999')).toBe(0.97);
		expect(await settings.setNumber('reviewsPerDay', '-5')).toBe(0);
	});

	it('keeps the number just saved when the box is cleared before the live read catches up', async () => {
		const settings = await editor();
		expect(await settings.setNumber('newPerDay', '12')).toBe(12);
		// No wait for the live query here: the browser test that found this cleared the box at once.
		expect(await settings.setNumber('newPerDay', '')).toBe(12);
		expect(settings.status).toBe('New cards per day needs a number, so it stays at 12.');
		expect((await readSettings(db)).newPerDay).toBe(12);
	});

	it('says when the settings cannot be read, instead of loading forever (B11)', async () => {
		vi.spyOn(db.settings, 'get').mockRejectedValue(new Error('storage unavailable'));
		let made!: SettingsEditor;
		stop = $effect.root(() => {
			made = new SettingsEditor(() => db);
		});
		flushSync();
		await vi.waitFor(() =>
			expect(made.readError).toBe(
				'Your settings could not be read (storage unavailable). Reload the page to try again.'
			)
		);
		expect(made.settings).toBeUndefined();
	});

	it('reports a failed save, and does not let a later success hide it', async () => {
		const settings = await editor();
		const failing = vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new Error('disk on fire'));
		await Promise.all([settings.setDeck('a', false), settings.setDeck('b', false)]);
		expect(settings.status).toMatch(/disk on fire/);
		failing.mockRestore();
	});
});
