import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { RETENTION_MAX, RETENTION_MIN, type CardState } from '$lib/scheduling/card';
import type { LogEntry } from '$lib/scheduling/log';
import type { InterviewPlan } from '$lib/scheduling/interview-date';
import type { QuizRecord } from '$lib/quiz/types';
import type { InterviewRecord } from '$lib/interview/types';
import { logEntryId } from '$lib/id';
import { countAnswer, type DayDeckTotals } from '$lib/stats/tally';
import type { DeckMemory } from '$lib/stats/digest';
import type { Deck, DeckSummary, Item } from '$lib/decks/types';
import type { CardEvent, CardMarks } from '$lib/scheduling/marks';
import { bucketOf, bucketsOf, bucketSummary } from './log-bucket';

export type { LogEntry, ReviewSource } from '$lib/scheduling/log';
export type { CardEvent, CardMarks } from '$lib/scheduling/marks';
export type { DayDeckTotals } from '$lib/stats/tally';

/**
 * A stored review-log row: the entry (the truth) and, beside it, the card's state before and after it as
 * the fold of the card's log gave them (a cache, like the cards table, rewritten whenever a merge or an
 * undo changes the fold). `before` is null when the card was new.
 */
export interface ReviewLogEntry extends LogEntry {
	deckId: string;
	before: CardState | null;
	after: CardState;
}

/**
 * A card's log rows packed together (db/entries.ts): what a change of many entries writes (a restore, an
 * Anki import, a first sync), since IndexedDB's cost is per record, not per byte. Stored in its card's
 * `LogBucket`. A row is either loose in `log` or in its card's pack, never both.
 */
export interface LogPack {
	cardId: string;
	ids: string[];
	/** The rows' deck and numbers, in the layout of db/log-pack.ts; or, for rows that do not fit it, `rows`. */
	deckId?: string;
	cols?: Float64Array;
	rows?: ReviewLogEntry[];
}

/**
 * The packs of the cards whose ids hash to `bucket` (db/log-bucket.ts), in card order: one record for
 * about fifty cards' packs in a large collection, with a summary of them for the indexes.
 */
export interface LogBucket {
	bucket: number;
	/** The cards of its packs, indexed (multi-entry) so that the cards with a pack are listed from keys alone. */
	cardIds: string[];
	/** The smallest id of its rows, indexed: the oldest packed answer is the first key. */
	first: string;
	/** The greatest review day of its rows, indexed: the buckets holding today's answers are found by it. */
	lastDay: number;
	/** How many rows its packs hold, indexed: the packed rows are counted from the index's keys. */
	size: number;
	packs: LogPack[];
}

/**
 * An entry taken out of the log (an undo): kept by id so that a merge never brings it back, and so that
 * the removal itself travels to other devices, like an entry does.
 */
export interface Removed {
	id: string;
}

/** Totals per review day, kept in the same transaction as each answer so counts never need a scan. */
export interface DayTotals {
	day: number;
	newCount: number;
	reviewCount: number;
	learnCount: number;
}

/** One of a day's totals: the one an answer counts in depends on the card's state before it. */
export type DayBucket = Exclude<keyof DayTotals, 'day'>;

/** How many cards of a deck this person has met (have a stored state), kept with every answer. */
export interface DeckTotals {
	deckId: string;
	/** The count of cards met. The stored name stays `known`; code reads it into `met` names. */
	known: number;
	/**
	 * The deck's `flashcardsVersion` when all its cards were last found met (see `findUnseen`); the
	 * answer that meets a card writes the row without it.
	 */
	verified?: string;
}

/**
 * A local change that sync has not sent to the server yet, by the id of the server document it changes
 * (see sync/docs.ts `docId`): a log entry made or undone, a quiz attempt or interview finished, the
 * settings, an own deck or a copy of our item changed or removed. Written in the same transaction as the
 * change; `seq` orders them, so a change made again while a push is on its way gets a row of its own
 * and is sent again.
 */
