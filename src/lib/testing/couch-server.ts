import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A real CouchDB-protocol server for tests and the bench: `pouchdb-server` from npm, in memory, on its
// own port, with an admin, CORS with credentials for the app's origin, and one database per user
// (made here, as CouchDB's `couch_peruser` would, with `_security` naming the user as its only member).
// Node only. No `$lib` imports: Playwright's config and the bench load it too.

export const COUCH_ADMIN = { name: 'admin', password: 'admin-secret' };

export interface CouchServer {
	url: string;
	/** Creates a user and their own database, readable and writable by them alone. */
	addUser(name: string, password: string): Promise<void>;
	/** Sends a request as the admin; for test set-up and checks. */
	admin(pathname: string, init?: RequestInit): Promise<Response>;
	/** Stops the server (its data goes with it). */
	stop(): Promise<void>;
}

/** The database `couch_peruser` makes for a user: `userdb-` and the name's UTF-8 bytes in hex. */
export function userDb(name: string): string {
	return `userdb-${Buffer.from(name, 'utf8').toString('hex')}`;
}

/**
 * A TCP port nothing listens on now, from the system: two test runs at once (a CI run beside a local one)
 * must not share a server, as they did with a fixed port.
 */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/**
 * Starts `pouchdb-server --in-memory` on `port` and waits until it answers. `origins` are the web
 * origins CORS lets in with credentials (the app's). With `dataDir`, the databases are kept in that
 * folder instead (LevelDB), so a server stopped and started again on it has them still.
 */
export async function startCouchServer(
	port: number,
	origins: readonly string[] = [],
	dataDir?: string
): Promise<CouchServer> {
	const dir = mkdtempSync(path.join(tmpdir(), 'rehearse-couch-'));
	const config = {
		admins: { [COUCH_ADMIN.name]: COUCH_ADMIN.password },
		httpd: { enable_cors: true },
		cors: {
			origins: origins.join(', ') || '*',
			credentials: true,
			methods: 'GET, PUT, POST, HEAD, DELETE',
			headers: 'accept, authorization, content-type, origin, referer'
		},
		log: { file: path.join(dir, 'log.txt'), level: 'error' }
	};
	writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
	const bin = path.resolve('node_modules/.bin/pouchdb-server');
	const child: ChildProcess = spawn(
		bin,
		[
			...(dataDir ? ['--dir', dataDir] : ['--in-memory']),
			'--port',
			String(port),
			'--config',
			path.join(dir, 'config.json'),
			'-n'
		],
		{ cwd: dir, stdio: 'ignore' }
	);
	const url = `http://localhost:${port}`;
	const auth = `Basic ${Buffer.from(`${COUCH_ADMIN.name}:${COUCH_ADMIN.password}`).toString('base64')}`;
	const admin = (pathname: string, init: RequestInit = {}) =>
		fetch(`${url}${pathname}`, {
			...init,
			headers: { authorization: auth, 'content-type': 'application/json', ...init.headers }
		});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	for (let tries = 0; ; tries++) {
		try {
			if ((await fetch(`${url}/`)).ok) break;
		} catch {
			// not listening yet
		}
		if (child.exitCode !== null || tries > 150) {
			child.kill();
			throw new Error(`pouchdb-server did not start on port ${port}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		admin,
		async addUser(name, password) {
			const put = async (p: string, body: unknown) => {
				const res = await admin(p, { method: 'PUT', body: JSON.stringify(body) });
				if (!res.ok && res.status !== 412) throw new Error(`PUT ${p}: ${res.status} ${await res.text()}`);
			};
			await put(`/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
				name,
				password,
				roles: [],
				type: 'user'
			});
			await put(`/${userDb(name)}`, undefined);
			await put(`/${userDb(name)}/_security`, {
				admins: { names: [], roles: [] },
				members: { names: [name], roles: [] }
			});
		},
		async stop() {
			if (child.exitCode === null) {
				child.kill();
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * A `fetch` that keeps cookies the way a browser does for one site, for code that signs in to the
 * server from Node (the engine's tests, the bench): the session cookie is sent back on every request.
 */
export function cookieFetch(): typeof fetch {
	const jar = new Map<string, string>();
	return async (input, init = {}) => {
		const headers = new Headers(init.headers);
		if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		const res = await fetch(input, { ...init, headers });
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair!.indexOf('=');
			const name = pair!.slice(0, eq).trim();
			const value = pair!.slice(eq + 1).trim();
			if (value) jar.set(name, value);
			else jar.delete(name);
		}
		return res;
	};
}
