import { unzipSync, type UnzipFileInfo } from 'fflate';
import { Decompress } from 'fzstd';
import type { Database, SqlValue } from 'sql.js';
import { ANKI_LIMITS, AnkiImportError, formatBytes, tooLargeError, type AnkiLimits } from './errors';
import { decodeProto, protoBytesList, protoNumber, protoString } from './protobuf';
import { loadSqlJs } from './sqlite';
import type {
	AnkiCard,
	AnkiCollection,
	AnkiFormat,
	AnkiNote,
	AnkiNotetype,
	AnkiReview,
	AnkiSkippedMedia,
	AnkiTemplate
} from './types';

export { ANKI_LIMITS, AnkiImportError, type AnkiImportProblem, type AnkiLimits } from './errors';

/** The stages of a read, in order; progress is reported as each one ends. */
export const READ_STEPS = ['unzipped', 'opened', 'notes', 'cards', 'reviews', 'media'] as const;
export type AnkiReadStep = (typeof READ_STEPS)[number];

export interface ReadOptions {
	/** Called as each step of `READ_STEPS` ends: `done` of `total` steps. */
	onProgress?(done: number, total: number, step: AnkiReadStep): void;
	/** Lower limits, for tests; the defaults are `ANKI_LIMITS`. */
	limits?: Partial<AnkiLimits>;
	/** Where the browser finds sql.js's wasm (see sqlite.ts); Node leaves it out. */
	sqlWasmUrl?: string;
}

/** The collection file names, best first: Anki writes an old-format dummy beside the real one. */
const COLLECTION_FILES: readonly [string, AnkiFormat][] = [
	['collection.anki21b', 'anki21b'],
	['collection.anki21', 'anki21'],
	['collection.anki2', 'anki2']
];
/** The newest package version this reader knows (Anki's `meta` file: 1 and 2 legacy, 3 zstd). */
const NEWEST_PACKAGE_VERSION = 3;
const IMAGE = /\.(png|jpe?g|gif|webp)$/i;
const FIELD_SEPARATOR = '\x1f';

/**
 * Reads an Anki package (`.apkg` or `.colpkg`, any of the three collection formats) into plain data:
 * note types, notes, cards with their decks, the review log, and the images the notes show. Runs
 * anywhere without a DOM (it is meant for a worker); field HTML is returned raw. Either it returns the
 * whole collection or it throws an `AnkiImportError` that says what is wrong with the file.
 *
 * @example
 * const collection = await readAnkiPackage(new Uint8Array(await file.arrayBuffer()), {
 * 	onProgress: (done, total) => console.log(`${done}/${total}`)
 * });
 */
export async function readAnkiPackage(bytes: Uint8Array, options: ReadOptions = {}): Promise<AnkiCollection> {
	const limits: AnkiLimits = { ...ANKI_LIMITS, ...options.limits };
	const progress = (step: AnkiReadStep) =>
		options.onProgress?.(READ_STEPS.indexOf(step) + 1, READ_STEPS.length, step);

	if (bytes.length > limits.maxBytes) throw tooLargeError(bytes.length, limits.maxBytes);
	const entries = listZip(bytes);
	const { format, data } = extractCollection(bytes, entries, limits);
	progress('unzipped');

	const SQL = await loadSqlJs(options.sqlWasmUrl);
	const db = new SQL.Database(data);
	try {
		const read = readDatabase(db, limits, progress);
		const media = readMedia(bytes, entries, format, limits);
		progress('media');
		return { format, ...read, ...media };
	} catch (e) {
		throw e instanceof AnkiImportError ? e : corrupt(e);
	} finally {
		db.close();
	}
}

function describe(cause: unknown): string {
	return cause instanceof Error ? cause.message : String(cause);
}

function corrupt(cause: unknown): AnkiImportError {
	return new AnkiImportError(
		'corrupt',
		`The collection in this file is damaged or is not an Anki collection, so it cannot be read (${describe(cause)}). ` +
			'Export it again from Anki.'
	);
}

