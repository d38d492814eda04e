/**
 * Real Anki packages for tests and the bench (never for app code): `makeAnkiPackage` writes the SQLite
 * collection with sql.js in the layout Anki uses for each format, zips it with fflate, and compresses
 * the newest format with zstd, as Anki does. With it comes the collection the reader should return.
 * Node only (it hashes media with node:crypto).
 */
import { init as initZstd, compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { zipSync, type Zippable } from 'fflate';
import { createHash } from 'node:crypto';
import type { Database, SqlJsStatic } from 'sql.js';
import { seededRandom } from '../../random';
import { loadSqlJs } from './sqlite';
import type { AnkiCard, AnkiCollection, AnkiFormat, AnkiNote, AnkiNotetype, AnkiReview } from './types';

/** The note types every fixture collection has, by name. */
export type FixtureNotetypeName = 'Basic' | 'Basic (and reversed card)' | 'Cloze' | 'Interview question';

export interface FixtureNote {
	notetype: FixtureNotetypeName;
	/** Raw HTML, one per field of the note type. */
	fields: string[];
	tags?: string[];
	/** Full deck name with `::` between levels; its parents are made too. Default: `Default`. */
	deck?: string;
	/** The ords of this note's cards that are suspended. */
	suspended?: number[];
	/** The ords of this note's cards that sit in a filtered deck (they still belong to `deck`). */
	filtered?: number[];
}

export interface FixtureReview {
	/** Index of the note in `notes`. */
	note: number;
	/** Which of its cards. */
	ord: number;
	ease: AnkiReview['ease'];
	type: number;
	timeMs: number;
}

export interface AnkiPackageOptions {
	format: AnkiFormat;
	/** Default: `SAMPLE_NOTES`. */
	notes?: FixtureNote[];
	/** Default: `SAMPLE_REVIEWS` with the sample notes, none otherwise. */
	reviews?: FixtureReview[];
	/** Files by name, any kind (only images come back from the reader). */
	media?: Record<string, Uint8Array>;
	/** Random notes and reviews added after the given ones, the same for the same seed (the bench). */
	generate?: { notes: number; reviews: number; seed: number };
	/** Leave out the old-format dummy collection Anki 2.1.50+ adds beside the real one. */
	noDummy?: boolean;
}

export interface AnkiPackageFixture {
	bytes: Uint8Array;
	/** What `readAnkiPackage(bytes)` should return. */
	expected: AnkiCollection;
}

interface NotetypeDefinition {
	id: number;
	name: FixtureNotetypeName;
	kind: 'standard' | 'cloze';
	fieldNames: string[];
	templates: { name: string; qfmt: string; afmt: string }[];
}

const ANSWER = '<hr id=answer>';

export const NOTETYPES: readonly NotetypeDefinition[] = [
	{
		id: 1_700_000_000_001,
		name: 'Basic',
		kind: 'standard',
		fieldNames: ['Front', 'Back'],
		templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}\n\n${ANSWER}\n\n{{Back}}` }]
	},
	{
		id: 1_700_000_000_002,
		name: 'Basic (and reversed card)',
		kind: 'standard',
		fieldNames: ['Front', 'Back'],
		templates: [
			{ name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}\n\n${ANSWER}\n\n{{Back}}` },
			{ name: 'Card 2', qfmt: '{{Back}}', afmt: `{{FrontSide}}\n\n${ANSWER}\n\n{{Front}}` }
		]
	},
	{
		id: 1_700_000_000_003,
		name: 'Cloze',
		kind: 'cloze',
		fieldNames: ['Text', 'Back Extra'],
		templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }]
	},
	{
		id: 1_700_000_000_004,
		name: 'Interview question',
		kind: 'standard',
		fieldNames: ['Question', 'Answer', 'Example', 'Source'],
		templates: [
			{ name: 'Recall', qfmt: '<div class=q>{{Question}}</div>', afmt: `{{FrontSide}}${ANSWER}{{Answer}}` },
			{
				name: 'Example',
				qfmt: '{{#Example}}What does this show?<pre>{{Example}}</pre>{{/Example}}',
				afmt: `{{FrontSide}}${ANSWER}{{Question}}<br>{{Source}}`
			}
		]
	}
];

