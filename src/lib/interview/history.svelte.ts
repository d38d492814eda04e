import { listInterviews } from '$lib/db/interviews';
import { LiveQuery } from '$lib/db/live.svelte';
import type { RehearseDB } from '$lib/db/schema';
import { coverageTrend } from './report';
import type { InterviewRecord } from './types';

/**
 * Past interview sessions as they are stored, kept current (this tab's and other tabs' writes), with
 * the coverage trend per topic. Create it while a component initialises: it stops with the component.
 */
export class InterviewHistory {
	#sessions: LiveQuery<InterviewRecord[]>;

	trend = $derived(coverageTrend(this.sessions));

	/** Oldest first. */
	get sessions(): InterviewRecord[] {
		return this.#sessions.current ?? [];
	}

	/** Why the list could not be read, if it could not. */
	get error(): unknown {
		return this.#sessions.error;
	}

	constructor(db: RehearseDB) {
		this.#sessions = new LiveQuery(() => listInterviews(db));
	}
}
