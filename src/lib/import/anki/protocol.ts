import type { AnkiImportProblem } from './errors';
import type { AnkiReadStep } from './read';
import type { AnkiCollection } from './types';

/** What the page sends the Anki reader's worker: the package's bytes, transferred, not copied. */
export interface ReadRequest {
	bytes: ArrayBuffer;
}

/** What the worker answers: progress as each step ends, then the collection or what was wrong. */
export type ReadMessage =
	| { kind: 'progress'; done: number; total: number; step: AnkiReadStep }
	| { kind: 'done'; collection: AnkiCollection }
	| { kind: 'error'; problem: AnkiImportProblem; message: string };
