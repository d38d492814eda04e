// A small client for the parts of CouchDB's documented HTTP API that sync uses: a cookie session
// (`/_session`), a database's `_changes` feed read page by page, `_all_docs` to fetch documents by id,
// `_bulk_docs` to write many at once, and single documents (the settings, `_local` checkpoints). The
// password goes to `/_session` once and is never kept: the browser keeps CouchDB's session cookie, sent
// with `credentials: 'include'`.

/** What went wrong talking to the server, in a category the screen explains in plain words. */
export type SyncErrorKind =
	| 'auth' // wrong name or password, or the session ended
	| 'forbidden' // signed in, but this database is not the person's
	| 'unreachable' // no answer at all
	| 'cors' // the server answers, but not to this site (CORS not set up)
	| 'server' // any other error status
	| 'invalid'; // a document or answer Rehearse cannot use

export class SyncError extends Error {
	constructor(
		readonly kind: SyncErrorKind,
		message: string
	) {
		super(message);
		this.name = 'SyncError';
	}
}

/** Whether `url` may carry a password: HTTPS, or plain HTTP to this machine only. */
export function isAllowedServer(url: URL): boolean {
	if (url.protocol === 'https:') return true;
	return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * Reads the server address a person typed: trims it, drops a trailing slash, and refuses anything but
 * an HTTPS address (or HTTP to localhost), with a sentence saying why.
 */
export function parseServerUrl(text: string): URL {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw new SyncError('invalid', `"${text.trim()}" is not a web address (it starts with https://).`);
	}
	if (!isAllowedServer(url))
		throw new SyncError(
			'invalid',
			'The server address must start with https:// (plain http:// is allowed for localhost only), so your password is never sent in the clear.'
		);
	url.pathname = url.pathname.replace(/\/+$/, '');
	url.search = '';
	url.hash = '';
	return url;
}

/** The name CouchDB's `couch_peruser` gives a user's own database: `userdb-` and the name in hex. */
export function userDbName(user: string): string {
	const hex = Array.from(new TextEncoder().encode(user), (b) => b.toString(16).padStart(2, '0')).join('');
	return `userdb-${hex}`;
}

export interface ChangesPage {
	/** Each change with its own place in the feed (`seq`), which a later read may start after. */
	results: { id: string; seq?: string | number; deleted?: boolean; changes: { rev: string }[] }[];
	lastSeq: string | number;
	/** How many changes are left after this page, when the server says (CouchDB does, `pending`). */
	pending?: number;
}

type Fetch = typeof fetch;

export class CouchClient {
	readonly server: string;
	readonly db: string;
	#fetch: Fetch;

	constructor(
		server: URL | string,
		readonly user: string,
		fetchImpl: Fetch = (...args) => fetch(...args)
	) {
		this.server = String(server).replace(/\/+$/, '');
		this.db = `${this.server}/${userDbName(user)}`;
		this.#fetch = fetchImpl;
	}