export interface OutboxRow {
	seq?: number;
	id: string;
	/** For a log entry added or removed, its card (if stored here): where its row is found when sent. */
	cardId?: string;
}

/** The server document ids of a quiz attempt, an interview session and the settings (see sync/docs.ts). */
export const quizDocId = (id: string) => `quiz:${id}`;
export const interviewDocId = (id: string) => `interview:${id}`;
export const SETTINGS_DOC_ID = 'settings';
/** The server document id of a card event (suspend, bury, flag, forget, set due). */
export const eventDocId = (id: string) => `event:${id}`;
/** The server document ids of an own deck and of the person's copy of one of our items (`deck/item`). */
export const ownDeckDocId = (id: string) => `deck:${id}`;
export const itemCopyDocId = (id: string) => `copy:${id}`;

/** What sync keeps on this device: the account, checkpoints, when each setting last changed. */
export interface SyncMetaRow {
	key: string;
	value: unknown;
}

/**
 * A page of log entries, undos and card events pulled from the server and checked, waiting to be merged
 * into the log: stored whole, one record per page in the same transaction as its checkpoint, then merged
 * many pages at a time (sync/engine.ts). A record per page, not per entry: half a million records were
 * most of a first sync's download.
 */
export interface PulledPage {
	seq?: number;
	/** How many entries, undos and events it holds, indexed: the merge's total comes from the keys alone. */
	size: number;
	entries: LogEntry[];
	/** The ids of entries undone, and the card of each where the server's document names it. */
	removed: { id: string; cardId?: string }[];
	events: CardEvent[];
	/** The ids of the bundles its entries came in (absent in pages pulled before bundles). */
	bundles?: string[];
}

/** A row of the inbox of versions 6 to 13, one per document pulled: read only by the upgrades. */
interface InboxRow {
	id: string;
	cardId: string;
	bucket?: number;
	entry: LogEntry | null;
	event?: CardEvent;
}

/**
 * A deck the person wrote or imported, as the deck index lists it: small, so every page can read all of
 * them with the shipped index. Its id starts with `my-` (decks/README.md), a namespace no shipped deck uses.
 */
export interface OwnDeck extends DeckSummary {
	/** When the deck's file last changed (ms). */
	updatedAt: number;
}

/**
 * An own deck's file: the Markdown in the deck grammar (the truth, what backups and exports carry) and
 * the deck compiled from it on this device (a cache; never taken from a backup or a server).
 */
export interface OwnDeckFile {
	id: string;
	markdown: string;
	deck: Deck;
	/** As in the index row: a merge of two copies keeps the one changed last. */
	updatedAt: number;
}

/**
 * The person's copy of one item of a shipped deck, edited from the deck's page: it takes the shipped
 * item's place on every screen (catalog.ts) while the deck still has that item with that kind. Keyed by
 * the item's card id, so the card's review history stays its history.
 */
export interface ItemCopy {
	/** `deck-id/item-id`, as the log keys the card. */
	id: string;
	deckId: string;
	/** The item in the deck grammar, from its `## ` heading (the truth, what backups carry). */
	markdown: string;
	/** The item compiled from it on this device (a cache; never taken from a backup). */
	item: Item;
	/** When the person last saved it (ms): a merge of two copies keeps the one saved last. */
	updatedAt: number;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
	id: 'settings';
	retention: number;
	newPerDay: number;
	reviewsPerDay: number;
	/** Hour (0–23, local time) at which a new review day starts. */
	dayStartHour: number;
	/** Decks switched off for daily review. Everything else, including decks shipped later, is on. */
	disabledDecks: string[];
	theme: Theme;
	/** When the person last downloaded a backup (ms). Not indexed, so adding it needed no new version. */
	lastBackupAt?: number;
	/** Home reminds the person to back up once the last backup is this many days old (default 7). */
	backupReminderDays?: number;
	/** When the person last dismissed that reminder (ms): it stays away for another `backupReminderDays`. */
	backupReminderDismissedAt?: number;
	/** The person's interview date, topics and target (stats/projection.ts); null when none is set. */
	interview?: InterviewPlan | null;
	/**
	 * The person's own FSRS weights, fitted to their log by the optimiser (`/settings/optimise`);
	 * absent means ts-fsrs's defaults. Every scheduler and every replay uses them. Not indexed, so
	 * adding it needed no new version.
	 */
	fsrsParameters?: number[];
	/** A card forgotten this many times is a leech (scheduling/marks.ts); absent means 8, as in Anki. */
	leechLapses?: number;
	/** What happens when a card becomes a leech: it is suspended (absent, the default), or only marked. */
	leechAction?: 'suspend' | 'mark';
}

