import type { CheckOutcome, PrepareOutcome, RunOutcome, SqlTask } from './types.ts';

/** What the page asks the SQL worker; `id` pairs each request with its answer. */
export type EngineRequest =
	| { id: number; kind: 'prepare'; datasetId: string; sql: string }
	| { id: number; kind: 'run'; datasetId: string; query: string }
	| { id: number; kind: 'check'; task: SqlTask; query: string };

/**
 * What the worker answers: once `started` (PostgreSQL is up, with how long it took) or `failed`, then one
 * answer per request: its outcome, or `refused` when the engine threw (a dataset never prepared, a model
 * query that fails).
 */
export type EngineMessage =
	| { kind: 'started'; ms: number }
	| { kind: 'failed'; message: string }
	| { id: number; kind: 'prepared'; outcome: PrepareOutcome }
	| { id: number; kind: 'ran'; outcome: RunOutcome }
	| { id: number; kind: 'checked'; outcome: CheckOutcome }
	| { id: number; kind: 'refused'; message: string };