	/** Opens a session with the name and password; the browser keeps the cookie the server sets. */
	async signIn(password: string): Promise<void> {
		const res = await this.#request(`${this.server}/_session`, {
			method: 'POST',
			body: JSON.stringify({ name: this.user, password })
		});
		if (res.status === 401)
			throw new SyncError('auth', 'The server did not accept this user name and password.');
		await this.#ok(res, 'signing in');
	}

	/** The name the current session is for, or null when there is none (signed out, or it expired). */
	async sessionUser(): Promise<string | null> {
		const res = await this.#request(`${this.server}/_session`);
		const body = (await this.#ok(res, 'checking the session')) as { userCtx?: { name?: string | null } };
		return body.userCtx?.name ?? null;
	}

	async signOut(): Promise<void> {
		await this.#request(`${this.server}/_session`, { method: 'DELETE' }).catch(() => undefined);
	}

	/** One page of the database's changes after `since`: ids and revisions only. */
	async changes(since: string | number, limit: number): Promise<ChangesPage> {
		const q = new URLSearchParams({ since: String(since), limit: String(limit), style: 'main_only' });
		const body = (await this.#ok(await this.#request(`${this.db}/_changes?${q}`), 'reading changes')) as {
			results?: unknown;
			last_seq?: unknown;
			pending?: unknown;
		};
		if (!Array.isArray(body.results) || body.last_seq === undefined)
			throw new SyncError('invalid', 'The server sent a list of changes Rehearse cannot read.');
		return {
			results: body.results as ChangesPage['results'],
			lastSeq: body.last_seq as string | number,
			pending: typeof body.pending === 'number' ? body.pending : undefined
		};
	}

	/** The current bodies of these documents; a document deleted since comes back as a deletion. */
	async getDocs(ids: readonly string[]): Promise<unknown[]> {
		if (ids.length === 0) return [];
		const res = await this.#request(`${this.db}/_all_docs?include_docs=true`, {
			method: 'POST',
			body: JSON.stringify({ keys: ids })
		});
		const body = (await this.#ok(res, 'fetching documents')) as { rows?: unknown };
		if (!Array.isArray(body.rows))
			throw new SyncError('invalid', 'The server sent documents Rehearse cannot read.');
		return (
			body.rows as { key: string; doc?: unknown; value?: { deleted?: boolean }; error?: string }[]
		).flatMap((row) => {
			if (row.value?.deleted) return [{ _id: row.key, _deleted: true }];
			return row.doc ? [row.doc] : [];
		});
	}

	/**
	 * Writes documents as they are, revisions included (`new_edits: false`, the way replication writes):
	 * writing one the server has already changes nothing, so a batch can be sent again after a failure.
	 */
	async putReplicated(docs: readonly object[]): Promise<void> {
		if (docs.length === 0) return;
		const res = await this.#request(`${this.db}/_bulk_docs`, {
			method: 'POST',
			body: JSON.stringify({ docs, new_edits: false })
		});
		const body = await this.#ok(res, 'sending changes');
		const failed = Array.isArray(body) ? (body as { id: string; error?: string; reason?: string }[]) : [];
		const refused = failed.find((r) => r.error);
		if (refused) throw this.#docError(refused.error!, refused.reason ?? '', refused.id);
	}

	/** One document, or null when it does not exist. */
	async get(id: string): Promise<Record<string, unknown> | null> {
		const res = await this.#request(`${this.db}/${docPath(id)}`);
		if (res.status === 404) return null;
		return (await this.#ok(res, `reading ${id}`)) as Record<string, unknown>;
	}

	/** Writes one document (with its `_rev` to change it); false when someone changed it first. */
	async put(doc: { _id: string; _rev?: string; [field: string]: unknown }): Promise<boolean> {
		const res = await this.#request(`${this.db}/${docPath(doc._id)}`, {
			method: 'PUT',
			body: JSON.stringify(doc)
		});
		if (res.status === 409) return false;
		await this.#ok(res, `writing ${doc._id}`);
		return true;
	}

	async #request(url: string, init: RequestInit = {}): Promise<Response> {
		try {
			return await this.#fetch(url, {
				...init,
				credentials: 'include',
				headers: init.body
					? { accept: 'application/json', 'content-type': 'application/json' }
					: { accept: 'application/json' }
			});
		} catch {
			throw await this.#unreachable();
		}
	}

	/**
	 * A request that failed without a status is either a server that does not answer or one that does
	 * not let this site read its answers (CORS). A request the browser sends without asking the server's
	 * leave (`no-cors`) tells them apart: it succeeds only if the server answers at all.
	 */
	async #unreachable(): Promise<SyncError> {
		const reached =
			typeof window !== 'undefined' &&
			(await this.#fetch(`${this.server}/`, { mode: 'no-cors' }).then(
				() => true,
				() => false
			));
		return reached
			? new SyncError(
					'cors',
					`The server at ${this.server} answers, but not to this site: its CORS settings must allow ${location.origin} with credentials (see docs/sync.md).`
				)
			: new SyncError(
					'unreachable',
					`The server at ${this.server} cannot be reached. Sync will try again when you are online.`
				);
	}

	async #ok(res: Response, doing: string): Promise<unknown> {
		let body: unknown = null;
		try {
			body = await res.json();
		} catch {
			if (res.ok) throw new SyncError('invalid', `The server's answer to ${doing} is not JSON.`);
		}
		if (res.ok) return body;
		const { error = '', reason = '' } = (body ?? {}) as { error?: string; reason?: string };
		if (res.status === 401 || res.status === 403) throw this.#docError(error || String(res.status), reason);
		if (res.status === 404 && error === 'not_found' && doing !== 'signing in')
			throw new SyncError(
				'forbidden',
				`Your database (${this.db.slice(this.server.length + 1)}) does not exist on the server: ask its admin to turn on couch_peruser or to create it.`
			);
		throw new SyncError(
			'server',
			`The server refused ${doing} (${res.status}${reason ? `: ${reason}` : ''}).`
		);
	}

	#docError(error: string, reason: string, id?: string): SyncError {
		if (error === 'unauthorized' || error === '401') {
			return new SyncError('auth', 'Your session with the server has ended or is not valid: sign in again.');
		}
		if (error === 'forbidden' || error === '403')
			return new SyncError(
				'forbidden',
				`The server does not let ${this.user} use this database${reason ? ` (${reason})` : ''}.`
			);
		return new SyncError(
			'server',
			`The server refused ${id ?? 'a document'}: ${error}${reason ? ` (${reason})` : ''}.`
		);
	}
}

/**
 * A document's id as its URL path: encoded, slashes too (`copy:deck/item` is one document, not an
 * attachment of `copy:deck`), except the one after `_local` or `_design`, which CouchDB wants as is.
 */
function docPath(id: string): string {
	const special = /^(_local|_design)\//.exec(id);
	return special
		? `${special[1]}/${encodeURIComponent(id.slice(special[0].length))}`
		: encodeURIComponent(id);
}