export const DEFAULT_SETTINGS: Settings = {
	id: 'settings',
	retention: 0.9,
	newPerDay: 20,
	reviewsPerDay: 200,
	dayStartHour: 4,
	disabledDecks: [],
	theme: 'system',
	interview: null
};

export class RehearseDB extends Dexie {
	cards!: EntityTable<CardState, 'id'>;
	log!: EntityTable<ReviewLogEntry, 'id'>;
	/** Cards' log rows packed (see LogPack), in buckets by card; the log is `log` and `buckets` together. */
	buckets!: EntityTable<LogBucket, 'bucket'>;
	removed!: EntityTable<Removed, 'id'>;
	days!: EntityTable<DayTotals, 'day'>;
	settings!: EntityTable<Settings, 'id'>;
	quizAttempts!: EntityTable<QuizRecord, 'id'>;
	interviews!: EntityTable<InterviewRecord, 'id'>;
	deckTotals!: EntityTable<DeckTotals, 'deckId'>;
	outbox!: EntityTable<OutboxRow, 'seq'>;
	syncMeta!: EntityTable<SyncMetaRow, 'key'>;
	/** Pages pulled by sync and not merged yet. */
	pulled!: EntityTable<PulledPage, 'seq'>;
	/** Answers per review day and deck, for the statistics page (see stats/tally.ts). */
	dayDecks!: Table<DayDeckTotals, [number, string]>;
	/** Each deck's card states in columns, for the statistics (see stats/digest.ts); absent when stale. */
	deckMemory!: EntityTable<DeckMemory, 'deckId'>;
	/** The person's own decks, as the deck index lists them (see db/own-decks.ts). */
	ownDecks!: EntityTable<OwnDeck, 'id'>;
	/** Each own deck's Markdown and compiled content, read only when a card of it shows. */
	ownDeckFiles!: EntityTable<OwnDeckFile, 'id'>;
	/** The person's copies of items of shipped decks (see db/item-copies.ts). */
	itemCopies!: EntityTable<ItemCopy, 'id'>;
	/** What the person did to cards besides answering them: suspend, bury, flag, forget, set due (the truth). */
	cardEvents!: EntityTable<CardEvent, 'id'>;
	/** Each card's marks folded from its events, for cards with one set (a cache; see db/card-events.ts). */
	cardMarks!: EntityTable<CardMarks, 'id'>;

