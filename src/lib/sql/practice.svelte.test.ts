import { describe, expect, it } from 'vitest';
import type { SqlExercise } from '$lib/decks/types';
import { ExerciseAttempt, type ExerciseRunner } from './practice.svelte';
import type { CheckOutcome } from './types';
import { ONE_ROW } from '$lib/testing/sql-outcomes';

const EXERCISE = { kind: 'sql', level: 'junior', hintsHtml: ['<p>a hint</p>'] } as unknown as SqlExercise;
const WRONG: CheckOutcome = {
	outcome: ONE_ROW,
	verdict: { correct: false, problem: 'column-count', expected: 2, actual: 1, message: 'two columns' }
};
const FAILED: CheckOutcome = {
	outcome: { kind: 'error', error: { code: '42601', message: 'syntax' }, ms: 1 }
};

/** A runner whose checks answer in turn from `checks`. */
function runner(checks: CheckOutcome[]): ExerciseRunner {
	return { tables: {}, run: async () => ONE_ROW, check: async () => checks.shift()! };
}

describe('ExerciseAttempt.submit', () => {
	it('keeps the exercise open after a wrong result, for another try', async () => {
		const attempt = new ExerciseAttempt(EXERCISE, runner([WRONG]), () => 0);
		attempt.query = 'SELECT 1';
		await attempt.submit();
		expect(attempt.finished).toBeNull();
		expect(attempt.wrongSubmissions).toBe(1);
	});

	it('in an exam, ends it with the first result, right or wrong, but not with a query that fails', async () => {
		const attempt = new ExerciseAttempt(EXERCISE, runner([FAILED, WRONG]), () => 0);
		attempt.query = 'SELEC 1';
		await attempt.submit(true);
		expect(attempt.finished).toBeNull();
		attempt.query = 'SELECT 1';
		await attempt.submit(true);
		expect(attempt.finished).toMatchObject({ solved: false, query: 'SELECT 1' });
	});
});
