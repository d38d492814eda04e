import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dataDirBlob, dataDirName, makeDataDir } from './datadir.ts';
import { fnv1a } from '../hash.ts';
import { dataDirWithDatasets } from './engine.ts';

/**
 * The pre-initialised data directory for Node (the build's deck check, tests, the bench, the Vite plugin),
 * made once per PGlite version and kept in `node_modules/.cache/rehearse-sql/`. With `datasets` (their
 * SQL), the same with those datasets loaded (`dataDirWithDatasets`), kept under a name that carries
 * their hash: what the build serves the browser.
 */
export async function cachedDataDir(
	datasets: string[] = []
): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
	if (datasets.length === 0) return cachedBaseDataDir();
	const base = await cachedBaseDataDir();
	// Named by a hash of every dataset: a new or changed dataset makes a new file. A stale file would do no
	// harm either: the engine loads a dataset whose SQL differs.
	const name = base.name.replace(/\.tar\.gz$/, `-${fnv1a(datasets.join('\0')).toString(16)}.tar.gz`);
	return cachedFile(name, async () => dataDirWithDatasets(dataDirBlob(base.bytes), datasets));
}

async function cachedBaseDataDir(): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
	const { version } = JSON.parse(await readFile(path.join(pgliteRoot(), 'package.json'), 'utf8')) as {
		version: string;
	};
	return cachedFile(dataDirName(version), makeDataDir);
}

/** PGlite's package folder. Its exports list no package.json: found beside the entry point. */
function pgliteRoot(): string {
	const require = createRequire(import.meta.url);
	return path.resolve(path.dirname(require.resolve('@electric-sql/pglite')), '..');
}

/** The file `name` in the cache folder, made by `make` when it is not there yet. */
async function cachedFile(
	name: string,
	make: () => Promise<Blob>
): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
	const dir = path.resolve(pgliteRoot(), '../../.cache/rehearse-sql');
	const file = path.join(dir, name);
	try {
		return { bytes: new Uint8Array(await readFile(file)), name };
	} catch {
		const bytes = new Uint8Array(await (await make()).arrayBuffer());
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
