import { afterEach } from 'vitest';
import { newCardState } from '$lib/scheduling/card';
import { dayOf } from '$lib/scheduling/day';
import { makeScheduler, rate, type Grade } from '$lib/scheduling/fsrs';
import type { ReviewSource } from '$lib/scheduling/log';
import { recordAnswer } from '$lib/db/reviews';
import { RehearseDB } from '$lib/db/schema';

/** The review day's start hour the log tests answer with. */
export const LOG_TEST_HOUR = 4;
const scheduler = makeScheduler({ retention: 0.9 });

/**
 * Fresh databases (on fake-indexeddb) for one test file, named after `prefix`, each deleted after its
 * test: call at the top level of the file.
 */
export function freshDatabases(prefix: string): () => Promise<RehearseDB> {
	const opened: RehearseDB[] = [];
	let n = 0;
	afterEach(async () => {
		await Promise.all(opened.splice(0).map((db) => db.delete()));
	});
	return async () => {
		const db = new RehearseDB(`${prefix}-${++n}`);
		await db.open();
		opened.push(db);
		return db;
	};
}

/** Answers a card at `now` with `grade` as the review does (2 s, retention 0.9), from its stored state. */
export async function answerCard(
	db: RehearseDB,
	cardId: string,
	now: number,
	grade: Grade,
	source: ReviewSource = 'review'
) {
	const shown = (await db.cards.get(cardId)) ?? newCardState(cardId, now);
	return recordAnswer(db, {
		shown,
		next: rate(scheduler, shown, now, grade),
		grade,
		now,
		durationMs: 2000,
		source,
		day: dayOf(now, LOG_TEST_HOUR),
		retention: 0.9
	});
}
