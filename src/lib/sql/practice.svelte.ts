import type { SqlExercise } from '$lib/decks/types';
import type { Grade } from 'ts-fsrs';
import type { ResultSet, Verdict } from './compare';
import { suggestGrade } from './suggest';
import type { CheckOutcome, RunOutcome } from './types';

/** The SQL engine as one exercise's screen uses it: its dataset prepared, its model query known. */
export interface ExerciseRunner {
	/** The dataset's tables and their columns, in order (for the screen and the editor's completion). */
	tables: Record<string, string[]>;
	run(query: string): Promise<RunOutcome>;
	check(query: string): Promise<CheckOutcome>;
}

/**
 * One attempt at an SQL exercise: the query as typed, runs and submissions, hints opened, and the end
 * (solved or given up) with the grade it suggests. The screen shows it; review records the grade.
 */
export class ExerciseAttempt {
	query = $state('');
	busy = $state(false);
	outcome = $state.raw<RunOutcome | null>(null);
	/** The last submission's judgement and the model's result beside it; null after a plain run. */
	verdict = $state.raw<Verdict | null>(null);
	expected = $state.raw<ResultSet | null>(null);
	hintsShown = $state(0);
	wrongSubmissions = $state(0);
	/**
	 * Set once solved or given up: the exercise is over and its model query may show. `query` is the one
	 * judged right, or the text in the editor when given up.
	 */
	finished = $state.raw<{ solved: boolean; suggested: Grade; query: string } | null>(null);

	#startedAt: number;

	constructor(
		readonly exercise: SqlExercise,
		private readonly runner: ExerciseRunner,
		private readonly now: () => number
	) {
		this.#startedAt = now();
	}

	/** Runs the query (Ctrl+Enter): shows its rows or its error; judges nothing. */
	async run(): Promise<void> {
		if (this.busy || !this.query.trim()) return;
		this.busy = true;
		try {
			this.outcome = await this.runner.run(this.query);
			this.verdict = null;
			this.expected = null;
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Submits the query: a right result finishes the exercise; a wrong one counts and shows the difference.
	 * `final` (an exam): any result finishes it, solved or not; a query that fails still does not count.
	 */
	async submit(final = false): Promise<void> {
		if (this.busy || this.finished || !this.query.trim()) return;
		this.busy = true;
		const query = this.query;
		try {
			const { outcome, verdict, expected } = await this.runner.check(query);
			this.outcome = outcome;
			this.verdict = verdict ?? null;
			this.expected = expected ?? null;
			if (verdict?.correct) this.#finish(true, query);
			else if (verdict) {
				this.wrongSubmissions += 1;
				if (final) this.#finish(false, query);
			}
		} finally {
			this.busy = false;
		}
	}

	showHint(): void {
		if (this.hintsShown < this.exercise.hintsHtml.length) this.hintsShown += 1;
	}

	/** Gives up: the model query shows, and Again is suggested. */
	giveUp(): void {
		if (!this.finished) this.#finish(false, this.query);
	}

	#finish(solved: boolean, query: string): void {
		const ms = this.now() - this.#startedAt;
		const { level } = this.exercise;
		this.finished = {
			solved,
			query,
			suggested: suggestGrade({
				solved,
				wrongSubmissions: this.wrongSubmissions,
				hintsShown: this.hintsShown,
				ms,
				level
			})
		};
	}
}