/** The zip's file names with their sizes, read from its directory without unpacking anything. */
function listZip(bytes: Uint8Array): Map<string, UnzipFileInfo> {
	const notZip = new AnkiImportError(
		'not-zip',
		'This is not an Anki package: .apkg and .colpkg files are zip archives, and this file is not one. ' +
			'In Anki, use File → Export… and pick the .apkg it saves.'
	);
	// Every zip starts with a file header ("PK\3\4"), or is an empty one ("PK\5\6").
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || ![3, 5].includes(bytes[2]!)) throw notZip;
	const entries = new Map<string, UnzipFileInfo>();
	try {
		unzipSync(bytes, {
			filter: (file) => {
				entries.set(file.name, file);
				return false;
			}
		});
	} catch {
		throw notZip;
	}
	return entries;
}

/** Unpacks the named files (and only those). */
function unzipFiles(bytes: Uint8Array, names: ReadonlySet<string>): Record<string, Uint8Array> {
	try {
		return unzipSync(bytes, { filter: (file) => names.has(file.name) });
	} catch (e) {
		throw new AnkiImportError(
			'corrupt',
			`This package is damaged: a file in it cannot be unpacked (${describe(e)}).`
		);
	}
}

function extractCollection(
	bytes: Uint8Array,
	entries: Map<string, UnzipFileInfo>,
	limits: AnkiLimits
): { format: AnkiFormat; data: Uint8Array } {
	const found = COLLECTION_FILES.find(([name]) => entries.has(name));
	if (!found)
		throw new AnkiImportError(
			'no-collection',
			'This zip file has no Anki collection in it (no collection.anki21b, collection.anki21 or ' +
				'collection.anki2 file). In Anki, use File → Export… and pick the .apkg it saves.'
		);
	const [name, format] = found;
	const info = entries.get(name)!;
	const tooBig = () =>
		new AnkiImportError(
			'too-large',
			`The collection in this file is more than ${formatBytes(limits.maxCollectionBytes)} once unpacked, ` +
				'more than Rehearse can read. In Anki, export fewer decks and try again.'
		);
	if (info.originalSize > limits.maxCollectionBytes) throw tooBig();

	const files = unzipFiles(bytes, new Set(['meta', name]));
	checkPackageVersion(files.meta);
	const packed = files[name]!;
	const data = format === 'anki21b' ? unzstd(packed, limits.maxCollectionBytes) : packed;
	if (!data) throw tooBig();
	return { format, data: makeSqliteReadable(data) };
}

/** Refuses a package whose `meta` says it was written by an Anki newer than this reader. */
function checkPackageVersion(meta: Uint8Array | undefined): void {
	if (!meta) return; // packages from before Anki 2.1.50 have none
	let version: number;
	try {
		version = protoNumber(decodeProto(meta), 1);
	} catch (e) {
		throw corrupt(e);
	}
	if (version < 1 || version > NEWEST_PACKAGE_VERSION)
		throw new AnkiImportError(
			'too-new',
			"This package was made by a newer version of Anki than Rehearse can read. In Anki's export " +
				'dialog, tick "Support older Anki versions" and export again.'
		);
}

/**
 * Decompresses zstd data, or returns null once the output passes `limit` bytes (a small file can
 * expand to gigabytes). Streaming, because Anki writes its frames without the decompressed size.
 */