	constructor(name = 'rehearse') {
		super(name);
		this.version(1).stores({
			cards: 'id, deckId, due',
			reviewLog: '++id, cardId, reviewedAt, day',
			days: 'day',
			settings: 'id'
		});
		// v2: quiz attempts and interview sessions. New tables only; nothing to move.
		this.version(2).stores({
			quizAttempts: 'id, startedAt, finishedAt',
			interviews: 'id, startedAt, finishedAt'
		});
		// v3: per-deck counts of cards met, so the home screen never counts the cards table.
		this.version(3)
			.stores({ deckTotals: 'deckId' })
			.upgrade(async (tx) => {
				const known = new Map<string, number>();
				await tx
					.table<CardState, string>('cards')
					.each((c) => void known.set(c.deckId, (known.get(c.deckId) ?? 0) + 1));
				await tx
					.table<DeckTotals, string>('deckTotals')
					.bulkPut([...known].map(([deckId, n]) => ({ deckId, known: n })));
			});
		// v4: the review log keeps only the index it is read by (a card's history). Every answer wrote two
		// more index entries, `reviewedAt` and `day`, that nothing read; per-day figures come from `days`.
		this.version(4).stores({ reviewLog: '++id, cardId' });
		// v5: the log moves from `reviewLog` to `log`, keyed by a UUIDv7 instead of a per-browser counter, so that the logs of
		// two devices can be merged by id; each entry also keeps the retention it was scheduled with. A
		// primary key cannot change in place, hence the new table. Rows are copied in batches, in order.
		// `removed` keeps the ids of entries undone, so that merges honour an undo made anywhere.
		this.version(5).stores({ log: 'id, cardId', removed: 'id', reviewLog: null }).upgrade(moveLog);
		// v6: sync. `outbox` lists the local changes not sent to the server yet, `syncMeta` the account and
		// checkpoints, `inbox` what was pulled and not merged yet. New tables only: a first sync sends the
		// whole history, not the outbox.
		this.version(6).stores({ outbox: '++seq', syncMeta: 'key', inbox: 'id, cardId' });
		// v7: statistics. `dayDecks` counts answers per review day and deck (by state before and button)
		// and the time spent, so the statistics page reads a few thousand rows instead of the log. Filled
		// from the log once, here; kept with every answer, merge and undo after that.
		this.version(7).stores({ dayDecks: '[day+deckId]' }).upgrade(tallyDayDecks);
		// v8: `deckMemory`, each deck's card states and tally in columns, so the statistics page and the
		// home page's topic map read 50 rows instead of 50,000 cards and 20,000 tally rows. A cache: every
		// change to a deck's cards or answers deletes its row, and readers make it again from them (hence
		// the tally's index by deck). Empty at first, so no upgrade.
		this.version(8).stores({ deckMemory: 'deckId', dayDecks: '[day+deckId], deckId' });
		// v9: the person's own decks. The index rows apart from the files, so that listing them on every page
		// never reads a deck's content. New tables only.
		this.version(9).stores({ ownDecks: 'id', ownDeckFiles: 'id' });
		// v10: the person's copies of shipped items, read by deck when a shipped deck loads. A new table only.
		this.version(10).stores({ itemCopies: 'id, deckId' });
		// v11: card actions (suspend, bury, flag, forget, set due), as events merged by id like the log, and
		// the marks they leave, by card (read whole by the review's queue, by deck by the browser). New tables only.
		this.version(11).stores({ cardEvents: 'id, cardId', cardMarks: 'id, deckId' });
		// v12: the log's rows may also be packed, one record per card (`LogPack`), which is how a change of
		// many entries writes them: half a million loose rows took minutes to write. A new table only.
		this.version(12).stores({ packs: 'cardId, *ids' });
		// v13: packs go into about a thousand buckets (`LogBucket`) instead of one record per card: writing
		// 50,000 records took most of a restore (docs/packed-log.md). Every pack moves to its bucket. The
		// sync inbox is merged bucket by bucket, so each bucket is written about once per first sync.
		this.version(13)
			.stores({ buckets: 'bucket, *ids, *cardIds', packs: null, inbox: 'id, [bucket+cardId]' })
			.upgrade(bucketPacks);
		// v14: buckets are indexed by a summary of their packs (first id, last day, row count) instead of
		// by every row id: that index's half a million entries cost more to write than the packs
		// (docs/packed-log.md). Each bucket gets its summary; a row is found by its card's bucket now.
		// The sync inbox keeps a record per page pulled instead of one per document (`PulledPage`).
		this.version(14)
			.stores({ buckets: 'bucket, *cardIds, first, lastDay, size', inbox: null, pulled: '++seq, size' })
			.upgrade(async (tx) => {
				await summarizeBuckets(tx);
				await inboxToPages(tx);
			});
	}
}