/** A small collection that touches every case: each note type, nested decks, HTML, suspended and filtered cards. */
export const SAMPLE_NOTES: readonly FixtureNote[] = [
	{ notetype: 'Basic', fields: ['What is an index?', 'A sorted structure that speeds up lookups.'] },
	{
		notetype: 'Basic',
		fields: ['B-tree or hash index for <b>range</b> queries?', 'B-tree <img src="btree.png">'],
		tags: ['databases', 'indexes::btree'],
		deck: 'Databases::Indexes',
		suspended: [0]
	},
	{
		notetype: 'Basic (and reversed card)',
		fields: ['idempotent', 'Same effect however many times it is applied'],
		tags: ['api'],
		deck: 'APIs',
		suspended: [1],
		filtered: [0]
	},
	{
		notetype: 'Cloze',
		fields: ['{{c1::TCP}} guarantees order; {{c2::UDP}} does not. {{c1::TCP}} again', 'Extra: “ordering” ✓'],
		tags: ['networking'],
		deck: 'Networking::Transport::Basics'
	},
	{
		notetype: 'Interview question',
		fields: [
			'Explain the CAP theorem',
			'Under a partition, choose consistency or availability.',
			'<pre>partition → CP | AP</pre>',
			'Brewer, 2000'
		],
		tags: ['system-design', 'distributed'],
		deck: 'Databases::Indexes'
	},
	{ notetype: 'Interview question', fields: ['What is a mutex?', 'A lock.', '', ''], deck: 'Concurrency' }
];

export const SAMPLE_REVIEWS: readonly FixtureReview[] = [
	{ note: 0, ord: 0, ease: 1, type: 0, timeMs: 8_000 },
	{ note: 0, ord: 0, ease: 3, type: 0, timeMs: 4_500 },
	{ note: 1, ord: 0, ease: 4, type: 1, timeMs: 2_000 },
	{ note: 2, ord: 1, ease: 2, type: 2, timeMs: 60_000 },
	{ note: 3, ord: 1, ease: 0, type: 4, timeMs: 0 },
	{ note: 3, ord: 0, ease: 3, type: 3, timeMs: 12_345 },
	{ note: 4, ord: 1, ease: 3, type: 5, timeMs: 0 }
];

/** Ids in the range Anki uses (ms timestamps), apart per table so a mix-up cannot pass. */
const NOTE_ID = 1_710_000_000_000;
const CARD_ID = 1_720_000_000_000;
const REVIEW_ID = 1_730_000_000_000;
const DECK_ID = 1_740_000_000_000;
const FILTERED_DECK = 'Filtered Deck 1';
const CREATED_SECS = 1_700_000_000;

let zstdLoading: Promise<void> | null = null;

/** The compressor's wasm, started once: a second `init` swaps the module under the first one's views. */
function zstdReady(): Promise<void> {
	zstdLoading ??= initZstd();
	return zstdLoading;
}

/** `data` as Anki compresses it (one zstd frame), for tests that build packages by hand. */
export async function zstd(data: Uint8Array): Promise<Uint8Array> {
	await zstdReady();
	return zstdCompress(data, 3);
}

interface Planned {
	decks: Map<string, { id: number; filtered: boolean }>;
	notes: (AnkiNote & { sortField: string })[];
	cards: (AnkiCard & { did: number; odid: number; queue: number })[];
	reviews: AnkiReview[];
}

/**
 * Builds a real package of `format` holding `notes`, `reviews` and `media` (or the sample collection),
 * and the collection the reader should make of it.
 *
 * @example const { bytes, expected } = await makeAnkiPackage({ format: 'anki21b' });
 */