function unzstd(data: Uint8Array, limit: number): Uint8Array | null {
	const chunks: Uint8Array[] = [];
	let size = 0;
	const stop = new Error('over the limit');
	const stream = new Decompress((chunk) => {
		size += chunk.length;
		if (size > limit) throw stop;
		chunks.push(chunk);
	});
	try {
		stream.push(data, true);
	} catch (e) {
		if (e === stop) return null;
		throw new AnkiImportError(
			'corrupt',
			`This package is damaged: a compressed file in it cannot be decompressed (${describe(e)}).`
		);
	}
	if (chunks.length === 1) return chunks[0]!;
	const out = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

/**
 * A collection copied while Anki had it open is in write-ahead-log mode, which SQLite cannot open from
 * memory; its header bytes 18–19 say so, and the rollback journal's value (1) reads the same pages.
 */
function makeSqliteReadable(data: Uint8Array): Uint8Array {
	if (data.length > 19 && data[18] === 2 && data[19] === 2) {
		data[18] = 1;
		data[19] = 1;
	}
	return data;
}

interface DatabaseRead {
	notetypes: AnkiNotetype[];
	notes: AnkiNote[];
	cards: AnkiCard[];
	reviews: AnkiReview[];
}

function readDatabase(
	db: Database,
	limits: AnkiLimits,
	progress: (step: AnkiReadStep) => void
): DatabaseRead {
	const tables = new Set(
		rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => String(row[0]))
	);
	for (const table of ['col', 'notes', 'cards', 'revlog'])
		if (!tables.has(table)) throw corrupt(new Error(`it has no ${table} table`));
	// Anki 2.1.28+ keeps note types and decks in tables of their own; older collections (and every
	// legacy export, which Anki downgrades first) keep them as JSON in the single `col` row.
	const split = tables.has('notetypes');
	if (split) dropAnkiCollation(db);

	const noteCount = Number(rows(db, 'SELECT count(*) FROM notes')[0]?.[0] ?? 0);
	if (noteCount > limits.maxNotes)
		throw new AnkiImportError(
			'too-many-notes',
			`This collection has ${noteCount.toLocaleString('en')} notes; Rehearse imports at most ` +
				`${limits.maxNotes.toLocaleString('en')} at a time. In Anki, export a smaller set of decks and try again.`
		);
	progress('opened');

	const notetypes = split ? readSplitNotetypes(db) : readLegacyNotetypes(db);
	const notes = readNotes(db, new Map(notetypes.map((nt) => [nt.id, nt])));
	progress('notes');

	const cards = readCards(
		db,
		split ? readSplitDecks(db) : readLegacyDecks(db),
		new Set(notes.map((n) => n.id))
	);
	progress('cards');

	const reviews = readReviews(db, new Set(cards.map((c) => c.id)));
	progress('reviews');
	return { notetypes, notes, cards, reviews };
}

/**
 * Anki declares its newer tables' name columns `COLLATE unicase`, a collation it registers itself and
 * sql.js cannot: SQLite then refuses every query on the WITHOUT ROWID ones (`fields`, `templates`: "no
 * query solution"). This copy of the collection is only scanned, never searched by name, so the schema
 * is rewritten without that collation and reloaded.
 */
function dropAnkiCollation(db: Database): void {
	const unicase = /\s+COLLATE\s+unicase\b/gi;
	const declared = rows(db, "SELECT rowid, sql FROM sqlite_master WHERE sql LIKE '%unicase%'");
	if (!declared.length) return;
	db.run('PRAGMA writable_schema = ON');
	for (const [rowid, sql] of declared)
		db.run('UPDATE sqlite_master SET sql = ? WHERE rowid = ?', [
			String(sql).replace(unicase, ''),
			Number(rowid)
		]);
	db.run('PRAGMA writable_schema = RESET');
	db.run('PRAGMA writable_schema = OFF');
}

/** Every row of a query, each as an array of column values: a prepared statement, stepped. */
function rows(db: Database, sql: string): SqlValue[][] {
	const statement = db.prepare(sql);
	try {
		const out: SqlValue[][] = [];
		while (statement.step()) out.push(statement.get());
		return out;
	} finally {
		statement.free();
	}
}

/** The `col` row's JSON column (`models` or `decks`) of a legacy collection, as an object of objects. */
function legacyJson(db: Database, column: 'models' | 'decks'): Record<string, Record<string, unknown>> {
	const text = rows(db, `SELECT ${column} FROM col`)[0]?.[0];
	if (typeof text !== 'string') throw corrupt(new Error(`its ${column} are missing`));
	const parsed: unknown = JSON.parse(text);
	if (typeof parsed !== 'object' || parsed === null)
		throw corrupt(new Error(`its ${column} are not an object`));
	return parsed as Record<string, Record<string, unknown>>;
}

/** The objects of a legacy list (`flds`, `tmpls`), in the order of their `ord`. */
function byOrd(list: unknown): Record<string, unknown>[] {
	if (!Array.isArray(list)) return [];
	return (list as Record<string, unknown>[])
		.map((item, index) => ({ item, ord: typeof item.ord === 'number' ? item.ord : index }))
		.sort((a, b) => a.ord - b.ord)
		.map(({ item }) => item);
}

function readLegacyNotetypes(db: Database): AnkiNotetype[] {
	const notetypes = Object.entries(legacyJson(db, 'models')).map(([key, model]): AnkiNotetype => ({
		id: Number(model.id ?? key),
		name: String(model.name ?? ''),
		kind: model.type === 1 ? 'cloze' : 'standard',
		fieldNames: byOrd(model.flds).map((field) => String(field.name ?? '')),
		templates: byOrd(model.tmpls).map((template) => ({
			name: String(template.name ?? ''),
			qfmt: String(template.qfmt ?? ''),
			afmt: String(template.afmt ?? '')
		}))
	}));
	// By id, as the newer layout's table gives them, so both formats come back alike.
	return notetypes.sort((a, b) => a.id - b.id);
}

