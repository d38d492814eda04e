import type { ResultSet, Verdict } from './compare';

/**
 * What the engine runs SQL through. `createSqlEngine` (engine.ts) runs PGlite in the calling thread (Node:
 * the build, tests, the bench); `createSqlClient` (client.ts) runs the same engine in a Web Worker for the
 * page, and is the one that can stop a query that runs too long.
 */
export interface SqlEngine {
	/**
	 * Loads a dataset (CREATE TABLE and INSERT statements) into a schema of its own. `datasetId` is any
	 * key unique in the app (a deck's dataset id is unique only in its deck: use `deck-id/dataset-id`).
	 * Preparing the same id with the same SQL again does nothing; with other SQL, replaces it.
	 */
	prepare(datasetId: string, datasetSql: string): Promise<PrepareOutcome>;
	/** Runs a person's query on a prepared dataset and undoes whatever it changed. */
	run(datasetId: string, query: string): Promise<RunOutcome>;
	/** Runs the query like `run`, and judges its result against the model query's. */
	check(task: SqlTask, query: string): Promise<CheckOutcome>;
	close(): Promise<void>;
}

/** What `check` needs of an exercise (`SqlExercise`), with the id its dataset was prepared under. */
export interface SqlTask {
	datasetId: string;
	modelSql: string;
	ordered: boolean;
	namedColumns: boolean;
}

/** An error PostgreSQL reported, as it reported it. */
export interface SqlError {
	message: string;
	/** The SQLSTATE, e.g. `42703` (undefined column); `XX000` when the database itself failed. */
	code: string;
	/**
	 * Where in the SQL that was run the error is, 1-based, counted in UTF-16 code units as JavaScript
	 * strings and CodeMirror count them (`sql.slice(position - 1)` starts at the error). Absent when
	 * PostgreSQL gave no position.
	 */
	position?: number;
	detail?: string;
	hint?: string;
}

export type RunOutcome =
	| {
			kind: 'result';
			/** The last statement's result; its rows cut at the engine's `maxRows` (see `truncated`). */
			result: ResultSet;
			/** The last statement's command tag: SELECT, UPDATE, CREATE… (empty when the query was empty). */
			command: string;
			/** Rows the last statement returned (all of them) or changed. */
			rowCount: number;
			truncated: boolean;
			/** How long the query ran, in milliseconds. */
			ms: number;
	  }
	| { kind: 'error'; error: SqlError; ms: number }
	/** Only from the worker client: the query ran past its time limit and the database was restarted. */
	| { kind: 'timeout'; ms: number };

export type PrepareOutcome = { kind: 'ready' } | { kind: 'error'; error: SqlError };

export interface CheckOutcome {
	outcome: RunOutcome;
	/** The judgement, when the query ran to a result. */
	verdict?: Verdict;
	/** The model's result (rows cut like the person's), to show beside a wrong one. */
	expected?: ResultSet;
}
