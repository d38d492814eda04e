import * as v from 'valibot';
import { LEVELS } from '$lib/decks/types';
import { RETENTION_MAX, RETENTION_MIN } from '$lib/scheduling/card';
import { LOG_ENTRY_FIELDS, logFacts, REVIEW_SOURCES, type LogEntry } from '$lib/scheduling/log';
import type { QuizRecord } from '$lib/quiz/types';
import type { InterviewRecord } from '$lib/interview/types';
import type { SettingField, SettingsChangedAt } from '$lib/db/settings';
import { eventDocId, SETTINGS_DOC_ID, type Settings } from '$lib/db/schema';
import { CARD_ACTIONS, eventFacts } from '$lib/scheduling/card-events';
import type { CardEvent } from '$lib/scheduling/marks';

// The documents Rehearse keeps in a person's CouchDB database, and the checks every document from the
// server passes before anything is written here. Every document is immutable but the settings: it has
// one revision, which every device makes alike from the document itself, so writing it twice, from two
// devices or after an interrupted batch, changes nothing. A log entry's `_id` is its UUIDv7 and its
// revision is a digest of its content (so the changes feed alone tells whether a device holds the same
// entry); an undo is a tombstone document of its own, `removed:<id>`. A long history goes up in bundles:
// `logs:<digest of its ids>`, up to a thousand entries in one immutable document (a first sync, a large
// import), so the server stores a few hundred documents rather than half a million; the entries inside
// are the same, merged by id. Finished quiz attempts and
// interviews are `quiz:<id>` and `interview:<id>`. The settings are one document edited in place and
// merged field by field, the later change winning.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What kind of document an id names, from its shape alone; null for anything Rehearse does not make. */
export type DocKind =
	'log' | 'logs' | 'removed' | 'event' | 'quiz' | 'interview' | 'settings' | 'deck' | 'copy';

const OWN_DECK_ID = /^my-[^/\s]{1,200}$/;
const CARD_ID = /^[^/\s]{1,200}\/[^/\s]{1,200}$/;
const BUNDLE_ID = /^logs:[0-9a-f]{32}$/;

/** Entries in one bundle of log entries (about 200 KB of JSON). */
export const BUNDLE_ENTRIES = 1_000;
/** The most a bundle from the server may hold. */
const BUNDLE_MAX = 5_000;

export function kindOf(id: string): DocKind | null {
	if (UUID.test(id)) return 'log';
	if (BUNDLE_ID.test(id)) return 'logs';
	if (id.startsWith('removed:') && UUID.test(id.slice(8))) return 'removed';
	if (id.startsWith('event:') && UUID.test(id.slice(6))) return 'event';
	if (id.startsWith('quiz:')) return 'quiz';
	if (id.startsWith('interview:')) return 'interview';
	if (id === SETTINGS_DOC_ID) return 'settings';
	if (id.startsWith('deck:') && OWN_DECK_ID.test(id.slice(5))) return 'deck';
	if (id.startsWith('copy:') && CARD_ID.test(id.slice(5)) && !id.startsWith('copy:my-')) return 'copy';
	return null;
}

/** Whether an id names an own deck or a copy of one of our items (edited in place, see own.ts). */
export const isOwnDocId = (id: string) => kindOf(id) === 'deck' || kindOf(id) === 'copy';

/** The server document id of an undo, and of a local change as the outbox names it. */
export const removedDocId = (id: string) => `removed:${id}`;

/**
 * A 32-digit hex digest of `text` (four 32-bit FNV-1a lanes with different seeds, in one pass): the
 * revision id of an immutable document. Not a security measure, only the same on every device.
 */
export function revHash(text: string): string {
	let a = 0x811c9dc5,
		b = 0x01000193,
		c = 0x9e3779b9,
		d = 0x85ebca6b;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		a = Math.imul(a ^ ch, 0x01000193);
		b = Math.imul(b ^ ch, 0x01000193);
		c = Math.imul(c ^ ch, 0x01000193);
		d = Math.imul(d ^ ch, 0x01000193);
	}
	return [a, b, c, d].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** The one revision of an immutable document. */
const firstRev = (text: string) => `1-${revHash(text)}`;

/** A log entry's revision: a digest of every field, so two entries with one id and other content differ. */
export function logRev(entry: LogEntry): string {
	return firstRev(LOG_ENTRY_FIELDS.map((k) => String(entry[k])).join('\u0000'));
}