function readSplitNotetypes(db: Database): AnkiNotetype[] {
	const fieldNames = new Map<number, string[]>();
	for (const [ntid, name] of rows(db, 'SELECT ntid, name FROM fields ORDER BY ntid, ord'))
		listFor(fieldNames, Number(ntid)).push(String(name));
	const templates = new Map<number, AnkiTemplate[]>();
	for (const [ntid, name, config] of rows(
		db,
		'SELECT ntid, name, config FROM templates ORDER BY ntid, ord'
	)) {
		// Anki's CardTemplate.Config: 1 question format, 2 answer format.
		const message = decodeProto(blob(config));
		listFor(templates, Number(ntid)).push({
			name: String(name),
			qfmt: protoString(message, 1),
			afmt: protoString(message, 2)
		});
	}
	return rows(db, 'SELECT id, name, config FROM notetypes ORDER BY id').map(([id, name, config]) => ({
		id: Number(id),
		name: String(name),
		// Anki's Notetype.Config: field 1 is the kind, 0 normal (the default, so often absent), 1 cloze.
		kind: protoNumber(decodeProto(blob(config)), 1) === 1 ? 'cloze' : 'standard',
		fieldNames: fieldNames.get(Number(id)) ?? [],
		templates: templates.get(Number(id)) ?? []
	}));
}

function listFor<T>(map: Map<number, T[]>, key: number): T[] {
	let list = map.get(key);
	if (!list) map.set(key, (list = []));
	return list;
}

function blob(value: SqlValue | undefined): Uint8Array {
	if (value instanceof Uint8Array) return value;
	if (value === null || value === undefined) return new Uint8Array(0);
	throw new Error('a config column is not a blob');
}

function readLegacyDecks(db: Database): Map<number, string> {
	return new Map(
		Object.entries(legacyJson(db, 'decks')).map(([key, deck]) => [
			Number(deck.id ?? key),
			String(deck.name ?? '')
		])
	);
}

function readSplitDecks(db: Database): Map<number, string> {
	// The decks table separates levels with \x1f where people (and the legacy JSON) write `::`.
	return new Map(
		rows(db, 'SELECT id, name FROM decks').map(([id, name]) => [
			Number(id),
			String(name).replaceAll(FIELD_SEPARATOR, '::')
		])
	);
}

function readNotes(db: Database, notetypes: Map<number, AnkiNotetype>): AnkiNote[] {
	return rows(db, 'SELECT id, guid, mid, tags, flds FROM notes ORDER BY id').map(
		([id, guid, mid, tags, flds]) => {
			const notetype = notetypes.get(Number(mid));
			if (!notetype)
				throw corrupt(new Error(`note ${id} uses note type ${mid}, which the file does not have`));
			return {
				id: Number(id),
				guid: String(guid),
				notetypeId: notetype.id,
				fields: fitFields(String(flds).split(FIELD_SEPARATOR), notetype.fieldNames.length),
				tags: String(tags)
					.split(' ')
					.filter((tag) => tag !== '')
			};
		}
	);
}

/**
 * One field per field name, as the contract promises, even in a damaged collection where they
 * disagree: missing fields are empty and extra ones join the last, as Anki's own database check does.
 */
function fitFields(fields: string[], count: number): string[] {
	if (fields.length === count || count === 0) return fields;
	if (fields.length < count) return [...fields, ...Array<string>(count - fields.length).fill('')];
	return [...fields.slice(0, count - 1), fields.slice(count - 1).join('; ')];
}

function readCards(db: Database, decks: Map<number, string>, noteIds: Set<number>): AnkiCard[] {
	const cards: AnkiCard[] = [];
	for (const [id, nid, did, odid, ord, queue] of rows(
		db,
		'SELECT id, nid, did, odid, ord, queue FROM cards ORDER BY id'
	)) {
		// A card whose note is gone cannot be shown; Anki's database check deletes such cards too.
		if (!noteIds.has(Number(nid))) continue;
		// In a filtered deck a card is only visiting: `odid` is the deck it belongs to.
		const deckId = Number(odid) || Number(did);
		cards.push({
			id: Number(id),
			noteId: Number(nid),
			ord: Number(ord),
			// Deck 1, "Default", is where Anki puts a card whose deck went missing.
			deck: decks.get(deckId) ?? decks.get(1) ?? 'Default',
			suspended: Number(queue) === -1
		});
	}
	return cards;
}

