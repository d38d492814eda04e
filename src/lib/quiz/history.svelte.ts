import { liveQuery } from 'dexie';
import { now as clock } from '$lib/clock';
import { describeStorageError } from '$lib/db/errors';
import { attemptDeadline, discardAttempt, finishAttempt, listAttempts } from '$lib/db/quizzes';
import type { RehearseDB } from '$lib/db/schema';
import { topicQuizStats, type TopicQuizStats } from '$lib/stats/quiz';
import type { QuizRecord } from './types';

/**
 * The stored quiz attempts as the quiz page shows them: the history, the per-topic scores and the
 * unfinished attempt to resume. Components read this instead of the database. `watch` keeps it in step
 * with the database (in this tab and others) until the function it returns is called.
 */
export class QuizRecords {
	/** Every attempt, oldest first. */
	list = $state.raw<QuizRecord[]>([]);
	loading = $state(true);
	/** A sentence for the person when reading or changing the attempts failed. */
	error = $state<string | null>(null);

	/** The latest unfinished attempt that can still be resumed (a timed one whose time is not up). */
	unfinished = $derived.by(() => {
		const now = this.#now();
		for (let i = this.list.length - 1; i >= 0; i--) {
			const a = this.list[i]!;
			const deadline = attemptDeadline(a);
			if (a.finishedAt === null && (deadline === null || deadline > now)) return a;
		}
		return null;
	});

	#db: RehearseDB;
	#now: () => number;

	constructor(db: RehearseDB, now: () => number = clock) {
		this.#db = db;
		this.#now = now;
	}

	/**
	 * Finishes the exams whose time ran out while the person was away (at their deadline, so they are
	 * scored and never offered to resume), then follows the stored attempts. Returns the unsubscribe.
	 */
	watch(): () => void {
		let stopped = false;
		let stop = () => {
			stopped = true;
		};
		void this.#closeExpired().then(() => {
			if (stopped) return;
			const subscription = liveQuery(() => listAttempts(this.#db)).subscribe({
				next: (attempts) => {
					this.list = attempts;
					this.loading = false;
				},
				error: (e: unknown) => {
					this.error = describeStorageError(e);
					this.loading = false;
				}
			});
			stop = () => subscription.unsubscribe();
		});
		return () => stop();
	}

	/** Scores per topic over the finished attempts (see `topicQuizStats`). */
	topicStats(topicOfDeck: ReadonlyMap<string, string>): Map<string, TopicQuizStats> {
		return topicQuizStats(this.list, topicOfDeck);
	}

	/** Deletes an attempt (see `discardAttempt`). Returns false, with `error` set, if that failed. */
	async discard(id: string): Promise<boolean> {
		try {
			await discardAttempt(this.#db, id);
			this.error = null;
			return true;
		} catch (e) {
			this.error = describeStorageError(e);
			return false;
		}
	}

	async #closeExpired(): Promise<void> {
		try {
			const now = this.#now();
			for (const a of await listAttempts(this.#db)) {
				const deadline = attemptDeadline(a);
				if (a.finishedAt === null && deadline !== null && deadline <= now)
					await finishAttempt(this.#db, a.id, now);
			}
		} catch (e) {
			this.error = describeStorageError(e);
		}
	}
}