/** A document as `_bulk_docs` with `new_edits: false` takes it. */
export interface OutgoingDoc {
	_id: string;
	_rev: string;
	[field: string]: unknown;
}

export function logDoc(entry: LogEntry): OutgoingDoc {
	const { id, ...facts } = logFacts(entry);
	return { _id: id, _rev: logRev(entry), type: 'log', ...facts };
}

/** A card event's revision: a digest of every field, as for a log entry. */
export function eventRev(e: CardEvent): string {
	return firstRev([e.id, e.cardId, e.action, e.at, e.value ?? '', e.leech ? 1 : 0].join('\u0000'));
}

/**
 * Entries in one document: its id is a digest of their ids and its revision a digest of their contents,
 * so the same entries make the same document on any device, and sending it twice changes nothing.
 */
export function bundleDoc(entries: readonly LogEntry[]): OutgoingDoc {
	return {
		_id: `logs:${revHash(entries.map((e) => e.id).join(','))}`,
		_rev: firstRev(entries.map(logRev).join(',')),
		type: 'logs',
		entries: entries.map(logFacts)
	};
}

/** A card action (suspend, bury, flag, forget, set due): immutable, like a log entry. */
export function eventDoc(e: CardEvent): OutgoingDoc {
	const { id, ...facts } = eventFacts(e);
	return { _id: eventDocId(id), _rev: eventRev(e), type: 'event', ...facts };
}

/**
 * The tombstone of an undone entry: the same revision on every device. It names the entry's card when
 * this device knows it, so that another device finds the entry in that card's bucket (rows are not
 * indexed by id); older tombstones do not.
 */
export function removedDoc(id: string, cardId?: string): OutgoingDoc {
	const _id = removedDocId(id);
	return { _id, _rev: firstRev(_id), type: 'removed', ...(cardId ? { cardId } : {}) };
}

export function quizDoc(record: QuizRecord): OutgoingDoc {
	const _id = `quiz:${record.id}`;
	return { _id, _rev: firstRev(_id), type: 'quiz', record };
}

export function interviewDoc(record: InterviewRecord): OutgoingDoc {
	const _id = `interview:${record.id}`;
	return { _id, _rev: firstRev(_id), type: 'interview', record };
}

const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const cardId = v.pipe(v.string(), v.regex(CARD_ID, 'a card id is deck-id/item-id'));

const EventDocSchema = v.object({
	_id: v.pipe(v.string(), v.regex(/^event:[0-9a-f-]{36}$/)),
	type: v.literal('event'),
	cardId,
	action: v.picklist(CARD_ACTIONS),
	at: time,
	value: v.optional(time),
	leech: v.optional(v.boolean())
});

const logFields = {
	cardId,
	rating: v.picklist([1, 2, 3, 4]),
	reviewedAt: time,
	durationMs: time,
	source: v.picklist(REVIEW_SOURCES),
	day: v.pipe(v.number(), v.integer()),
	retention: v.pipe(v.number(), v.minValue(RETENTION_MIN), v.maxValue(RETENTION_MAX))
};
const entryId = v.pipe(v.string(), v.regex(UUID));

const LogDocSchema = v.object({ _id: entryId, type: v.literal('log'), ...logFields });

const BundleDocSchema = v.object({
	_rev: v.string(),
	type: v.literal('logs'),
	entries: v.pipe(v.array(v.object({ id: entryId, ...logFields })), v.minLength(1), v.maxLength(BUNDLE_MAX))
});

const QuizAnswerSchema = v.object({
	response: v.variant('kind', [
		v.object({ kind: v.literal('choices'), picked: v.array(count) }),
		v.object({ kind: v.literal('typed'), text: text(10_000) }),
		v.object({ kind: v.literal('sql'), query: text(100_000), solved: v.boolean() })
	]),
	verdict: v.picklist(['correct', 'wrong', 'near']),
	answeredAt: time,
	sentToReview: v.array(cardId)
});

const QuizRecordSchema = v.object({
	id: text(200),
	title: text(500),
	topics: v.array(text(200)),
	deckIds: v.array(text(200)),
	mode: v.picklist(['practice', 'exam']),
	timeLimitMs: v.nullable(time),
	seed: v.pipe(v.number(), v.finite()),
	startedAt: time,
	finishedAt: time,
	questions: v.array(v.object({ ref: cardId, fingerprint: text(200), order: v.array(count) })),
	answers: v.array(v.union([v.null(), v.literal('removed'), QuizAnswerSchema]))
});

