import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { beforeClose, getDB, runBeforeClose } from './database';

afterEach(async () => {
	await getDB().delete();
});

describe('the app database', () => {
	it('lets pending saves finish before another tab’s upgrade closes it (B14)', async () => {
		const db = getDB();
		await db.open();
		const saved: string[] = [];
		const unhook = beforeClose(async () => {
			await db.interviews.put({ id: 'late', startedAt: 1 } as never);
			saved.push('late');
		});
		// Another tab opens a newer version: this one must save, then close, so the upgrade goes on.
		const newer = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('rehearse', db.verno * 10 + 10);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		expect(saved).toEqual(['late']);
		const row = await new Promise((resolve) => {
			const get = newer.transaction('interviews').objectStore('interviews').get('late');
			get.onsuccess = () => resolve(get.result);
		});
		expect(row).toMatchObject({ id: 'late' });
		newer.close();
		expect(db.isOpen()).toBe(false);
		unhook();
	});

	it('does not wait for a hook without end longer than its limit', async () => {
		const unhook = beforeClose(() => new Promise(() => {}));
		await runBeforeClose(20);
		unhook();
	});
});
