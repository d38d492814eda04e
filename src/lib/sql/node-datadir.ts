import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dataDirBlob, dataDirName, makeDataDir } from './datadir.ts';

/**
 * The pre-initialised data directory for Node (the build's deck check, tests, the bench, the Vite plugin),
 * made once per PGlite version and kept in `node_modules/.cache/rehearse-sql/`.
 */
export async function cachedDataDir(): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
	const require = createRequire(import.meta.url);
	// The package's exports list no package.json: find it beside the entry point.
	const entry = require.resolve('@electric-sql/pglite');
	const root = path.resolve(path.dirname(entry), '..');
	const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
		version: string;
	};
	const name = dataDirName(version);
	const dir = path.resolve(root, '../../.cache/rehearse-sql');
	const file = path.join(dir, name);
	try {
		return { bytes: new Uint8Array(await readFile(file)), name };
	} catch {
		const bytes = new Uint8Array(await (await makeDataDir()).arrayBuffer());
		await mkdir(dir, { recursive: true });
		// Written aside then renamed: test files run in parallel and may make it at the same time.
		const part = `${file}.${process.pid}.part`;
		await writeFile(part, bytes);
		await rename(part, file);
		return { bytes, name };
	}
}

/** `cachedDataDir` as the Blob `createSqlEngine` takes. */
export async function cachedDataDirBlob(): Promise<Blob> {
	return dataDirBlob((await cachedDataDir()).bytes);
}