const InterviewAnswerSchema = v.object({
	ref: cardId,
	topic: text(200),
	minutes: v.pipe(v.number(), v.finite(), v.minValue(0)),
	startedAt: v.nullable(time),
	submittedAt: v.nullable(time),
	text: text(100_000),
	timedOut: v.boolean(),
	covered: v.array(v.boolean()),
	contradicted: v.optional(v.array(v.array(text(5_000)))),
	overrides: v.array(v.boolean()),
	selfRating: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
	followUps: v.array(v.object({ question: text(5_000), text: text(100_000) }))
});

const InterviewRecordSchema = v.object({
	id: text(200),
	level: v.picklist(LEVELS),
	topics: v.array(text(200)),
	mode: v.picklist(['practice', 'interview']),
	length: v.object({ kind: v.picklist(['questions', 'minutes']), value: count }),
	startedAt: time,
	finishedAt: time,
	questions: v.array(InterviewAnswerSchema),
	sentToReview: v.array(cardId)
});

const field = <T extends v.GenericSchema>(value: T) => v.optional(v.object({ value, changedAt: time }));
const SettingsFieldsSchema = v.object({
	retention: field(v.pipe(v.number(), v.finite())),
	newPerDay: field(v.pipe(v.number(), v.finite())),
	reviewsPerDay: field(v.pipe(v.number(), v.finite())),
	dayStartHour: field(v.pipe(v.number(), v.finite())),
	disabledDecks: field(v.array(text(200))),
	theme: field(v.picklist(['system', 'light', 'dark'])),
	interview: field(
		v.nullable(
			v.object({
				date: text(10),
				topics: v.array(text(200)),
				target: v.pipe(v.number(), v.finite()),
				retention: v.optional(v.pipe(v.number(), v.finite()))
			})
		)
	),
	// Absent when the person went back to the default parameters; `sanitize` drops a wrong length.
	fsrsParameters: field(v.optional(v.array(v.pipe(v.number(), v.finite())))),
	leechLapses: field(v.optional(v.pipe(v.number(), v.finite()))),
	leechAction: field(v.optional(v.picklist(['suspend', 'mark'])))
});

/** The settings as the server keeps them: each field with the time it was last changed. */
export type SettingsFields = {
	[K in SettingField]?: { value: Settings[K]; changedAt: number };
};

/**
 * An own deck or a copy of one of our items as the server keeps it: its Markdown (null once removed) and
 * when it last changed. Edited in place; of two versions, the one changed last wins.
 */
export interface OwnVersion {
	markdown: string | null;
	updatedAt: number;
}

/** An own deck's or a copy's document; `_rev` is the server's, to change it. */
export function ownDoc(
	id: string,
	version: OwnVersion,
	rev?: string
): { _id: string; _rev?: string; [field: string]: unknown } {
	const type = kindOf(id);
	return {
		_id: id,
		...(rev ? { _rev: rev } : {}),
		type,
		updatedAt: version.updatedAt,
		...(version.markdown === null ? { deleted: true } : { markdown: version.markdown })
	};
}

/** The largest own deck a document may hold: CouchDB's default `max_document_size` is 8 MB. */
export const OWN_MARKDOWN_MAX = 7_500_000;

const OwnDocSchema = v.object({
	_rev: v.string(),
	type: v.picklist(['deck', 'copy']),
	// A date no later than JavaScript's last (year 275760), so a change here can always be stamped after it.
	updatedAt: v.pipe(time, v.maxValue(8.64e15)),
	markdown: v.optional(text(OWN_MARKDOWN_MAX)),
	deleted: v.optional(v.literal(true))
});

/** A document from the server, checked and read into what the app stores. */
export type IncomingDoc =
	| { kind: 'log'; entry: LogEntry }
	| { kind: 'logs'; id: string; rev: string; entries: LogEntry[] }
	| { kind: 'removed'; id: string; cardId?: string }
	| { kind: 'event'; event: CardEvent }
	| { kind: 'quiz'; record: QuizRecord }
	| { kind: 'interview'; record: InterviewRecord }
	| { kind: 'settings'; rev: string; fields: SettingsFields }
	| { kind: 'deck' | 'copy'; id: string; rev: string; version: OwnVersion };

/** A document from the server that fails its checks: nothing of the batch it came in is applied. */
export class InvalidDocError extends Error {
	constructor(
		readonly docId: string,
		reason: string
	) {
		super(
			`The server sent a document Rehearse cannot use ("${docId}": ${reason}). Nothing was changed here.`
		);
		this.name = 'InvalidDocError';
	}
}

