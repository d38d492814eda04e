import * as v from 'valibot';
import { LEVELS } from '$lib/decks/types';
import { RETENTION_MAX, RETENTION_MIN } from '$lib/scheduling/card';
import { REVIEW_SOURCES, sameEntry, type LogEntry } from '$lib/scheduling/log';
import { CARD_ACTIONS } from '$lib/scheduling/card-events';
import type { CardEvent } from '$lib/scheduling/marks';
import type { Settings } from '$lib/db/schema';
import type { QuizRecord } from '$lib/quiz/types';
import type { InterviewRecord } from '$lib/interview/types';

// A backup file is one JSON object, gzip-compressed:
//   {"format":"rehearse-backup","version":1,"exportedAt":…,"counts":{…},"database":<Dexie export>}
// `database` is what dexie-export-import writes (formatName "dexie"), holding only the tables that are
// not derived from the log: log (the entries' facts), removed, settings, quizAttempts, interviews, the
// person's own decks as their Markdown (ownDeckFiles; absent in backups made before own decks) and their
// copies of our items, as Markdown too (itemCopies; absent in backups made before copies), and the card
// actions (cardEvents: suspend, bury, flag, forget, set due; absent in backups made before them). Compiled HTML
// is never taken from a file: the restore compiles the Markdown on this device.
// This module checks a parsed file against that shape and turns it into a `Backup`, or says, in words a
// person understands, what is wrong and where. It never touches storage.

export const FORMAT_NAME = 'rehearse-backup';
/** The newest format this code writes and reads. A file with a higher version is refused, not guessed at. */
export const FORMAT_VERSION = 1;

