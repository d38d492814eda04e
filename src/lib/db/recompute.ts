import { deckOf, type CardState } from '$lib/scheduling/card';
import { logFacts, type LogEntry } from '$lib/scheduling/log';
import { changesState, foldCard, schedulerCache } from '$lib/scheduling/replay';
import { foldMarks } from '$lib/scheduling/card-events';
import type { CardEvent, CardMarks } from '$lib/scheduling/marks';
import { answerBucket, answerTables, emptyDay, logRow, type AnswerInput } from './reviews';
import { applyDelta, countAnswer, type DayDeckTotals } from '$lib/stats/tally';
import { packOf, readCardRows, rowsOfPack, type CardRows } from './entries';
import { rebucket } from './log-bucket';
import { slices } from './slices';
import {
	eventDocId,
	type DayBucket,
	type DayTotals,
	type DeckTotals,
	type LogPack,
	type RehearseDB,
	type ReviewLogEntry
} from './schema';

// Everything stored besides the log is derived from it: a card's state is the fold of its entries, the
// day totals count the daily-review entries by the state each found its card in, the deck totals count
// the cards with at least one entry, the statistics' tally counts every entry by day and deck. This
// module changes the log and brings all of that along, for the cards touched only, in one transaction. It loads only when needed (an undo, a merge, a stale answer).

/**
 * A change to the log: entries to add (ids neither stored nor removed) and ids to remove. `replayAll`
 * recomputes every card, not only those the change touches: after the FSRS parameters change.
 */
export interface LogChange {
	add?: readonly LogEntry[];
	/**
	 * Ids to remove, each with the card it belongs to here (undefined: not stored here, kept as removed
	 * only). Rows are not indexed by id, so the caller, who found them, says where they are.
	 */
	remove?: ReadonlyMap<string, string | undefined>;
	/** Card events to add (ids not stored yet): they change the cards' marks and, some, their states. */
	events?: readonly CardEvent[];
	replayAll?: boolean;
	/** Whether the change goes to the sync outbox (once sync has begun): not when sync itself pulled it. */
	send?: boolean;
	/**
	 * Whether the cards replayed are stored packed, one record each (db/entries.ts). By default, when the
	 * change adds at least `PACK_FROM` entries: a restore, an import, a first sync. A card that has a pack
	 * is always written as one.
	 */
	pack?: boolean;
	/** Called between slices of a long replay, and once at its end: how many of how many cards are done. */
	progress?: (done: number, total: number) => void;
}

/** A change adding this many entries or more stores the cards it replays packed (see `LogChange.pack`). */
export const PACK_FROM = 500;

/**
 * The tables a change to the log writes: the answer's, and the ids of entries removed. A caller's
 * transaction around `changeLog` must cover them.
 */
export function logTables(db: RehearseDB) {
	return [...answerTables(db), db.removed, db.settings, db.syncMeta];
}

/**
 * Whether sync has begun on this device with any account (a checkpoint exists). Before that the outbox
 * is never read: a first sync sends the whole history (sync/engine.ts). So a change of many entries (a
 * backup restored, an Anki history imported) writes no outbox rows until then: 200,000 of them took
 * 54 s of a 200,000-answer import in Chromium on this machine, for nothing.
 */
async function syncBegun(db: RehearseDB): Promise<boolean> {
	return (await db.syncMeta.where(':id').startsWith('checkpoint:').count()) > 0;
}

/**
 * Rows written per request batch when a change writes many (a merge, an import). One `bulkPut` of
 * 200,000 log rows clones them all in one task, and the page froze for 16 s; a batch of 5,000 cards
 * still took a task of 250 ms. Batches are written two at a time (`inBatches`).
 */
const WRITE_BATCH = 500;

/** Buckets (of about fifty cards' packs each, in the bench's collection) per request batch. */
const BUCKETS_PER_BATCH = 10;

/**
 * Writes `rows` a batch at a time, with the next batch asked for as soon as the one before it is done:
 * IndexedDB always has a batch to work on, and each of the page's tasks asks for one batch (the first,
 * two), so the page paints in between. (A timer between batches would let the transaction commit.)
 */
async function inBatches<T>(
	rows: readonly T[],
	batch: number,
	write: (part: T[]) => Promise<unknown>
): Promise<void> {
	let previous: Promise<unknown> | undefined;
	for (let i = 0; i < rows.length; i += batch) {
		const next = write(rows.slice(i, i + batch));
		// Reported where it is awaited, below.
		next.catch(() => undefined);
		if (previous) await previous;
		previous = next;
	}
	await previous;
}

