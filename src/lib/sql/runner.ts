import { loadDataset } from '$lib/catalog';
import type { SqlDataset, SqlExercise } from '$lib/decks/types';
import { createSqlClient, type SqlClient } from './client';
import type { ExerciseRunner } from './practice.svelte';
import { LIST_TABLES, tablesOf } from './tables';

// One engine (PGlite in a Web Worker) per page, started by the first exercise that opens and kept for the
// next ones: starting PostgreSQL is the slow part, preparing a dataset is quick.
let client: SqlClient | null = null;

/**
 * Starts PostgreSQL before anything asks for it: the practice page calls it before it has read the deck,
 * as the start is the slow part (seconds) and needs nothing from the exercise.
 */
export function startSqlEngine(): void {
	client ??= createSqlClient();
	client.start();
}

/**
 * The engine ready for one exercise: its dataset prepared under `datasetKey` (`deck-id/dataset-id`, unique
 * in the app) and its tables listed. Rejects with PostgreSQL's message when the dataset cannot load.
 */
export async function openExerciseRunner(
	datasetKey: string,
	dataset: SqlDataset,
	exercise: SqlExercise
): Promise<ExerciseRunner> {
	client ??= createSqlClient();
	const engine = client;
	const prepared = await engine.prepare(datasetKey, dataset.sql);
	if (prepared.kind === 'error')
		throw new Error(`the dataset '${dataset.id}' did not load: ${prepared.error.message}`);
	const tables = tablesOf(await engine.run(datasetKey, LIST_TABLES));
	const task = {
		datasetId: datasetKey,
		modelSql: exercise.modelSql,
		ordered: exercise.ordered,
		namedColumns: exercise.namedColumns
	};
	return {
		tables,
		run: (query) => engine.run(datasetKey, query),
		check: (query) => engine.check(task, query)
	};
}

/**
 * Starts PostgreSQL with an exercise's dataset before the exercise shows (review does it for the next
 * cards): preparing the same dataset again when it opens is then immediate.
 */
export async function warmExercise(deckId: string, exercise: SqlExercise): Promise<void> {
	const dataset = await loadDataset(deckId, exercise.dataset);
	if (!dataset) return;
	client ??= createSqlClient();
	await client.prepare(`${deckId}/${dataset.id}`, dataset.sql);
}
