import { loadDataset } from '$lib/catalog';
import type { SqlExercise } from '$lib/decks/types';

/**
 * What an SQL exercise's screen needs, loaded only when one shows: its component (with CodeMirror), its
 * dataset, and the engine (PGlite in a worker) started on that dataset. The engine's promise is not
 * awaited here, so the screen shows while PostgreSQL starts.
 */
export async function loadSqlCard(deckId: string, exercise: SqlExercise) {
	const loaded = Promise.all([loadDataset(deckId, exercise.dataset), import('$lib/sql/runner')]).then(
		([dataset, { openExerciseRunner }]) => {
			if (!dataset) throw new Error(`the dataset '${exercise.dataset}' is not in the deck ${deckId}`);
			// Not awaited: the screen shows while PostgreSQL starts. Nor held back by the screen's own code
			// (CodeMirror), which arrives meanwhile.
			const runner = openExerciseRunner(`${deckId}/${dataset.id}`, dataset, exercise);
			// Seen by the screen; if the screen's own code fails to load, nobody else will.
			runner.catch(() => undefined);
			return { dataset, runner };
		}
	);
	const [{ default: SqlCard }, { dataset, runner }] = await Promise.all([import('./SqlCard.svelte'), loaded]);
	return { SqlCard, dataset, runner };
}