export async function makeAnkiPackage(options: AnkiPackageOptions): Promise<AnkiPackageFixture> {
	let notes = [...(options.notes ?? SAMPLE_NOTES)];
	let reviews = [...(options.reviews ?? (options.notes ? [] : SAMPLE_REVIEWS))];
	if (options.generate) {
		const generated = generateHistory(options.generate, notes.length);
		notes = notes.concat(generated.notes);
		reviews = reviews.concat(generated.reviews);
	}
	const plan = planCollection(notes, reviews);
	const SQL = await loadSqlJs();
	const zstd = options.format === 'anki21b';
	if (zstd) await zstdReady();

	const files: Zippable = {};
	const stored = (data: Uint8Array): [Uint8Array, { level: 0 }] => [data, { level: 0 }];
	const collectionName = `collection.${options.format}`;
	const collection = writeCollection(SQL, plan, zstd ? 'split' : 'legacy');
	files[collectionName] = zstd ? stored(zstdCompress(collection, 3)) : collection;
	// Anki 2.1.50+ marks the package version, and puts beside the real collection an old-format one
	// whose only note asks people to update Anki.
	if (options.format !== 'anki2') {
		files.meta = stored(encodeMessage([[1, options.format === 'anki21b' ? 3 : 2]]));
		if (!options.noDummy) files['collection.anki2'] = stored(writeDummyCollection(SQL));
	}
	writeMedia(files, options.media ?? {}, zstd);

	const expected: AnkiCollection = {
		format: options.format,
		notetypes: expectedNotetypes(),
		notes: plan.notes.map(({ id, guid, notetypeId, fields, tags }) => ({
			id,
			guid,
			notetypeId,
			fields,
			tags
		})),
		cards: plan.cards.map(({ id, noteId, ord, deck, suspended }) => ({ id, noteId, ord, deck, suspended })),
		reviews: plan.reviews,
		media: Object.fromEntries(
			Object.entries(options.media ?? {}).filter(([name]) => /\.(png|jpe?g|gif|webp)$/i.test(name))
		),
		skippedMedia: []
	};
	return { bytes: zipSync(files, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') }), expected };
}

/** Which cards a note makes: one per template, or one per cloze number (`{{c2::…}}` → ord 1). */
function cardOrds(notetype: NotetypeDefinition, fields: string[]): number[] {
	if (notetype.kind === 'standard') return notetype.templates.map((_, ord) => ord);
	const numbers = new Set([...fields.join(' ').matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]) - 1));
	return numbers.size ? [...numbers].sort((a, b) => a - b) : [0];
}

function planCollection(notes: FixtureNote[], reviews: FixtureReview[]): Planned {
	const decks: Planned['decks'] = new Map([['Default', { id: 1, filtered: false }]]);
	const deckId = (name: string): number => {
		const parts = name.split('::');
		for (let i = 1; i <= parts.length; i++) {
			const path = parts.slice(0, i).join('::');
			if (!decks.has(path)) decks.set(path, { id: DECK_ID + decks.size, filtered: false });
		}
		return decks.get(name)!.id;
	};
	const guid = guidMaker();
	const plan: Planned = { decks, notes: [], cards: [], reviews: [] };
	const cardIndex = new Map<string, number>(); // `${note}/${ord}` → card id

	notes.forEach((note, n) => {
		const notetype = NOTETYPES.find((nt) => nt.name === note.notetype)!;
		if (note.fields.length !== notetype.fieldNames.length)
			throw new Error(`fixture note ${n}: ${notetype.name} has ${notetype.fieldNames.length} fields`);
		const id = NOTE_ID + n;
		plan.notes.push({
			id,
			guid: guid(),
			notetypeId: notetype.id,
			fields: [...note.fields],
			tags: [...(note.tags ?? [])],
			sortField: note.fields[0]!
		});
		const deck = note.deck ?? 'Default';
		const home = deckId(deck);
		for (const ord of cardOrds(notetype, note.fields)) {
			const suspended = note.suspended?.includes(ord) ?? false;
			const filtered = note.filtered?.includes(ord) ?? false;
			if (filtered && !decks.has(FILTERED_DECK))
				decks.set(FILTERED_DECK, { id: DECK_ID + decks.size, filtered: true });
			const cardId = CARD_ID + plan.cards.length;
			cardIndex.set(`${n}/${ord}`, cardId);
			plan.cards.push({
				id: cardId,
				noteId: id,
				ord,
				deck,
				suspended,
				did: filtered ? decks.get(FILTERED_DECK)!.id : home,
				odid: filtered ? home : 0,
				queue: suspended ? -1 : 2
			});
		}
	});
	reviews.forEach((review, r) => {
		const cardId = cardIndex.get(`${review.note}/${review.ord}`);
		if (cardId === undefined)
			throw new Error(`fixture review ${r}: note ${review.note} has no card ${review.ord}`);
		plan.reviews.push({
			id: REVIEW_ID + r * 1000 + (r % 997),
			cardId,
			ease: review.ease,
			type: review.type,
			timeMs: review.timeMs
		});
	});
	return plan;
}