function check<T extends v.GenericSchema>(schema: T, doc: unknown, id: string): v.InferOutput<T> {
	const result = v.safeParse(schema, doc);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const where = v.getDotPath(issue);
	throw new InvalidDocError(id, where ? `${where}: ${issue.message}` : issue.message);
}

/**
 * Reads one document from the server (as `_all_docs` or `_changes` give it) into what the app stores,
 * after checking every field: an unknown kind, a missing or wrong field, or a quiz or interview that is
 * not finished throws `InvalidDocError` naming the document.
 */
export function readDoc(raw: unknown): IncomingDoc {
	const head = v.safeParse(v.looseObject({ _id: v.string(), _deleted: v.optional(v.boolean()) }), raw);
	if (!head.success) throw new InvalidDocError('(no id)', 'not a document');
	const id = head.output._id;
	const kind = kindOf(id);
	if (!kind) throw new InvalidDocError(id, 'not a kind of document Rehearse keeps');
	if (head.output._deleted) throw new InvalidDocError(id, 'deleted on the server, which Rehearse never does');
	switch (kind) {
		case 'log': {
			const { _id, type: _type, ...facts } = check(LogDocSchema, raw, id);
			return { kind: 'log', entry: { id: _id, ...facts } };
		}
		case 'logs': {
			const doc = check(BundleDocSchema, raw, id);
			return { kind: 'logs', id, rev: doc._rev, entries: doc.entries };
		}
		case 'removed': {
			const doc = check(v.object({ type: v.literal('removed'), cardId: v.optional(cardId) }), raw, id);
			return {
				kind: 'removed',
				id: id.slice('removed:'.length),
				...(doc.cardId ? { cardId: doc.cardId } : {})
			};
		}
		case 'event': {
			const { _id, type: _type, ...facts } = check(EventDocSchema, raw, id);
			return { kind: 'event', event: eventFacts({ id: _id.slice('event:'.length), ...facts }) };
		}
		case 'quiz': {
			const { record } = check(v.object({ record: QuizRecordSchema }), raw, id);
			if (`quiz:${record.id}` !== id) throw new InvalidDocError(id, 'record.id does not match the id');
			return { kind: 'quiz', record };
		}
		case 'interview': {
			const { record } = check(v.object({ record: InterviewRecordSchema }), raw, id);
			if (`interview:${record.id}` !== id) throw new InvalidDocError(id, 'record.id does not match the id');
			return { kind: 'interview', record };
		}
		case 'settings': {
			const doc = check(v.object({ _rev: v.string(), fields: SettingsFieldsSchema }), raw, id);
			return { kind: 'settings', rev: doc._rev, fields: doc.fields as SettingsFields };
		}
		case 'deck':
		case 'copy': {
			const doc = check(OwnDocSchema, raw, id);
			if (doc.type !== kind)
				throw new InvalidDocError(id, `type: '${doc.type}' where '${kind}' was expected`);
			if ((doc.markdown === undefined) === (doc.deleted === undefined))
				throw new InvalidDocError(id, 'it must hold either markdown or deleted: true');
			const version = { markdown: doc.markdown ?? null, updatedAt: doc.updatedAt };
			return { kind, id: id.slice(5), rev: doc._rev, version };
		}
	}
}

/**
 * Merges two sets of settings field by field, the later change winning (a tie keeps `a`'s). Returns the
 * merged fields and which of them came from `b`.
 */
export function mergeSettingsFields(
	a: SettingsFields,
	b: SettingsFields
): { fields: SettingsFields; fromB: SettingField[] } {
	const fields: SettingsFields = { ...a };
	const fromB: SettingField[] = [];
	for (const k of Object.keys(b) as SettingField[]) {
		const theirs = b[k];
		const ours = a[k];
		if (theirs && (!ours || theirs.changedAt > ours.changedAt)) {
			(fields as Record<string, unknown>)[k] = theirs;
			fromB.push(k);
		}
	}
	return { fields, fromB };
}

/** The local settings as fields with their change times; fields never changed here are left out. */
export function localSettingsFields(settings: Settings, at: SettingsChangedAt): SettingsFields {
	const out: Record<string, unknown> = {};
	for (const [k, changedAt] of Object.entries(at) as [SettingField, number][]) {
		out[k] = { value: settings[k], changedAt };
	}
	return out as SettingsFields;
}
