import { PGlite } from '@electric-sql/pglite';

/**
 * Makes a pre-initialised PostgreSQL data directory (a gzipped tarball from `dumpDataDir`) for PGlite's
 * `loadDataDir` option. Without one, every start runs initdb, which took 3–9 s in Node on the bench
 * machine; loading this takes ~1.7 s (docs/sql.md has the figures). Built once per PGlite version: at
 * build time for the browser (vite-plugin.ts) and cached on disk for Node (node-datadir.ts).
 *
 * Smaller than PGlite's own initdb output (2.4 MB against 4.4 MB gzip, 16 MB against 41 MB unpacked):
 * 1 MB WAL segments instead of 16 MB, and no template databases, which only CREATE DATABASE needs and
 * which an exercise cannot run anyway (not inside a transaction).
 */
export async function makeDataDir(): Promise<Blob> {
	const pg = await PGlite.create({ initDbStartParams: DATA_DIR_INITDB_PARAMS });
	try {
		for (const db of ['template0', 'template1']) {
			await pg.exec(`ALTER DATABASE ${db} IS_TEMPLATE false`);
			await pg.exec(`DROP DATABASE ${db}`);
		}
		await pg.exec('CHECKPOINT');
		return await pg.dumpDataDir('gzip');
	} finally {
		await pg.close();
	}
}

const DATA_DIR_INITDB_PARAMS = ['--wal-segsize=1'];

/**
 * Names what `makeDataDir` makes: a data directory is only good for the PGlite it was made with, and
 * changes when the recipe above does (bump the recipe number then).
 */
export function dataDirName(pgliteVersion: string): string {
	return `pgdata-${pgliteVersion}-r1.tar.gz`;
}

/**
 * A data directory as a Blob PGlite reads the right way, whatever the server did: a host may serve the
 * `.tar.gz` with `Content-Encoding: gzip`, so that the browser has already unpacked it, and PGlite trusts
 * the Blob's type to decide whether to unzip.
 */
export function dataDirBlob(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Blob {
	const head = new Uint8Array(bytes instanceof ArrayBuffer ? bytes : bytes.buffer, 0, 2);
	const gzip = head[0] === 0x1f && head[1] === 0x8b;
	return new Blob([bytes], { type: gzip ? 'application/gzip' : 'application/x-tar' });
}
