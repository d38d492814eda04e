import { firstPaintWatch } from '$lib/first-paint/watch';
import { RehearseDB } from './schema';

let instance: RehearseDB | null = null;

type BeforeClose = () => Promise<unknown>;
const beforeCloseHooks = new Set<BeforeClose>();

/** How long the page may spend saving before another tab's schema upgrade closes the database. */
export const BEFORE_CLOSE_LIMIT_MS = 1000;

/**
 * Asks to run `hook` (e.g. saving a typed answer) before the app's database closes because another tab
 * upgrades the schema. The close waits for every hook, at most `BEFORE_CLOSE_LIMIT_MS`. Returns the
 * function that withdraws the request.
 */
export function beforeClose(hook: BeforeClose): () => void {
	beforeCloseHooks.add(hook);
	return () => void beforeCloseHooks.delete(hook);
}

/** Runs the `beforeClose` hooks registered now, waiting at most `limitMs` for them. */
export async function runBeforeClose(limitMs = BEFORE_CLOSE_LIMIT_MS): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
	const hooks = Promise.allSettled([...beforeCloseHooks].map((hook) => hook()));
	await Promise.race([hooks, limit]);
	clearTimeout(timer);
}

/** The app's one database. Tests make their own `RehearseDB` instances instead. */
export function getDB(): RehearseDB {
	if (!instance) {
		const db = new RehearseDB();
		instance = db;
		db.use(firstPaintWatch); // keeps the first-paint cache in step with every write
		// An older tab must not block a schema upgrade in a newer one: save what waits, close and reload.
		db.on('versionchange', () => {
			void runBeforeClose().then(() => {
				db.close();
				if (typeof location !== 'undefined') location.reload();
			});
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
