import type { Deck, DeckError, SqlDataset, SqlExercise } from '../decks/types.ts';
import { compareResults } from './compare.ts';
import { createSqlEngine } from './engine.ts';
import { cachedDataDirBlob } from './node-datadir.ts';
import type { SqlEngine, SqlError } from './types.ts';

/**
 * Runs what decks/README.md says the build checks of SQL exercises, on PGlite in Node: every dataset
 * loads; every model query runs, returns at least one row, and returns the same result (in order, for an
 * `.ordered` exercise) on its dataset loaded with every table's rows in reverse order, which catches a
 * LIMIT without a total ORDER BY, ties in an ORDER BY the task counts, and aggregates like `string_agg`
 * without an ORDER BY of their own. Starts PostgreSQL only if some deck has SQL. Called by `compileDecks`.
 *
 * The build cannot stop a model query that never ends (see engine.ts): `npm run decks:check` then hangs on
 * it, which at least shows where.
 *
 * @example
 * const errors = await checkSqlDecks(decks); // [{ file, line, message: 'the model query fails: …' }]
 */
export async function checkSqlDecks(decks: Deck[]): Promise<DeckError[]> {
	const work = decks.filter((d) => (d.datasets?.length ?? 0) > 0 || d.items.some((i) => i.kind === 'sql'));
	if (work.length === 0) return [];
	const engine = await createSqlEngine({ dataDir: await cachedDataDirBlob(), maxRows: Infinity });
	try {
		const errors: DeckError[] = [];
		for (const deck of work) errors.push(...(await checkDeck(engine, deck)));
		return errors;
	} finally {
		await engine.close();
	}
}

async function checkDeck(engine: SqlEngine, deck: Deck): Promise<DeckError[]> {
	const errors: DeckError[] = [];
	const at = (line: number, message: string) => errors.push({ file: deck.file, line, message });
	const loaded = new Set<string>();
	for (const dataset of deck.datasets ?? []) {
		const prepared = await engine.prepare(key(deck, dataset.id), dataset.sql);
		if (prepared.kind === 'error') {
			at(
				dataset.line,
				`the dataset's SQL fails${whereIn(dataset.sql, prepared.error)}: ${prepared.error.message}`
			);
			continue;
		}
		const reversed = await engine.prepare(
			reversedKey(deck, dataset.id),
			`${dataset.sql}\n;\n${REVERSE_ROWS}`
		);
		if (reversed.kind === 'error') {
			at(
				dataset.line,
				`the dataset could not be loaded with its rows in reverse order: ${reversed.error.message}`
			);
			continue;
		}
		loaded.add(dataset.id);
	}

	const exercises = deck.items.filter((i): i is SqlExercise => i.kind === 'sql');
	for (const exercise of exercises) {
		// A dataset that does not exist is the parser's error; one that fails was reported above.
		if (!loaded.has(exercise.dataset)) continue;
		const problem = await checkExercise(engine, deck, exercise);
		if (problem) at(exercise.line, problem);
	}
	return errors;
}

/** What is wrong with an exercise's model query, if anything. */
async function checkExercise(engine: SqlEngine, deck: Deck, exercise: SqlExercise): Promise<string | null> {
	const outcome = await engine.run(key(deck, exercise.dataset), exercise.modelSql);
	if (outcome.kind === 'error') return `the model query fails: ${outcome.error.message}`;
	if (outcome.kind === 'timeout') return 'the model query takes too long';
	if (outcome.result.columns.length === 0)
		return 'the model query returns no rows: its last statement must be a query';
	if (outcome.result.rows.length === 0) return 'the model query returns no rows';

	const reversed = await engine.run(reversedKey(deck, exercise.dataset), exercise.modelSql);
	if (reversed.kind !== 'result') {
		const why = reversed.kind === 'error' ? reversed.error.message : 'it takes too long';
		return `the model query fails on the dataset's rows in reverse order: ${why}`;
	}
	const verdict = compareResults(outcome.result, reversed.result, {
		ordered: exercise.ordered,
		namedColumns: false
	});
	return verdict.correct
		? null
		: 'the result depends on the order of rows (a LIMIT without a total ORDER BY?)';
}

/**
 * Puts every table's rows of the current schema (the dataset's) back in reverse order: copied aside
 * newest first, deleted, inserted again, so that a sequential scan meets them in reverse. Foreign keys and
 * triggers are off meanwhile (`session_replication_role`, for this transaction only), identity columns
 * keep their values, and generated columns are computed again.
 */
const REVERSE_ROWS = `
DO $rehearse$
DECLARE
	t regclass;
	cols text;
BEGIN
	SET LOCAL session_replication_role = replica;
	FOR t IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
	LOOP
		SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
		FROM pg_attribute WHERE attrelid = t AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
		CONTINUE WHEN cols IS NULL;
		EXECUTE format('CREATE TEMP TABLE rehearse_reversed AS SELECT %s FROM %s ORDER BY ctid DESC', cols, t);
		EXECUTE format('DELETE FROM %s', t);
		EXECUTE format('INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM rehearse_reversed', t, cols, cols);
		DROP TABLE rehearse_reversed;
	END LOOP;
END
$rehearse$;
`;

function key(deck: Deck, datasetId: SqlDataset['id']): string {
	return `${deck.id}/${datasetId}`;
}

function reversedKey(deck: Deck, datasetId: SqlDataset['id']): string {
	return `${deck.id}/${datasetId} (reversed)`;
}

/** " (line N of its SQL)", where PostgreSQL placed the error. */
function whereIn(sql: string, error: SqlError): string {
	if (error.position === undefined) return '';
	const line = sql.slice(0, error.position - 1).split('\n').length;
	return ` (line ${line} of its SQL)`;
}
