// One cold start of the SQL engine, in a process of its own (run by sql.ts): import PGlite, start it,
// load the bench's dataset, run the first query. Prints the figures as JSON on its last line.
const t0 = performance.now();
const { createSqlEngine } = await import('../../src/lib/sql/engine.ts');
const { cachedDataDirBlob } = await import('../../src/lib/sql/node-datadir.ts');
const { BENCH_QUERY, benchDatasetSql } = await import('./sql-dataset.ts');
const withDataDir = process.argv[2] !== 'initdb';
const dataDir = withDataDir ? await cachedDataDirBlob() : undefined;
const t1 = performance.now();
const engine = await createSqlEngine({ dataDir });
const t2 = performance.now();
const prepared = await engine.prepare('bench', benchDatasetSql());
if (prepared.kind !== 'ready') throw new Error(`the bench dataset fails: ${prepared.error.message}`);
const t3 = performance.now();
const first = await engine.run('bench', BENCH_QUERY);
if (first.kind !== 'result') throw new Error(`the bench query fails: ${JSON.stringify(first)}`);
const t4 = performance.now();
await engine.close();
const cpu = process.cpuUsage();
console.log(
	JSON.stringify({
		total: t4 - t0,
		modules: t1 - t0,
		start: t2 - t1,
		dataset: t3 - t2,
		firstQuery: t4 - t3,
		// On a busy machine wall time waits for the CPU; this is what the process itself used.
		cpu: (cpu.user + cpu.system) / 1000
	})
);

export {};