/** The tables a backup holds; everything else (cards, days, deckTotals) is recomputed from the log. */
export const BACKUP_TABLES = [
	'log',
	'removed',
	'settings',
	'quizAttempts',
	'interviews',
	'ownDeckFiles',
	'itemCopies',
	'cardEvents'
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** What a backup holds, checked. */
export interface Backup {
	exportedAt: number;
	log: LogEntry[];
	removed: string[];
	settings: Settings | null;
	quizAttempts: QuizRecord[];
	interviews: InterviewRecord[];
	ownDecks: OwnDeckSource[];
	itemCopies: ItemCopySource[];
	/** Card actions (suspend, bury, flag, forget, set due); absent in backups made before them. */
	cardEvents: CardEvent[];
}

/** An own deck as a backup holds it: its Markdown, and when it last changed. */
export interface OwnDeckSource {
	id: string;
	markdown: string;
	updatedAt: number;
}

/** The person's copy of one of our items as a backup holds it: its Markdown, and when it was saved. */
export interface ItemCopySource {
	/** `deck-id/item-id` */
	id: string;
	deckId: string;
	markdown: string;
	updatedAt: number;
}

/** The tables a backup may lack, because the version that made it had none: read as empty. */
const LATER_TABLES: ReadonlySet<BackupTable> = new Set(['ownDeckFiles', 'itemCopies', 'cardEvents']);

/** The largest own deck a backup may hold (an imported deck with its images inlined can be large). */
export const MAX_DECK_BYTES = 50 * 1024 * 1024;

/** The file is not a backup this code can read; `message` says what is wrong and where. */
export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const text = v.string('should be text');
const time = v.pipe(
	v.number('should be a number'),
	v.finite('should be a number'),
	v.minValue(0, 'is negative')
);
const whole = (min: number, max: number) =>
	v.pipe(
		v.number('should be a number'),
		v.integer('should be a whole number'),
		v.minValue(min, `is out of range ${min}–${max}`),
		v.maxValue(max, `is out of range ${min}–${max}`)
	);
const count = v.pipe(
	v.number('should be a number'),
	v.integer('should be a whole number'),
	v.minValue(0, 'is negative')
);

const entrySchema = v.object({
	id: v.pipe(text, v.regex(UUID7, 'is not a log entry id (a UUIDv7)')),
	cardId: v.pipe(text, v.regex(/^[^/]+\/[^/]+$/, 'is not a card id (deck-id/item-id)')),
	rating: whole(1, 4),
	reviewedAt: time,
	durationMs: time,
	source: v.picklist(REVIEW_SOURCES, `should be one of ${REVIEW_SOURCES.join(', ')}`),
	day: v.pipe(v.number('should be a number'), v.integer('should be a whole number')),
	retention: v.pipe(
		v.number('should be a number'),
		v.minValue(RETENTION_MIN, `is out of range ${RETENTION_MIN}–${RETENTION_MAX}`),
		v.maxValue(RETENTION_MAX, `is out of range ${RETENTION_MIN}–${RETENTION_MAX}`)
	)
});

const removedSchema = v.object({ id: text });

const eventSchema = v.object({
	id: v.pipe(text, v.regex(UUID7, 'is not an event id (a UUIDv7)')),
	cardId: v.pipe(text, v.regex(/^[^/]+\/[^/]+$/, 'is not a card id (deck-id/item-id)')),
	action: v.picklist(CARD_ACTIONS, `should be one of ${CARD_ACTIONS.join(', ')}`),
	at: time,
	value: v.optional(time),
	leech: v.optional(v.boolean('should be true or false'))
});

const settingsSchema = v.object({
	id: v.literal('settings', 'should be "settings"'),
	retention: v.pipe(
		v.number('should be a number'),
		v.minValue(RETENTION_MIN, `is out of range ${RETENTION_MIN}–${RETENTION_MAX}`),
		v.maxValue(RETENTION_MAX, `is out of range ${RETENTION_MIN}–${RETENTION_MAX}`)
	),
	newPerDay: whole(0, 9999),
	reviewsPerDay: whole(0, 99999),
	dayStartHour: whole(0, 23),
	disabledDecks: v.array(text, 'should be a list'),
	theme: v.picklist(['system', 'light', 'dark'], 'should be system, light or dark'),
	lastBackupAt: v.optional(time),
	backupReminderDays: v.optional(whole(1, 365)),
	backupReminderDismissedAt: v.optional(time),
	// Absent in backups made before interview dates existed.
	interview: v.optional(
		v.nullable(
			v.object({
				date: v.pipe(text, v.regex(/^\d{4}-\d{2}-\d{2}$/, 'should be a date YYYY-MM-DD')),
				topics: v.array(text, 'should be a list'),
				target: v.pipe(v.number('should be a number'), v.minValue(0.5), v.maxValue(0.99)),
				retention: v.optional(
					v.pipe(
						v.number('should be a number'),
						v.minValue(RETENTION_MIN, `is out of range ${RETENTION_MIN}–${RETENTION_MAX}`),
						v.maxValue(RETENTION_MAX, `is out of range ${RETENTION_MIN}–${RETENTION_MAX}`)
					)
				)
			})
		)
	),
	// Absent with the default FSRS parameters; a set of the wrong length is dropped by `sanitize`.
	fsrsParameters: v.optional(
		v.array(v.pipe(v.number('should be a number'), v.finite('should be a finite number')), 'should be a list')
	),
	// Absent in backups made before leeches, and with the defaults.
	leechLapses: v.optional(whole(2, 99)),
	leechAction: v.optional(v.picklist(['suspend', 'mark'], 'should be suspend or mark'))
});

const nullableTime = v.nullable(time);
const list = <T extends v.GenericSchema>(item: T) => v.array(item, 'should be a list');

const quizSchema = v.object({
	id: text,
	title: text,
	topics: list(text),
	deckIds: list(text),
	mode: v.picklist(['practice', 'exam'], 'should be practice or exam'),
	timeLimitMs: nullableTime,
	seed: v.number('should be a number'),
	startedAt: time,
	finishedAt: nullableTime,
	questions: list(v.object({ ref: text, fingerprint: text, order: list(v.number('should be a number')) })),
	answers: list(
		v.union(
			[
				v.null(),
				v.literal('removed'),
				v.object({
					response: v.variant('kind', [
						v.object({ kind: v.literal('choices'), picked: list(v.number('should be a number')) }),
						v.object({ kind: v.literal('typed'), text }),
						v.object({ kind: v.literal('sql'), query: text, solved: v.boolean('should be true or false') })
					]),
					verdict: v.picklist(['correct', 'wrong', 'near'], 'should be correct, wrong or near'),
					answeredAt: time,
					sentToReview: list(text)
				})
			],
			'should be an answer, "removed" or null'
		)
	)
});

const interviewSchema = v.object({
	id: text,
	level: v.picklist(LEVELS, `should be one of ${LEVELS.join(', ')}`),
	topics: list(text),
	mode: v.picklist(['practice', 'interview'], 'should be practice or interview'),
	length: v.object({
		kind: v.picklist(['questions', 'minutes'], 'should be questions or minutes'),
		value: v.number('should be a number')
	}),
	startedAt: time,
	finishedAt: nullableTime,
	questions: list(
		v.object({
			ref: text,
			topic: text,
			minutes: v.number('should be a number'),
			startedAt: nullableTime,
			submittedAt: nullableTime,
			text,
			timedOut: v.boolean('should be true or false'),
			covered: list(v.boolean('should be true or false')),
			contradicted: v.optional(list(list(text))),
			overrides: list(v.boolean('should be true or false')),
			selfRating: v.nullable(whole(1, 5)),
			followUps: list(v.object({ question: text, text }))
		})
	),
	sentToReview: list(text)
});

const ownDeckSchema = v.object({
	id: v.pipe(text, v.regex(/^my-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not an id of your own deck (my-…)')),
	markdown: v.pipe(text, v.maxLength(MAX_DECK_BYTES, 'is larger than a deck may be (50 MB)')),
	updatedAt: time
});

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';

const itemCopySchema = v.pipe(
	v.object({
		id: v.pipe(text, v.regex(new RegExp(`^${SLUG}/${SLUG}$`), 'is not a card id (deck-id/item-id)')),
		deckId: v.pipe(text, v.regex(new RegExp(`^(?!my-)${SLUG}$`), 'is not the id of one of our decks')),
		markdown: v.pipe(text, v.maxLength(MAX_DECK_BYTES, 'is larger than a deck may be (50 MB)')),
		updatedAt: time
	}),
	v.forward(
		v.check((c) => c.id.startsWith(`${c.deckId}/`), 'is not an item of the deck named by deckId'),
		['id']
	)
);

const countsSchema = v.object({
	log: count,
	removed: count,
	settings: count,
	quizAttempts: count,
	interviews: count,
	ownDeckFiles: v.optional(count, 0),
	itemCopies: v.optional(count, 0),
	cardEvents: v.optional(count, 0)
});

const envelopeSchema = v.object({
	format: v.literal(FORMAT_NAME),
	version: v.pipe(v.number(), v.integer(), v.minValue(1)),
	exportedAt: time,
	counts: countsSchema,
	database: v.object({
		formatName: v.literal('dexie', 'should be "dexie"'),
		formatVersion: v.literal(1, 'should be 1'),
		data: v.object({
			data: list(v.object({ tableName: text, inbound: v.boolean(), rows: v.array(v.unknown()) }))
		})
	})
});

/** How a person names one row of each table in a message. */
const ROW_NAMES: Record<BackupTable, string> = {
	log: 'Entry',
	removed: 'Removed entry',
	settings: 'Settings row',
	quizAttempts: 'Quiz attempt',
	interviews: 'Interview',
	ownDeckFiles: 'Deck',
	itemCopies: 'Copy',
	cardEvents: 'Card action'
};

const number = (n: number) => n.toLocaleString('en');

/** "rating 7 is out of range 1–4", "questions[2].text should be text", "source is missing". */
function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = (issue.path ?? [])
		.map((p, i) => (typeof p.key === 'number' ? `[${p.key}]` : `${i > 0 ? '.' : ''}${String(p.key)}`))
		.join('');
	const where = path || 'the row';
	if (issue.input === undefined) return `${where} is missing`;
	const shown = JSON.stringify(issue.input);
	const value = shown !== undefined && shown.length <= 40 ? ` ${shown}` : '';
	return `${where}${value} ${issue.message}`;
}

/** Checks every row of one table, naming the first bad row (by its place in the file, from 1, and its id). */
function rowsOf<S extends v.GenericSchema>(
	table: BackupTable,
	rows: unknown[],
	schema: S
): v.InferOutput<S>[] {
	const out: v.InferOutput<S>[] = new Array(rows.length);
	let bad = 0;
	let first = '';
	for (let i = 0; i < rows.length; i++) {
		const result = v.safeParse(schema, rows[i], { abortEarly: true });
		if (result.success) {
			out[i] = result.output;
			continue;
		}
		if (bad++ > 0) continue;
		const row = rows[i];
		const id =
			row && typeof row === 'object' && 'id' in row && typeof row.id === 'string' ? ` (id ${row.id})` : '';
		first = `${ROW_NAMES[table]} ${number(i + 1)}${id}: ${describeIssue(result.issues[0])}.`;
	}
	if (bad > 0)
		throw new BackupError(bad === 1 ? first : `${first} ${number(bad - 1)} more rows are wrong too.`);
	return out;
}

/**
 * Checks a parsed backup file and returns what it holds, or throws a `BackupError` naming what is wrong
 * and where: not a backup, a newer format, a table whose count does not match, a row with a missing or
 * out-of-range field, or two entries with one id and different content.
 *
 * @example parseBackup(JSON.parse(text)).log.length
 */
export function parseBackup(data: unknown): Backup {
	const head = v.safeParse(v.looseObject({ format: v.unknown(), version: v.unknown() }), data);
	if (!head.success || head.output.format !== FORMAT_NAME)
		throw new BackupError('This file is not a Rehearse backup.');
	const version = head.output.version;
	if (typeof version === 'number' && version > FORMAT_VERSION)
		throw new BackupError(
			`This backup was made by a newer version of Rehearse (format ${version}; this version reads format ${FORMAT_VERSION} and older). Reload the app to update it, then try again.`
		);
	const envelope = v.safeParse(envelopeSchema, data);
	if (!envelope.success)
		throw new BackupError(`This backup is damaged: ${describeIssue(envelope.issues[0])}.`);
	const { exportedAt, counts, database } = envelope.output;
	const tables = new Map(database.data.data.map((t) => [t.tableName, t.rows]));
	const rows = (table: BackupTable): unknown[] => {
		const found = tables.get(table) ?? (LATER_TABLES.has(table) ? [] : undefined);
		if (!found) throw new BackupError(`This backup is damaged: it has no ${table} table.`);
		if (found.length !== counts[table])
			throw new BackupError(
				`This backup is damaged: it says it holds ${number(counts[table])} rows of ${table} but holds ${number(found.length)}.`
			);
		return found;
	};
	const log = rowsOf('log', rows('log'), entrySchema) as LogEntry[];
	checkDuplicates(log);
	const settings = rowsOf('settings', rows('settings'), settingsSchema);
	return {
		exportedAt,
		log,
		removed: rowsOf('removed', rows('removed'), removedSchema).map((r) => r.id),
		settings: (settings[0] as Settings | undefined) ?? null,
		quizAttempts: rowsOf('quizAttempts', rows('quizAttempts'), quizSchema) as QuizRecord[],
		interviews: rowsOf('interviews', rows('interviews'), interviewSchema) as InterviewRecord[],
		ownDecks: rowsOf('ownDeckFiles', rows('ownDeckFiles'), ownDeckSchema),
		itemCopies: rowsOf('itemCopies', rows('itemCopies'), itemCopySchema),
		cardEvents: rowsOf('cardEvents', rows('cardEvents'), eventSchema) as CardEvent[]
	};
}

/** Two entries of the file with one id must say the same thing; the first pair that does not is named. */
function checkDuplicates(log: readonly LogEntry[]): void {
	const seen = new Map<string, number>();
	for (let i = 0; i < log.length; i++) {
		const entry = log[i]!;
		const at = seen.get(entry.id);
		if (at === undefined) seen.set(entry.id, i);
		else if (!sameEntry(log[at]!, entry))
			throw new BackupError(
				`Entries ${number(at + 1)} and ${number(i + 1)} have the same id (${entry.id}) but different content.`
			);
	}
}

/** The file name a backup made at `now` (local date) is saved under. */
export function backupFileName(now: number): string {
	const d = new Date(now);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `rehearse-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json.gz`;
}