/** The v14 upgrade: what a sync cut off before its merge left in the inbox, as one pulled page. */
async function inboxToPages(tx: Transaction): Promise<void> {
	const rows = await tx.table<InboxRow, string>('inbox').toArray();
	if (rows.length === 0) return;
	const page: PulledPage = {
		size: rows.length,
		entries: rows.flatMap((r) => (r.entry ? [r.entry] : [])),
		removed: rows.flatMap((r) =>
			r.id.startsWith('removed:') ? [{ id: r.id.slice('removed:'.length) }] : []
		),
		events: rows.flatMap((r) => (r.event ? [r.event] : []))
	};
	await tx.table<PulledPage, number>('pulled').add(page);
}

/** The v14 upgrade: each bucket's summary in place of its list of row ids. */
async function summarizeBuckets(tx: Transaction): Promise<void> {
	await tx
		.table<LogBucket & { ids?: string[] }, number>('buckets')
		.toCollection()
		.modify((b) => {
			delete b.ids;
			Object.assign(b, bucketSummary(b.packs));
		});
}

/** The v13 upgrade: the packs of v12, one record per card, into their buckets; inbox rows get theirs. */
async function bucketPacks(tx: Transaction): Promise<void> {
	await tx
		.table<InboxRow, string>('inbox')
		.toCollection()
		.modify((row) => void (row.bucket = bucketOf(row.cardId)));
	const packs = await tx.table<LogPack, string>('packs').toArray();
	const buckets = bucketsOf(packs);
	const to = tx.table<LogBucket, number>('buckets');
	for (let i = 0; i < buckets.length; i += 100) await to.bulkPut(buckets.slice(i, i + 100));
}

/**
 * The v7 upgrade: the day-and-deck tally of the whole log, read in batches by primary key. A tally row
 * takes about 200 bytes, so even a long history fits in memory while it is counted.
 */
async function tallyDayDecks(tx: Transaction): Promise<void> {
	const from = tx.table<ReviewLogEntry, string>('log');
	const tally = new Map<string, DayDeckTotals>();
	for (let last: string | null = null; ;) {
		const batch: ReviewLogEntry[] = await (
			last === null ? from.limit(MOVE_BATCH) : from.where(':id').above(last).limit(MOVE_BATCH)
		).toArray();
		if (batch.length === 0) break;
		for (const row of batch) countAnswer(tally, row, 1);
		last = batch.at(-1)!.id;
	}
	await tx.table<DayDeckTotals, [number, string]>('dayDecks').bulkPut([...tally.values()]);
}

/** Rows copied per batch by the v5 upgrade: bounded memory on a log of half a million rows. */
const MOVE_BATCH = 20_000;

/** A row of `reviewLog`, the log before v5. */
type V4Row = Omit<ReviewLogEntry, 'id' | 'retention'> & { id: number };

/**
 * The v5 upgrade: every `reviewLog` row into `log`, unchanged but for its id (made from its time and its
 * old number, so the order of rows stays) and its retention, which older rows did not record: they get
 * the retention set now, the best guess there is (it only matters if the card is ever recomputed).
 */
async function moveLog(tx: Transaction): Promise<void> {
	const settings = await tx.table<Settings, string>('settings').get('settings');
	const retention = Math.min(
		RETENTION_MAX,
		Math.max(RETENTION_MIN, settings?.retention ?? DEFAULT_SETTINGS.retention)
	);
	const from = tx.table<V4Row, number>('reviewLog');
	const to = tx.table<ReviewLogEntry, string>('log');
	for (let last = 0; ;) {
		const rows = await from.where(':id').above(last).limit(MOVE_BATCH).toArray();
		if (rows.length === 0) return;
		await to.bulkAdd(rows.map((r) => ({ ...r, id: logEntryId(r.reviewedAt, r.id), retention })));
		last = rows.at(-1)!.id;
	}
}