/** Anki's guids are short random strings; these are the same for the same order of notes. */
function guidMaker(): () => string {
	const random = seededRandom(91);
	const alphabet =
		'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';
	return () => Array.from({ length: 10 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

const GENERATED_DECKS = [
	'Databases',
	'Databases::Indexes',
	'Databases::Transactions',
	'Networking::TCP',
	'Networking::HTTP::Caching',
	'Security',
	'System design::Queues',
	'Languages::Go',
	'Languages::Rust::Ownership',
	'Algorithms::Graphs'
];
const GENERATED_TAGS = ['core', 'interview', 'hard', 'leech', 'review::later', 'from-book'];

/**
 * A large random collection for the bench: notes of every type spread over nested decks, some cards
 * suspended, and `reviews` answers spread over the cards.
 */
function generateHistory(
	{ notes: count, reviews: reviewCount, seed }: { notes: number; reviews: number; seed: number },
	firstNote: number
): { notes: FixtureNote[]; reviews: FixtureReview[] } {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const notes: FixtureNote[] = [];
	const cards: { note: number; ord: number }[] = [];
	for (let i = 0; i < count; i++) {
		const roll = random();
		const deck = pick(GENERATED_DECKS);
		const tags = GENERATED_TAGS.filter(() => random() < 0.2);
		const text = `Item ${i}: <b>why</b> does ${pick(['a B-tree', 'TCP', 'a mutex', 'TLS', 'Raft'])} behave so?`;
		let note: FixtureNote;
		if (roll < 0.6) note = { notetype: 'Basic', fields: [text, `Because of reason ${i}.`], deck, tags };
		else if (roll < 0.75)
			note = { notetype: 'Basic (and reversed card)', fields: [text, `term-${i}`], deck, tags };
		else if (roll < 0.9) {
			const clozes = 1 + Math.floor(random() * 3);
			const body = Array.from({ length: clozes }, (_, c) => `{{c${c + 1}::part ${c} of ${i}}}`).join(', ');
			note = { notetype: 'Cloze', fields: [`Remember ${body}.`, ''], deck, tags };
		} else
			note = {
				notetype: 'Interview question',
				fields: [text, 'An answer.', '<pre>x = 1</pre>', 'Notes'],
				deck,
				tags
			};
		const ords = cardOrds(
			NOTETYPES.find((nt) => nt.name === note.notetype)!,
			note.fields
		);
		note.suspended = ords.filter(() => random() < 0.03);
		notes.push(note);
		for (const ord of ords) cards.push({ note: firstNote + i, ord });
	}
	const reviews: FixtureReview[] = [];
	for (let r = 0; r < reviewCount && cards.length; r++) {
		const card = pick(cards);
		const ease = random() < 0.02 ? 0 : ((1 + Math.floor(random() * 4)) as FixtureReview['ease']);
		reviews.push({
			...card,
			ease,
			type: ease === 0 ? 4 : Math.floor(random() * 4),
			timeMs: Math.floor(random() * 60_000)
		});
	}
	return { notes, reviews };
}

/** The tables every Anki collection has (schema 11), written out here from their documented layout. */
const SCHEMA_11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,
  left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/**
 * The tables Anki 2.1.28+ adds (schema 18). Anki declares the name columns `COLLATE unicase`, a
 * collation of its own that SQLite (and so sql.js) does not have and will not create a table with:
 * they are created with NOCASE and renamed in the schema afterwards, so the reader meets what Anki writes.
 */
const SCHEMA_18 = `
CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer NOT NULL,
  val blob NOT NULL) without rowid;
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE NOCASE,
  config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE NOCASE,
  mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE TABLE tags (tag text NOT NULL PRIMARY KEY COLLATE NOCASE, usn integer NOT NULL,
  collapsed boolean NOT NULL, config blob NULL) without rowid;
`;

function writeCollection(SQL: SqlJsStatic, plan: Planned, layout: 'legacy' | 'split'): Uint8Array {
	const db = new SQL.Database();
	try {
		db.run(SCHEMA_11);
		if (layout === 'split') db.run(SCHEMA_18);
		db.run('BEGIN');
		const legacy = layout === 'legacy';
		db.run('INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
			CREATED_SECS,
			CREATED_SECS * 1000,
			CREATED_SECS * 1000,
			legacy ? 11 : 18,
			legacy ? '{"nextPos": 1}' : '',
			legacy ? legacyModels() : '',
			legacy ? legacyDecks(plan.decks) : '',
			legacy ? '{"1": {"id": 1, "name": "Default"}}' : '',
			legacy ? '{}' : ''
		]);
		if (!legacy) writeSplitTables(db, plan.decks);
		insertMany(
			db,
			'INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)',
			plan.notes.map((note) => [
				note.id,
				note.guid,
				note.notetypeId,
				CREATED_SECS,
				// Anki pads the tag list with spaces so that a search can match ` tag `.
				note.tags.length ? ` ${note.tags.join(' ')} ` : '',
				note.fields.join('\x1f'),
				note.sortField,
				note.sortField.length,
				''
			])
		);
		insertMany(
			db,
			'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 2, ?, 30, 10, 2500, 3, 0, 0, ?, ?, 0, ?)',
			plan.cards.map((card) => [
				card.id,
				card.noteId,
				card.did,
				card.ord,
				CREATED_SECS,
				card.queue,
				card.odid ? 30 : 0,
				card.odid,
				'{}'
			])
		);
		insertMany(
			db,
			'INSERT INTO revlog VALUES (?, ?, -1, ?, 5, 1, 2500, ?, ?)',
			plan.reviews.map((review) => [review.id, review.cardId, review.ease, review.timeMs, review.type])
		);
		db.run('COMMIT');
		if (!legacy) {
			db.run('PRAGMA writable_schema = ON');
			db.run("UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE unicase')");
			db.run('PRAGMA writable_schema = OFF');
		}
		return db.export();
	} finally {
		db.close();
	}
}

function insertMany(db: Database, sql: string, rows: (string | number)[][]): void {
	const statement = db.prepare(sql);
	try {
		for (const row of rows) statement.run(row);
	} finally {
		statement.free();
	}
}

function legacyModels(): string {
	const models = Object.fromEntries(
		NOTETYPES.map((nt) => [
			String(nt.id),
			{
				id: nt.id,
				name: nt.name,
				type: nt.kind === 'cloze' ? 1 : 0,
				mod: CREATED_SECS,
				usn: -1,
				sortf: 0,
				did: 1,
				// Listed out of order: the reader must go by `ord`, as Anki does.
				flds: nt.fieldNames
					.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] }))
					.reverse(),
				tmpls: nt.templates.map((t, ord) => ({
					...t,
					ord,
					bqfmt: '',
					bafmt: '',
					did: null,
					bfont: '',
					bsize: 0
				})),
				css: '.card { font-family: arial; }',
				latexPre: '\\documentclass[12pt]{article}',
				latexPost: '\\end{document}',
				latexsvg: false,
				req: [[0, 'any', [0]]],
				tags: [],
				vers: []
			}
		])
	);
	return JSON.stringify(models);
}