/** Above this many cards, the whole table is read at once rather than looked up card by card. */
const SCAN_ABOVE = 2_000;

/** Every stored row, by card, as `readCardRows` gives them. */
async function readAllRows(db: RehearseDB): Promise<CardRows> {
	const [loose, buckets] = await Promise.all([db.log.toArray(), db.buckets.toArray()]);
	const packs = buckets.flatMap((b) => b.packs);
	const byCard = new Map(packs.map((p) => [p.cardId, rowsOfPack(p)]));
	for (const row of loose) {
		const list = byCard.get(row.cardId);
		if (list) list.push(row);
		else byCard.set(row.cardId, [row]);
	}
	return {
		byCard,
		loose: new Set(loose.map((r) => r.id)),
		packed: new Set(packs.map((p) => p.cardId)),
		buckets: new Map(buckets.map((b) => [b.bucket, b]))
	};
}

/**
 * Applies `change` to the log and recomputes every card it touches: their states, the stored
 * before/after of their entries, the day totals and the deck totals. Removed ids are remembered
 * (`removed`). Entries to add must be new and not removed before: `mergeLog`'s plan sorts them out (and
 * `keepAnswer`'s entry has an id just made), so they are not looked up again here. Runs in one read-write
 * transaction over `logTables` (or inside the caller's, if it covers them), with the FSRS parameters of
 * the stored settings (`Settings.fsrsParameters`). Once sync has begun on this device, the ids added and
 * removed go into the sync outbox (unless `send` is false: what sync pulled itself). Returns each touched card's
 * new state, null for a card left with no entry.
 */
