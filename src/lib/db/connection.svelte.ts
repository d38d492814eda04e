import { openDatabase } from './database';
import { describeOpenError } from './errors';
import type { RehearseDB } from './schema';

/** Components name the database type from here, the one `$lib/db` module they use. */
export type { RehearseDB };

/**
 * The page's connection to IndexedDB, opened once. When storage is missing or blocked, `error` holds
 * a sentence for the person and `open()` resolves to null, so pages show that sentence, not a blank.
 */
class Connection {
	db = $state.raw<RehearseDB | null>(null);
	error = $state<string | null>(null);
	#opening: Promise<RehearseDB | null> | null = null;

	open(): Promise<RehearseDB | null> {
		this.#opening ??= (async () => {
			try {
				if (typeof indexedDB === 'undefined')
					throw Object.assign(new Error('IndexedDB is missing'), { name: 'MissingAPIError' });
				this.db = await openDatabase();
				return this.db;
			} catch (e) {
				this.error = describeOpenError(e);
				return null;
			}
		})();
		return this.#opening;
	}
}

export const connection = new Connection();

// Open as soon as this code loads in a browser, so opening overlaps with the page starting up.
if (typeof window !== 'undefined') void connection.open();
