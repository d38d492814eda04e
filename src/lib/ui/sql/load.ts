import { loadDataset } from '$lib/catalog';
import type { SqlExercise } from '$lib/decks/types';

/**
 * What an SQL exercise's screen needs, loaded only when one shows: its component (with CodeMirror), its
 * dataset, and the engine (PGlite in a worker) started on that dataset. The engine's promise is not
 * awaited here, so the screen shows while PostgreSQL starts.
 */
export async function loadSqlCard(deckId: string, exercise: SqlExercise) {
	const [{ default: SqlCard }, dataset, { openExerciseRunner }] = await Promise.all([
		import('./SqlCard.svelte'),
		loadDataset(deckId, exercise.dataset),
		import('$lib/sql/runner')
	]);
	if (!dataset) throw new Error(`the dataset '${exercise.dataset}' is not in the deck ${deckId}`);
	const runner = openExerciseRunner(`${deckId}/${dataset.id}`, dataset, exercise);
	return { SqlCard, dataset, runner };
}