function readReviews(db: Database, cardIds: Set<number>): AnkiReview[] {
	const reviews: AnkiReview[] = [];
	for (const [id, cid, ease, type, time] of rows(
		db,
		'SELECT id, cid, ease, type, time FROM revlog ORDER BY id'
	)) {
		// A full collection keeps the history of deleted cards; nothing could use it. An ease outside
		// 0–4 is no answer Anki knows.
		const e = Number(ease);
		if (!cardIds.has(Number(cid)) || !(e >= 0 && e <= 4)) continue;
		reviews.push({
			id: Number(id),
			cardId: Number(cid),
			ease: e as AnkiReview['ease'],
			type: Number(type),
			timeMs: Number(time)
		});
	}
	return reviews;
}

/**
 * The package's images by the names notes use. A legacy package lists its media as JSON
 * (`{"0": "cat.jpg"}`, the key being the file's name in the zip); a newer one as a zstd-compressed
 * protobuf list whose index is the file's name, each file zstd-compressed too.
 */
function readMedia(
	bytes: Uint8Array,
	entries: Map<string, UnzipFileInfo>,
	format: AnkiFormat,
	limits: AnkiLimits
): { media: Record<string, Uint8Array>; skippedMedia: AnkiSkippedMedia[] } {
	const media: Record<string, Uint8Array> = {};
	const skippedMedia: AnkiSkippedMedia[] = [];
	// Older AnkiDroid versions wrote packages without a media list.
	if (!entries.has('media')) return { media, skippedMedia };
	const compressed = format === 'anki21b';

	const list = unzipFiles(bytes, new Set(['media'])).media!;
	const wanted = new Map<string, string>(); // zip name → media name
	const skip = (name: string, reason: AnkiSkippedMedia['reason']) => skippedMedia.push({ name, reason });
	for (const { zipName, name, size } of compressed ? mediaList(list) : legacyMediaMap(list)) {
		if (!IMAGE.test(name)) continue;
		const info = entries.get(zipName);
		if (!info) skip(name, 'missing');
		else if ((compressed ? size : info.originalSize) > limits.maxImageBytes) skip(name, 'too-large');
		else wanted.set(zipName, name);
	}

	const files = unzipFiles(bytes, new Set(wanted.keys()));
	for (const [zipName, name] of wanted) {
		const file = files[zipName]!;
		const data = compressed ? unzstd(file, limits.maxImageBytes) : file;
		if (!data || data.length > limits.maxImageBytes) skip(name, 'too-large');
		// Each image gets a buffer of its own, so the worker can hand it to the page without copying more.
		else media[name] = data.byteLength === data.buffer.byteLength ? data : data.slice();
	}
	return { media, skippedMedia };
}

interface MediaEntry {
	zipName: string;
	name: string;
	/** The file's size before compression, as the list says (0 if it does not). */
	size: number;
}

function legacyMediaMap(list: Uint8Array): MediaEntry[] {
	let map: unknown;
	try {
		map = JSON.parse(new TextDecoder().decode(list));
	} catch (e) {
		throw corrupt(e);
	}
	if (typeof map !== 'object' || map === null) throw corrupt(new Error('its media list is not an object'));
	return Object.entries(map).map(([zipName, name]) => ({ zipName, name: String(name), size: 0 }));
}

function mediaList(list: Uint8Array): MediaEntry[] {
	// A list of a few names per kilobyte; 64 MB of it would be a damaged or hostile file.
	const data = unzstd(list, 64 * 1024 * 1024);
	if (!data) throw corrupt(new Error('its media list is too large'));
	// MediaEntries: 1 repeated entry; each entry 1 name, 2 size, 3 sha1. Its index is its zip name.
	return protoBytesList(decodeProto(data), 1).map((entry, index) => {
		const message = decodeProto(entry);
		return { zipName: String(index), name: protoString(message, 1), size: protoNumber(message, 2) };
	});
}