export async function changeLog(db: RehearseDB, change: LogChange): Promise<Map<string, CardState | null>> {
	const remove = change.remove ?? new Map<string, string | undefined>();
	return db.transaction('rw', logTables(db), async () => {
		const add = change.add ?? [];
		const newEvents = change.events ?? [];
		if (remove.size > 0) await db.removed.bulkPut([...remove.keys()].map((id) => ({ id })));
		const removedCards = [...remove.values()].filter((c) => c !== undefined);
		const pack = change.pack ?? add.length >= PACK_FROM;
		const slice = slices(db.settings);
		// The entries to add, by card: 200,000 of them (an import) take a pause or two (db/slices.ts).
		const adding = new Map<string, LogEntry[]>();
		for (const [i, e] of add.entries()) {
			if (slice.dueAt(i)) await slice.pause();
			const list = adding.get(e.cardId);
			if (list) list.push(e);
			else adding.set(e.cardId, [e]);
		}
		// The cards to replay: those that gain or lose entries, or get a forget or a new due date. A suspend,
		// a bury or a flag changes only the card's marks.
		const cardIds = new Set([...adding.keys(), ...removedCards]);
		const eventsOf = groupBy(newEvents, (e) => e.cardId);
		// A forget or a new due date given after a card's last answer (one made here now, nearly always)
		// changes only its stored state: no need to read and replay its log (1,000 cards forgotten at
		// once took 3.3 s in the bench that way).
		const fast = change.replayAll
			? new Map<string, CardState>()
			: await afterLastAnswer(db, eventsOf, cardIds);
		for (const e of newEvents) if (changesState(e) && !fast.has(e.cardId)) cardIds.add(e.cardId);
		const [storedRows, storedEvents, settings] = await Promise.all([
			change.replayAll ? readAllRows(db) : readCardRows(db, cardIds),
			change.replayAll
				? db.cardEvents.toArray().then((rows) => groupBy(rows, (r) => r.cardId))
				: readEvents(db, new Set([...cardIds, ...eventsOf.keys()])),
			db.settings.get('settings')
		]);
		const stored = storedRows.byCard;
		if (change.replayAll) for (const id of stored.keys()) cardIds.add(id);
		// Every card's id at once for many cards: a `bulkGet` of tens of thousands is a request per key,
		// made on the page's thread (1.5 s for an import's 28,001 cards).
		const hadState = new Set(
			(change.replayAll || cardIds.size > SCAN_ABOVE
				? await db.cards.toCollection().primaryKeys()
				: (await db.cards.bulkGet([...cardIds])).filter((c) => c !== undefined).map((c) => c.id)) as string[]
		);
		const marks: CardMarks[] = [];
		const unmarked: string[] = [];
		for (const [cardId, fresh] of eventsOf) {
			const m = foldMarks(cardId, [...(storedEvents.get(cardId) ?? []), ...fresh]);
			if (m) marks.push(m);
			else unmarked.push(cardId);
		}
		const days = new Map<number, Record<DayBucket, number>>();
		const decks = new Map<string, number>();
		const count = (row: { source: string; day: number; before: CardState | null }, by: number) => {
			if (row.source !== 'review') return;
			let d = days.get(row.day);
			if (!d) days.set(row.day, (d = { newCount: 0, reviewCount: 0, learnCount: 0 }));
			d[answerBucket(row.before)] += by;
		};
		const rows: ReviewLogEntry[] = [];
		const packs: LogPack[] = [];
		const unpacked: string[] = [];
		const unloose: string[] = [];
		const cards: CardState[] = [];
		const emptied: string[] = [];
		const states = new Map<string, CardState | null>();
		const schedulerFor = schedulerCache(settings?.fsrsParameters);
		const tally = new Map<string, DayDeckTotals>();
		let done = 0;
		for (const cardId of cardIds) {
			if (slice.due()) {
				// A long replay (an import, a restore, a first sync) lets the page paint between slices.
				change.progress?.(done, cardIds.size);
				await slice.pause();
			}
			done++;
			const old = stored.get(cardId) ?? [];
			const oldById = new Map(old.map((r) => [r.id, r]));
			for (const r of old) {
				count(r, -1);
				countAnswer(tally, r, -1);
			}
			const entries = [
				...old.filter((r) => !remove.has(r.id)).map(logFacts),
				...(adding.get(cardId) ?? []).filter((e) => !oldById.has(e.id))
			];
			const events = [...(storedEvents.get(cardId) ?? []), ...(eventsOf.get(cardId) ?? [])];
			const { steps, state } = foldCard(entries, events, schedulerFor);
			const deckId = deckOf(cardId);
			const packed = pack || storedRows.packed.has(cardId);
			const cardRows: ReviewLogEntry[] = [];
			let changed = old.length !== steps.length;
			for (const { entry, before, after } of steps) {
				const row: ReviewLogEntry = { ...entry, deckId, before, after };
				count(row, +1);
				countAnswer(tally, row, 1);
				const was = oldById.get(entry.id);
				const same = was !== undefined && sameState(was.before, before) && sameState(was.after, after);
				if (packed) cardRows.push(same ? was : row);
				else if (!same) rows.push(row);
				changed ||= !same;
			}
			if (packed) {
				// The card's rows go into its pack (none: no pack); its loose ones leave the table.
				const loose = old.filter((r) => storedRows.loose.has(r.id)).map((r) => r.id);
				if (changed || loose.length > 0) {
					if (cardRows.length > 0) packs.push(packOf(cardId, cardRows));
					else if (storedRows.packed.has(cardId)) unpacked.push(cardId);
				}
				unloose.push(...loose);
			}
			states.set(cardId, state);
			const had = hadState.has(cardId);
			if (state) cards.push(state);
			else if (had) emptied.push(cardId);
			const met = (state ? 1 : 0) - (had ? 1 : 0);
			if (met !== 0) decks.set(deckId, (decks.get(deckId) ?? 0) + met);
		}
		change.progress?.(cardIds.size, cardIds.size);
		for (const [cardId, card] of fast) {
			const state = foldCard([], eventsOf.get(cardId)!, schedulerFor, card).state;
			states.set(cardId, state);
			if (state) cards.push(state);
			else {
				emptied.push(cardId);
				decks.set(card.deckId, (decks.get(card.deckId) ?? 0) - 1);
			}
		}
		const tallied = [...tally.values()].filter((t) => t.ms !== 0 || t.answers.some((n) => n !== 0));
		const [dayRows, deckRows, tallyRows] = await Promise.all([
			db.days.bulkGet([...days.keys()]),
			db.deckTotals.bulkGet([...decks.keys()]),
			db.dayDecks.bulkGet(tallied.map((t) => [t.day, t.deckId]))
		]);
		const totals: DayTotals[] = [...days].map(([day, delta], i) => {
			const t = dayRows[i] ?? emptyDay(day);
			for (const k of Object.keys(delta) as DayBucket[]) t[k] = Math.max(0, t[k] + delta[k]);
			return t;
		});
		const deckTotals: DeckTotals[] = [...decks].map(([deckId, delta], i) => ({
			...deckRows[i],
			deckId,
			known: Math.max(0, (deckRows[i]?.known ?? 0) + delta)
		}));
		const changed =
			change.send !== false && (await syncBegun(db))
				? [
						...add.map((e) => ({ id: e.id, cardId: e.cardId })),
						...[...remove].map(([id, cardId]) => ({ id, cardId })),
						...newEvents.map((e) => ({ id: eventDocId(e.id) }))
					]
				: [];
		const removedLoose = [...remove.keys()].filter((id) => storedRows.loose.has(id));
		// The packs change inside their buckets: each bucket touched is written once, whole.
		const { put: bucketsPut, emptied: bucketsEmptied } = rebucket(storedRows.buckets, packs, unpacked);
		// The page paints before the writes begin.
		if (slice.due()) await slice.pause();
		await Promise.all([
			removedLoose.length > 0 ? db.log.bulkDelete(removedLoose) : undefined,
			unloose.length > 0 ? db.log.bulkDelete(unloose) : undefined,
			bucketsEmptied.length > 0 ? db.buckets.bulkDelete(bucketsEmptied) : undefined,
			emptied.length > 0 ? db.cards.bulkDelete(emptied) : undefined,
			marks.length > 0 ? db.cardMarks.bulkPut(marks) : undefined,
			unmarked.length > 0 ? db.cardMarks.bulkDelete(unmarked) : undefined,
			totals.length > 0 ? db.days.bulkPut(totals) : undefined,
			deckTotals.length > 0 ? db.deckTotals.bulkPut(deckTotals) : undefined,
			tallied.length > 0
				? db.dayDecks.bulkPut(tallied.map((t, i) => applyDelta(tallyRows[i], t)))
				: undefined,
			cardIds.size > 0 ? db.deckMemory.bulkDelete([...new Set([...cardIds].map(deckOf))]) : undefined
		]);
		// The tables that may get many rows, one after another (their rows never overlap).
		await inBatches(changed, WRITE_BATCH, (part) => db.outbox.bulkAdd(part));
		await inBatches(rows, WRITE_BATCH, (part) => db.log.bulkPut(part));
		await inBatches(newEvents, WRITE_BATCH, (part) => db.cardEvents.bulkPut(part));
		await inBatches(cards, WRITE_BATCH, (part) => db.cards.bulkPut(part));
		await inBatches(bucketsPut, BUCKETS_PER_BATCH, (part) => db.buckets.bulkPut(part));
		return states;
	});
}

