import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSqlEngine } from '../../src/lib/sql/engine.ts';
import { cachedDataDir, cachedDataDirBlob } from '../../src/lib/sql/node-datadir.ts';
import { BENCH_QUERY, benchDatasetSql } from './sql-dataset.ts';
import { summarize, type Summary } from './stats.ts';

/** One cold start, split into its steps (ms). */
export interface ColdStart {
	total: number;
	modules: number;
	start: number;
	dataset: number;
	firstQuery: number;
	/** CPU time the process used, user and system (a busy machine stretches the wall times). */
	cpu: number;
}

/** What the SQL phase measured (ms). */
export interface SqlCost {
	/** Cold starts with the pre-initialised data directory, each in a new process. */
	cold: ColdStart[];
	/** Cold starts running initdb instead, for comparison. */
	coldInitdb: ColdStart[];
	/** Wall time of `run` (isolation included) and of `check` on the bench's query, warm. */
	run: Summary;
	check: Summary;
	dataDirBytes: number;
}

const COLD_RUNS = 5;
const INITDB_RUNS = 2;
const WARM_RUNS = 50;

/**
 * The SQL engine in Node (src/lib/sql/): cold start to the first result, each in a fresh process (PGlite's
 * modules, wasm compile, start from the data directory, the dataset, the first query), and then 50 warm
 * runs and checks of an exercise-sized query on one engine.
 */
export async function measureSql(log: (message: string) => void): Promise<SqlCost> {
	const dataDir = await cachedDataDir();
	const cold: ColdStart[] = [];
	for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStart('datadir'));
	log(`sql: cold starts ${cold.map((c) => c.total.toFixed(0)).join(', ')} ms`);
	const coldInitdb: ColdStart[] = [];
	for (let i = 0; i < INITDB_RUNS; i++) coldInitdb.push(await coldStart('initdb'));
	log(`sql: cold starts with initdb ${coldInitdb.map((c) => c.total.toFixed(0)).join(', ')} ms`);

	const engine = await createSqlEngine({ dataDir: await cachedDataDirBlob() });
	try {
		await engine.prepare('bench', benchDatasetSql());
		const task = { datasetId: 'bench', modelSql: BENCH_QUERY, ordered: true, namedColumns: true };
		await engine.check(task, BENCH_QUERY);
		const runs: number[] = [];
		const checks: number[] = [];
		for (let i = 0; i < WARM_RUNS; i++) {
			let t = performance.now();
			const outcome = await engine.run('bench', BENCH_QUERY);
			runs.push(performance.now() - t);
			if (outcome.kind !== 'result') throw new Error(`the bench query fails: ${JSON.stringify(outcome)}`);
			t = performance.now();
			const checked = await engine.check(task, BENCH_QUERY);
			checks.push(performance.now() - t);
			if (!checked.verdict?.correct) throw new Error('the bench query is not judged right against itself');
		}
		return {
			cold,
			coldInitdb,
			run: summarize(runs),
			check: summarize(checks),
			dataDirBytes: dataDir.bytes.length
		};
	} finally {
		await engine.close();
	}
}

async function coldStart(kind: 'datadir' | 'initdb'): Promise<ColdStart> {
	const script = path.join(import.meta.dirname, 'sql-cold.ts');
	const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, kind], {
		cwd: path.resolve(import.meta.dirname, '../..')
	});
	return JSON.parse(stdout.trim().split('\n').at(-1)!) as ColdStart;
}
