import { unfinishedInterview } from '$lib/db/interviews';
import { describeStorageError } from '$lib/db/errors';
import type { RehearseDB } from '$lib/db/schema';
import { InterviewRun, type InterviewRunOptions, type InterviewSetup } from './run.svelte';
import type { InterviewRecord } from './types';

/**
 * The interview page: which run is open, if any. On opening, an unfinished session goes straight
 * back on screen (a reload in the middle of a session continues it).
 */
export class InterviewPageState {
	run = $state.raw<InterviewRun | null>(null);
	/** Whether the page knows if there is a session to continue (until then it shows nothing). */
	checked = $state(false);
	/** A failure reading storage, for the person. */
	problem = $state<string | null>(null);

	#db: RehearseDB;
	#options: InterviewRunOptions;

	constructor(db: RehearseDB, options: InterviewRunOptions = {}) {
		this.#db = db;
		this.#options = options;
	}

	/** Looks for an unfinished session and continues it. Never rejects: a failure is shown instead. */
	async open(): Promise<void> {
		try {
			const session = await unfinishedInterview(this.#db);
			if (session) await this.resume(session);
		} catch (e) {
			this.problem = `Your interviews could not be read. ${describeStorageError(e)}`;
		} finally {
			this.checked = true;
		}
	}

	start(setup: InterviewSetup): Promise<void> {
		return this.#replace().start(setup);
	}

	resume(session: InterviewRecord): Promise<void> {
		return this.#replace().resume(session);
	}

	/** Deletes the open session (after the person confirmed) and goes back to the setup form. */
	async discard(): Promise<void> {
		const run = this.run;
		this.run = null;
		try {
			await run?.discard();
		} catch (e) {
			this.problem = `The session could not be deleted. ${describeStorageError(e)}`;
		}
	}

	/** Back to the setup form (after the report). */
	close(): void {
		this.run?.dispose();
		this.run = null;
	}

	#replace(): InterviewRun {
		this.problem = null;
		this.run?.dispose();
		const run = new InterviewRun(this.#db, this.#options);
		this.run = run;
		return run;
	}
}
