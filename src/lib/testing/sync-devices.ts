import { afterAll, afterEach, beforeAll } from 'vitest';
import { RehearseDB } from '$lib/db/schema';
import { CouchClient } from '$lib/sync/couch';
import { cookieFetch, freePort, startCouchServer, type CouchServer } from './couch-server';

/**
 * What a sync test file needs, set up by calling this once at its top: one CouchDB-protocol server
 * (pouchdb-server, in memory) for the file, devices as fresh databases on fake-indexeddb (deleted after
 * each test), and accounts: a new user with a signed-in client, with its own session cookie, per device.
 */
export function syncDevices(name: string) {
	let server: CouchServer | undefined;
	let users = 0;
	let n = 0;
	const opened: RehearseDB[] = [];
	beforeAll(async () => {
		server = await startCouchServer(await freePort());
	}, 30_000);
	afterAll(async () => {
		await server?.stop();
	});
	afterEach(async () => {
		await Promise.all(opened.splice(0).map((db) => db.delete()));
	});
	const running = () => {
		if (!server) throw new Error('the sync test server has not started');
		return server;
	};
	return {
		get server(): CouchServer {
			return running();
		},
		/** A device: an empty database of its own. */
		async freshDb(): Promise<RehearseDB> {
			const db = new RehearseDB(`${name}-${++n}`);
			await db.open();
			opened.push(db);
			return db;
		},
		/** A new user on the server, and a signed-in client for each of `devices` devices. */
		async account(devices = 2, fetchFor?: (f: typeof fetch) => typeof fetch) {
			const user = `${name}-user${++users}`;
			await running().addUser(user, 'pw');
			const clients = await Promise.all(
				Array.from({ length: devices }, async () => {
					const f = cookieFetch();
					const c = new CouchClient(running().url, user, fetchFor ? fetchFor(f) : f);
					await c.signIn('pw');
					return c;
				})
			);
			return { user, clients };
		}
	};
}