/**
 * Recomputes every card from the log, with the FSRS parameters now in the settings: their states, the
 * stored before/after of each entry, the day and deck totals. The log's entries themselves (`logFacts`)
 * do not change, and nothing goes to the sync outbox. Only rows whose cached state differs are written.
 */
export async function replayAll(db: RehearseDB): Promise<void> {
	await changeLog(db, { replayAll: true });
}

/**
 * Stores an answer given on a screen whose card had changed since it showed (another tab answered it):
 * Anki keeps every review in its log, and so does Rehearse. The entry is added to the log and the card
 * recomputed from all its entries. Returns the card's new state.
 */
export async function keepAnswer(db: RehearseDB, input: AnswerInput): Promise<CardState> {
	const entry = logFacts(logRow(input, null));
	const states = await changeLog(db, { add: [entry] });
	return states.get(entry.cardId)!;
}

/**
 * Of the cards given a forget or a new due date in `eventsOf`, and not among `replayed`, the stored
 * states of those whose new events all come after their last answer: the fold of their log is their
 * stored state, so the events apply to it as they are (see `foldCard`'s `from`).
 */
async function afterLastAnswer(
	db: RehearseDB,
	eventsOf: ReadonlyMap<string, readonly CardEvent[]>,
	replayed: ReadonlySet<string>
): Promise<Map<string, CardState>> {
	const ids = [...eventsOf]
		.filter(([id, events]) => !replayed.has(id) && events.some(changesState))
		.map(([id]) => id);
	const rows = ids.length > 0 ? await db.cards.bulkGet(ids) : [];
	const out = new Map<string, CardState>();
	rows.forEach((card, i) => {
		const events = eventsOf.get(ids[i]!)!;
		if (card && events.every((e) => e.at > (card.last_review ?? -Infinity))) out.set(card.id, card);
	});
	return out;
}

/** The stored events of these cards, by card. */
async function readEvents(db: RehearseDB, cardIds: ReadonlySet<string>): Promise<Map<string, CardEvent[]>> {
	if (cardIds.size === 0) return new Map();
	const rows =
		cardIds.size > SCAN_ABOVE
			? (await db.cardEvents.toArray()).filter((r) => cardIds.has(r.cardId))
			: await db.cardEvents
					.where('cardId')
					.anyOf([...cardIds])
					.toArray();
	return groupBy(rows, (r) => r.cardId);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k);
		if (list) list.push(item);
		else out.set(k, [item]);
	}
	return out;
}

/** Two cached states are the same when every field is: both come from `rate`, so they have the same fields. */
function sameState(a: CardState | null, b: CardState | null): boolean {
	if (a === null || b === null) return a === b;
	const keys = Object.keys(a) as (keyof CardState)[];
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