function legacyDecks(decks: Planned['decks']): string {
	return JSON.stringify(
		Object.fromEntries(
			[...decks].map(([name, { id, filtered }]) => [
				String(id),
				{ id, name, mod: CREATED_SECS, usn: -1, dyn: filtered ? 1 : 0, collapsed: false, desc: '', conf: 1 }
			])
		)
	);
}

function writeSplitTables(db: Database, decks: Planned['decks']): void {
	const cloze = 1;
	for (const nt of NOTETYPES) {
		// Notetype.Config: 1 kind (omitted when normal, as protobuf does with defaults), 2 sort field,
		// 3 css, 5/6 LaTeX, 255 bytes Anki keeps for itself: the reader must skip what it does not need.
		const config = encodeMessage([
			...(nt.kind === 'cloze' ? ([[1, cloze]] as Field[]) : []),
			[3, '.card { font-family: arial; }'],
			[5, '\\documentclass[12pt]{article}'],
			[6, '\\end{document}'],
			[255, new Uint8Array([1, 2, 3])]
		]);
		db.run('INSERT INTO notetypes VALUES (?, ?, ?, -1, ?)', [nt.id, nt.name, CREATED_SECS, config]);
		nt.fieldNames.forEach((name, ord) =>
			db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [
				nt.id,
				ord,
				name,
				encodeMessage([
					[3, 'Arial'],
					[4, 20]
				])
			])
		);
		nt.templates.forEach((t, ord) =>
			db.run('INSERT INTO templates VALUES (?, ?, ?, ?, -1, ?)', [
				nt.id,
				ord,
				t.name,
				CREATED_SECS,
				// CardTemplate.Config: 1 question, 2 answer, 3/4 browser formats, 5 target deck, 8 id.
				encodeMessage([
					[1, t.qfmt],
					[2, t.afmt],
					[5, 0],
					[8, nt.id * 10 + ord]
				])
			])
		);
	}
	for (const [name, { id, filtered }] of decks)
		db.run('INSERT INTO decks VALUES (?, ?, ?, -1, ?, ?)', [
			id,
			name.replaceAll('::', '\x1f'),
			CREATED_SECS,
			encodeMessage([[1, 0]]),
			encodeMessage([[filtered ? 2 : 1, encodeMessage([[1, 1]])]])
		]);
}

