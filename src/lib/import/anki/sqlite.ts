import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loaded: { wasmUrl: string | undefined; sql: Promise<SqlJsStatic> } | null = null;

/**
 * sql.js (SQLite compiled to WebAssembly), loaded once per worker. The one place where the browser and
 * Node differ: in a browser `wasmUrl` is where Vite put `sql-wasm.wasm` (worker.ts imports it with
 * `?url`); in Node it is left out, and sql.js reads the file that sits beside its own script in
 * node_modules.
 *
 * @example const SQL = await loadSqlJs(wasmUrl); const db = new SQL.Database(bytes);
 */
export function loadSqlJs(wasmUrl?: string): Promise<SqlJsStatic> {
	if (!loaded || loaded.wasmUrl !== wasmUrl) {
		const sql = initSqlJs({ locateFile: (file, scriptDirectory) => wasmUrl ?? scriptDirectory + file });
		// A failed load (the network dropped mid-way) is tried again next time rather than kept.
		sql.catch(() => {
			if (loaded?.sql === sql) loaded = null;
		});
		loaded = { wasmUrl, sql };
	}
	return loaded.sql;
}
