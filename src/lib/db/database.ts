import { firstPaintWatch } from '$lib/first-paint/watch';
import { RehearseDB } from './schema';

let instance: RehearseDB | null = null;

/** The app's one database. Tests make their own `RehearseDB` instances instead. */
export function getDB(): RehearseDB {
	if (!instance) {
		instance = new RehearseDB();
		instance.use(firstPaintWatch); // keeps the first-paint cache in step with every write
		// An older tab must not block a schema upgrade in a newer one: close and reload.
		instance.on('versionchange', () => {
			instance?.close();
			if (typeof location !== 'undefined') location.reload();
			return false;
		});
	}
	return instance;
}

/**
 * Opens the database and asks the browser to keep it (persistent storage), so the browser does not
 * evict a person's history under storage pressure. Throws with a readable cause when IndexedDB is
 * missing or blocked.
 */
export async function openDatabase(): Promise<RehearseDB> {
	const db = getDB();
	await db.open();
	if (typeof navigator !== 'undefined' && navigator.storage?.persist) {
		navigator.storage.persist().catch(() => undefined);
	}
	return db;
}