function writeDummyCollection(SQL: SqlJsStatic): Uint8Array {
	const plan = planCollection(
		[{ notetype: 'Basic', fields: ['This file requires a newer version of Anki.', ''] }],
		[]
	);
	return writeCollection(SQL, plan, 'legacy');
}

function writeMedia(files: Zippable, media: Record<string, Uint8Array>, zstd: boolean): void {
	const names = Object.keys(media);
	names.forEach((name, index) => {
		const data = media[name]!;
		files[String(index)] = zstd ? [zstdCompress(data, 3), { level: 0 }] : data;
	});
	if (!zstd) {
		files.media = [
			new TextEncoder().encode(JSON.stringify(Object.fromEntries(names.map((n, i) => [String(i), n])))),
			{ level: 0 }
		];
		return;
	}
	// MediaEntries: 1 repeated entry of 1 name, 2 size, 3 SHA-1.
	const list = encodeMessage(
		names.map((name) => [
			1,
			encodeMessage([
				[1, name],
				[2, media[name]!.length],
				[3, new Uint8Array(createHash('sha1').update(media[name]!).digest())]
			])
		])
	);
	files.media = [zstdCompress(list, 3), { level: 0 }];
}

/** A protobuf field to write: a number is a varint, a string or bytes length-delimited. */
export type Field = [number, number | string | Uint8Array];

/**
 * Encodes a protobuf message from its fields, in order (the writer side of protobuf.ts, for fixtures).
 *
 * @example encodeMessage([[1, 150]]) // Uint8Array [0x08, 0x96, 0x01]
 */
export function encodeMessage(fields: Field[]): Uint8Array {
	const out: number[] = [];
	const varint = (value: number) => {
		let v = value;
		while (v >= 128) {
			out.push((v % 128) | 128);
			v = Math.floor(v / 128);
		}
		out.push(v);
	};
	for (const [field, value] of fields) {
		if (typeof value === 'number') {
			varint(field * 8);
			varint(value);
		} else {
			const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
			varint(field * 8 + 2);
			varint(bytes.length);
			for (const byte of bytes) out.push(byte);
		}
	}
	return new Uint8Array(out);
}

/** The note types in the shape the reader returns them (for tests that build their own expectations). */
export function expectedNotetypes(): AnkiNotetype[] {
	return NOTETYPES.map(({ id, name, kind, fieldNames, templates }) => ({
		id,
		name,
		kind,
		fieldNames: [...fieldNames],
		templates: templates.map((t) => ({ ...t }))
	}));
}
