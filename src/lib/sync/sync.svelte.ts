import { liveQuery, type Subscription } from 'dexie';
import { invalidateAll } from '$app/navigation';
import { forgetCopies, forgetOwnDecks } from '$lib/catalog';
import { now } from '$lib/clock';
import type { RehearseDB } from '$lib/db/schema';
import { CouchClient, parseServerUrl, SyncError, type SyncErrorKind } from './couch';
import { lastSynced, sync, waitingCount, type SyncProgress } from './engine';
import { SYNC_LOCK } from './lock';
import { ACCOUNT_KEY, readAccount, type Account } from './account';

export type { Account };

/** How long after the last local change a sync starts: answers in a row make one sync, not many. */
export const AFTER_CHANGES_MS = 4_000;

type Fetch = typeof fetch;

/**
 * Sync as the screen shows it, and the triggers that run it: once started (after sign-in, or at a start
 * where an account is remembered), a sync runs at once, a few seconds after local changes stop, when
 * the browser comes back online, and when asked ("Sync now"). One sync at a time across tabs (a Web
 * Lock). Nothing here runs inside an answer: changes are noticed by watching the outbox.
 */
export class SyncState {
	account = $state.raw<Account | null>(null);
	syncing = $state(false);
	progress = $state.raw<SyncProgress | null>(null);
	error = $state<string | null>(null);
	errorKind = $state<SyncErrorKind | null>(null);
	lastSynced = $state<number | null>(null);
	waiting = $state<number | null>(null);

	#db: RehearseDB | null = null;
	#client: CouchClient | null = null;
	#fetch: Fetch | undefined;
	#watch: Subscription | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#again = false;
	#running: Promise<void> | null = null;
	#online = () => void this.syncNow();

	constructor(fetchImpl?: Fetch) {
		this.#fetch = fetchImpl;
		this.account = readAccount();
	}

	/** Starts the triggers for the remembered account, if any (at app start, after idle). */
	start(db: RehearseDB): void {
		this.#db = db;
		void this.#refresh();
		if (!this.account || this.#watch) return;
		this.#client = new CouchClient(this.account.server, this.account.user, this.#fetch);
		if (typeof window !== 'undefined') window.addEventListener('online', this.#online);
		let first = true;
		this.#watch = liveQuery(() => db.outbox.count()).subscribe({
			next: (count) => {
				this.waiting = count;
				if (first) {
					first = false;
					void this.syncNow();
				} else if (count > 0) this.#later();
			},
			error: () => undefined
		});
	}

	/**
	 * Opens a session with the server and remembers the account (never the password), then syncs.
	 * Returns false, with `error` saying why, when the address, name or password is refused.
	 */
	async signIn(db: RehearseDB, server: string, user: string, password: string): Promise<boolean> {
		this.#setError(null);
		try {
			const url = parseServerUrl(server);
			const name = user.trim();
			if (!name) throw new SyncError('invalid', 'Enter your user name on the server.');
			const client = new CouchClient(url, name, this.#fetch);
			await client.signIn(password);
			const account: Account = { server: client.server, user: name };
			localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account));
			this.account = account;
		} catch (e) {
			this.#setError(e);
			return false;
		}
		this.#stop(); // a session that had ended, or another account: start again with this one
		this.start(db);
		return true;
	}

	/** Ends the session and forgets the account; every local data stays, and so do the checkpoints. */
	async signOut(): Promise<void> {
		this.#stop();
		await this.#client?.signOut();
		this.#client = null;
		localStorage.removeItem(ACCOUNT_KEY);
		this.account = null;
		this.progress = null;
		this.#setError(null);
	}

	/** Syncs now (or once more right after the sync under way). */
	syncNow(): Promise<void> {
		clearTimeout(this.#timer);
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#run().finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				void this.syncNow();
			}
		});
		return this.#running;
	}

	/** Stops the triggers (a test, or a page going away). */
	stop(): void {
		this.#stop();
	}

	#later() {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.syncNow(), AFTER_CHANGES_MS);
	}

	async #run(): Promise<void> {
		const db = this.#db;
		const client = this.#client;
		if (!db || !client) return;
		if (typeof navigator !== 'undefined' && navigator.onLine === false) {
			this.#setError(
				new SyncError('unreachable', 'You are offline. Sync will run when you are back online.')
			);
			return;
		}
		this.syncing = true;
		const work = async () => {
			try {
				const result = await sync(db, client, { onProgress: (p) => (this.progress = p) });
				this.#setError(null);
				// Own decks or copies another device changed: every screen reads them again.
				if (result.ownTaken > 0) {
					forgetOwnDecks();
					forgetCopies();
					await invalidateAll();
				}
			} catch (e) {
				this.#setError(e);
			} finally {
				this.syncing = false;
				this.progress = null;
				await this.#refresh();
			}
		};
		const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
		await (locks ? locks.request(SYNC_LOCK, work) : work());
	}

	async #refresh() {
		const db = this.#db;
		if (!db) return;
		[this.lastSynced, this.waiting] = await Promise.all([lastSynced(db), waitingCount(db, this.#client)]);
	}

	#setError(e: unknown) {
		if (e === null) {
			this.error = null;
			this.errorKind = null;
			return;
		}
		const error =
			e instanceof SyncError ? e : new SyncError('server', e instanceof Error ? e.message : String(e));
		this.error = error.message;
		this.errorKind = error.kind;
	}

	#stop() {
		clearTimeout(this.#timer);
		this.#watch?.unsubscribe();
		this.#watch = null;
		if (typeof window !== 'undefined') window.removeEventListener('online', this.#online);
	}
}

/** "just now", "12 minutes ago", or the date and time: when the last sync finished. */
export function describeLastSync(at: number | null, at_now = now()): string {
	if (at === null) return 'Not synced yet.';
	const minutes = Math.floor((at_now - at) / 60_000);
	if (minutes < 1) return 'Last synced just now.';
	if (minutes < 60) return `Last synced ${minutes} minute${minutes === 1 ? '' : 's'} ago.`;
	return `Last synced ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at)}.`;
}

let shared: SyncState | null = null;

/** The page's one sync state (the settings screen and the start-up trigger share it). */
export function syncState(): SyncState {
	return (shared ??= new SyncState());
}
