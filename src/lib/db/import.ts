import Dexie from 'dexie';
import type { Deck } from '$lib/decks/types';
import { fnv1a } from '$lib/hash';
import { logEntryId } from '$lib/id';
import { dayOf } from '$lib/scheduling/day';
import type { LogEntry } from '$lib/scheduling/log';
import type { CardEvent } from '$lib/scheduling/marks';
import type { Grade } from 'ts-fsrs';
import { mergeLog, mergeTables, type MergePlan } from './merge';
import { ownDeckTables, putOwnDeck } from './own-decks';
import type { RehearseDB } from './schema';
import { readSettings } from './settings';
import { slices } from './slices';

/** An answer from another app's history (an Anki review), for a card of an imported deck. */
export interface ImportedAnswer {
	/** `deck-id/item-id` */
	cardId: string;
	rating: Grade;
	reviewedAt: number;
	durationMs: number;
}

/** A card suspended in the other app: it was suspended at `since` (ms) or later. */
export interface ImportedSuspension {
	/** `deck-id/item-id` */
	cardId: string;
	since: number;
}

/** A deck to store: its Markdown and the deck compiled from it on this device. */
export interface CompiledDeck {
	markdown: string;
	deck: Deck;
}

/**
 * The log entry id of an imported answer: its time, and bits made from its card and time, so that
 * importing the same file twice gives the same ids (the second import adds nothing), and two answers
 * of different cards in one millisecond never share one.
 */
export function importedEntryId(answer: ImportedAnswer): string {
	return logEntryId(answer.reviewedAt, fnv1a(answer.cardId) * 2 ** 20 + (answer.reviewedAt % 2 ** 20));
}

/**
 * The suspend event of a card suspended in the other app: after its creation and after its last imported
 * answer (so the answers do not undo it), with an id made from the card and that moment, so a second
 * import of the same file adds no second event (and does not suspend again a card unsuspended since).
 */
export function importedSuspension(s: ImportedSuspension, lastAnswerAt?: number): CardEvent {
	const at = Math.max(s.since, lastAnswerAt === undefined ? 0 : lastAnswerAt + 1);
	return {
		id: logEntryId(at, fnv1a(`${s.cardId}#suspend`) * 2 ** 20 + (at % 2 ** 20)),
		cardId: s.cardId,
		action: 'suspend',
		at
	};
}

/** How long the import's transaction waits for its decks to compile once the history is merged. */
const DECKS_WAIT_MS = 10 * 60_000;

/** What an import stores besides its decks and answers, and how it reports its progress. */
export interface ImportOptions {
	/** Cards suspended in the other app. */
	suspended?: readonly ImportedSuspension[];
	/** Called now and then while the cards are replayed: how many of how many are done. */
	progress?: (done: number, total: number) => void;
}

/**
 * Stores imported decks and their history in one transaction: either all of it is written or nothing
 * is. Decks are written whole (a deck of the same id is replaced, its cards' history kept). Answers
 * become log entries scheduled as review answers with the retention set now, merged into the log like a
 * backup's (merge.ts), so each card's memory state is the replay of its imported history through FSRS.
 * Cards suspended in the other app are suspended here too, by a suspend event each.
 *
 * `decks` may still be compiling (in a worker): the history is merged meanwhile, since it needs only
 * the cards' ids, and the decks are written once they are ready. A deck that fails to compile throws
 * its error, and nothing of the import is written.
 */
export async function storeImport(
	db: RehearseDB,
	decks: readonly CompiledDeck[] | PromiseLike<readonly CompiledDeck[]>,
	answers: readonly ImportedAnswer[],
	now: number,
	{ suspended = [], progress }: ImportOptions = {}
): Promise<MergePlan> {
	return db.transaction('rw', [...new Set([...mergeTables(db), ...ownDeckTables(db)])], async () => {
		const settings = await readSettings(db);
		const entries: LogEntry[] = [];
		const lastAt = new Map<string, number>();
		// 200,000 answers take about half a second here: the page paints between slices.
		const slice = slices(db.settings);
		for (const [i, a] of answers.entries()) {
			if (slice.dueAt(i)) await slice.pause();
			lastAt.set(a.cardId, Math.max(lastAt.get(a.cardId) ?? 0, a.reviewedAt));
			entries.push({
				id: importedEntryId(a),
				cardId: a.cardId,
				rating: a.rating,
				reviewedAt: a.reviewedAt,
				durationMs: a.durationMs,
				source: 'review',
				day: dayOf(a.reviewedAt, settings.dayStartHour),
				retention: settings.retention
			});
		}
		// A creation time in the future (a device's clock ahead) would outlast any later unsuspend.
		const events = suspended.map((s) =>
			importedSuspension({ ...s, since: Math.min(s.since, now) }, lastAt.get(s.cardId))
		);
		const plan = await mergeLog(db, entries, [], events, { progress });
		// The transaction stays open (Dexie.waitFor) until the decks are ready, if they are not yet: for
		// up to ten minutes (Dexie's default of one would fail a large import on a slow phone).
		for (const { markdown, deck } of await Dexie.waitFor(Promise.resolve(decks), DECKS_WAIT_MS))
			await putOwnDeck(db, markdown, deck, now);
		return plan;
	});
}
