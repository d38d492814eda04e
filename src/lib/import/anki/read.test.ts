import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../random';
import { makeAnkiPackage, SAMPLE_NOTES, zstd, type FixtureNote, type FixtureReview } from './fixtures';
import { AnkiImportError, readAnkiPackage, READ_STEPS, type AnkiImportProblem } from './read';
import { loadSqlJs } from './sqlite';
import type { AnkiFormat } from './types';

const FORMATS: AnkiFormat[] = ['anki2', 'anki21', 'anki21b'];

/** Small files with the right magic bytes; the reader never decodes images, only passes them on. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 4, 5, 6]);
const GIF = new TextEncoder().encode('GIF89a…');
const WEBP = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');
const MEDIA = {
	'btree.png': PNG,
	'Diagram Ü.JPG': JPEG,
	'spinner.gif': GIF,
	'photo.webp': WEBP,
	'pronunciation.mp3': new Uint8Array([0x49, 0x44, 0x33]),
	'talk.mp4': new Uint8Array([0, 0, 0, 0x18]),
	'notes.txt': new TextEncoder().encode('not an image')
};

async function problemOf(
	promise: Promise<unknown>
): Promise<{ problem: AnkiImportProblem; message: string }> {
	try {
		await promise;
	} catch (e) {
		expect(e).toBeInstanceOf(AnkiImportError);
		const error = e as AnkiImportError;
		return { problem: error.problem, message: error.message };
	}
	throw new Error('the read did not fail');
}

/** The package with its files changed by `edit` (names → bytes; delete a name to drop it). */
function repack(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
	const files = unzipSync(bytes);
	edit(files);
	return zipSync(files);
}

/** A legacy package whose collection went through `sql` first (to make damaged collections). */
async function withSql(format: 'anki2' | 'anki21', sql: string): Promise<Uint8Array> {
	const { bytes } = await makeAnkiPackage({ format });
	const SQL = await loadSqlJs();
	return repack(bytes, (files) => {
		const db = new SQL.Database(files[`collection.${format}`]);
		db.run(sql);
		files[`collection.${format}`] = db.export();
		db.close();
	});
}

describe.each(FORMATS)('readAnkiPackage, %s', (format) => {
	test('returns every note type, note, card, review and image the package holds', async () => {
		const { bytes, expected } = await makeAnkiPackage({ format, media: MEDIA });
		const collection = await readAnkiPackage(bytes);
		expect(collection).toEqual(expected);

		// The same facts again, written out rather than taken from the fixture's own bookkeeping.
		expect(collection.format).toBe(format);
		expect(collection.notetypes.map((nt) => [nt.name, nt.kind, nt.fieldNames, nt.templates.length])).toEqual([
			['Basic', 'standard', ['Front', 'Back'], 1],
			['Basic (and reversed card)', 'standard', ['Front', 'Back'], 2],
			['Cloze', 'cloze', ['Text', 'Back Extra'], 1],
			['Interview question', 'standard', ['Question', 'Answer', 'Example', 'Source'], 2]
		]);
		const reversed = collection.notetypes[1]!;
		expect(reversed.templates[1]).toEqual({
			name: 'Card 2',
			qfmt: '{{Back}}',
			afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}'
		});
		expect(collection.notetypes[2]!.templates[0]!.qfmt).toBe('{{cloze:Text}}');

		expect(collection.notes).toHaveLength(SAMPLE_NOTES.length);
		const btree = collection.notes[1]!;
		expect(btree.fields).toEqual([
			'B-tree or hash index for <b>range</b> queries?',
			'B-tree <img src="btree.png">'
		]);
		expect(btree.tags).toEqual(['databases', 'indexes::btree']);
		expect(btree.notetypeId).toBe(collection.notetypes[0]!.id);
		expect(collection.notes[0]!.tags).toEqual([]);
		expect(collection.notes[5]!.fields).toEqual(['What is a mutex?', 'A lock.', '', '']);
		// The dummy collection Anki adds beside the real one is not what was read.
		expect(collection.notes.some((n) => n.fields[0]!.includes('newer version'))).toBe(false);

		const cardsOf = (note: number) =>
			collection.cards
				.filter((c) => c.noteId === collection.notes[note]!.id)
				.map(({ ord, deck, suspended }) => ({ ord, deck, suspended }));
		expect(cardsOf(0)).toEqual([{ ord: 0, deck: 'Default', suspended: false }]);
		expect(cardsOf(1)).toEqual([{ ord: 0, deck: 'Databases::Indexes', suspended: true }]);
		// Card 1 sits in a filtered deck: its own deck is the one it came from.
		expect(cardsOf(2)).toEqual([
			{ ord: 0, deck: 'APIs', suspended: false },
			{ ord: 1, deck: 'APIs', suspended: true }
		]);
		// One card per cloze number, c1 twice in the text.
		expect(cardsOf(3)).toEqual([
			{ ord: 0, deck: 'Networking::Transport::Basics', suspended: false },
			{ ord: 1, deck: 'Networking::Transport::Basics', suspended: false }
		]);
		expect(cardsOf(4).map((c) => c.ord)).toEqual([0, 1]);

		const cardIds = new Set(collection.cards.map((c) => c.id));
		expect(collection.reviews.every((r) => cardIds.has(r.cardId))).toBe(true);
		expect(collection.reviews.map(({ ease, type, timeMs }) => [ease, type, timeMs])).toEqual([
			[1, 0, 8000],
			[3, 0, 4500],
			[4, 1, 2000],
			[2, 2, 60000],
			[0, 4, 0],
			[3, 3, 12345],
			[3, 5, 0]
		]);

		expect(Object.keys(collection.media).sort()).toEqual([
			'Diagram Ü.JPG',
			'btree.png',
			'photo.webp',
			'spinner.gif'
		]);
		expect(collection.media['btree.png']).toEqual(PNG);
		expect(collection.media['Diagram Ü.JPG']).toEqual(JPEG);
		expect(collection.skippedMedia).toEqual([]);
		// Each image owns its buffer, so the worker can transfer it alone.
		for (const image of Object.values(collection.media))
			expect(image.byteLength).toBe(image.buffer.byteLength);
	});

	test('reports each step of the read, in order', async () => {
		const { bytes } = await makeAnkiPackage({ format });
		const steps: string[] = [];
		await readAnkiPackage(bytes, {
			onProgress: (done, total, step) => steps.push(`${done}/${total} ${step}`)
		});
		expect(steps).toEqual(READ_STEPS.map((step, i) => `${i + 1}/${READ_STEPS.length} ${step}`));
	});

	test('leaves out images over the size limit and names them', async () => {
		const big = new Uint8Array(2048).fill(7);
		const { bytes } = await makeAnkiPackage({ format, media: { 'small.png': PNG, 'big.jpg': big } });
		const collection = await readAnkiPackage(bytes, { limits: { maxImageBytes: 1024 } });
		expect(Object.keys(collection.media)).toEqual(['small.png']);
		expect(collection.skippedMedia).toEqual([{ name: 'big.jpg', reason: 'too-large' }]);
	});

	test('names an image the media list promises but the zip lacks, and reads the rest', async () => {
		const { bytes } = await makeAnkiPackage({ format, media: { 'gone.png': PNG, 'here.gif': GIF } });
		const collection = await readAnkiPackage(repack(bytes, (files) => delete files['0']));
		expect(collection.media).toEqual({ 'here.gif': GIF });
		expect(collection.skippedMedia).toEqual([{ name: 'gone.png', reason: 'missing' }]);
	});

	test('refuses more notes than the limit, saying the count and the limit', async () => {
		const { bytes } = await makeAnkiPackage({ format });
		const { problem, message } = await problemOf(readAnkiPackage(bytes, { limits: { maxNotes: 5 } }));
		expect(problem).toBe('too-many-notes');
		expect(message).toContain('has 6 notes');
		expect(message).toContain('at most 5');
	});

	test('refuses a collection that unpacks past the limit', async () => {
		const { bytes } = await makeAnkiPackage({ format });
		const { problem, message } = await problemOf(
			readAnkiPackage(bytes, { limits: { maxCollectionBytes: 4096 } })
		);
		expect(problem).toBe('too-large');
		expect(message).toContain('4 KB');
	});

	test('reads a package without a media list, as older AnkiDroid versions wrote', async () => {
		const { bytes, expected } = await makeAnkiPackage({ format, media: { 'a.png': PNG } });
		const collection = await readAnkiPackage(repack(bytes, (files) => delete files.media));
		expect(collection).toEqual({ ...expected, media: {} });
	});

	test('any notes and reviews come back as they were written', async () => {
		const noteArb = fc.oneof(
			fc.record({
				notetype: fc.constant('Basic' as const),
				fields: fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 2 })
			}),
			fc.record({
				notetype: fc.constant('Interview question' as const),
				fields: fc.array(fc.string({ unit: 'grapheme' }), { minLength: 4, maxLength: 4 })
			})
		);
		const arb = fc
			.record({
				notes: fc.array(
					fc.record({
						note: noteArb,
						tags: fc.uniqueArray(fc.stringMatching(/^[a-z0-9:_-]{1,12}$/), { maxLength: 4 }),
						// Lower case: Anki's deck names are unique regardless of case.
						deck: fc.array(fc.stringMatching(/^[a-z][a-z0-9 ]{0,8}[a-z0-9]$/), {
							minLength: 1,
							maxLength: 3
						}),
						suspended: fc.boolean()
					}),
					{ minLength: 1, maxLength: 8 }
				),
				reviews: fc.array(
					fc.record({
						note: fc.nat(),
						ord: fc.nat({ max: 1 }),
						ease: fc.constantFrom(0, 1, 2, 3, 4) as fc.Arbitrary<FixtureReview['ease']>,
						type: fc.integer({ min: 0, max: 5 }),
						timeMs: fc.nat({ max: 600_000 })
					}),
					{ maxLength: 12 }
				)
			})
			.map(({ notes, reviews }) => {
				const fixtureNotes: FixtureNote[] = notes.map(({ note, tags, deck, suspended }) => ({
					notetype: note.notetype,
					fields: [...note.fields].map((f) => f.replaceAll('\x1f', '')),
					tags,
					deck: deck.join('::'),
					suspended: suspended ? [0] : []
				}));
				const fixtureReviews = reviews.map((r) => {
					const note = r.note % fixtureNotes.length;
					return { ...r, note, ord: fixtureNotes[note]!.notetype === 'Basic' ? 0 : r.ord };
				});
				return { notes: fixtureNotes, reviews: fixtureReviews };
			});
		await fc.assert(
			fc.asyncProperty(arb, async ({ notes, reviews }) => {
				const { bytes, expected } = await makeAnkiPackage({ format, notes, reviews });
				expect(await readAnkiPackage(bytes)).toEqual(expected);
			}),
			{ numRuns: 15 }
		);
	});
});

describe('readAnkiPackage, zstd as Anki writes it', () => {
	test('reads a file compressed as a stream, whose frame does not say its size', async () => {
		// `zstd -c --no-check` from a pipe: the frame header has no content size and the block has a
		// back-reference, as Anki's streaming encoder writes its media and collection files.
		const streamed = Uint8Array.from(
			'28b52ffd0058350100f889504e470d0a1a0a73747265616d656420696d6167652062797465732c202101004e683a01'
				.match(/../g)!
				.map((hex) => parseInt(hex, 16))
		);
		const text = 'PNG\r\n\x1a\nstreamed image bytes, streamed image bytes, streamed image bytes!';
		const image = Uint8Array.from([0x89, ...new TextEncoder().encode(text)]);
		const { bytes } = await makeAnkiPackage({ format: 'anki21b', media: { 'streamed.png': image } });
		const collection = await readAnkiPackage(repack(bytes, (files) => (files['0'] = streamed)));
		expect(collection.media['streamed.png']).toEqual(image);
	});
});

describe('readAnkiPackage, files that are not what they should be', () => {
	test('random bytes are not a zip file', async () => {
		const random = seededRandom(3);
		const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
		const { problem, message } = await problemOf(readAnkiPackage(bytes));
		expect(problem).toBe('not-zip');
		expect(message).toMatch(/not an Anki package.*zip/);
	});

	test('an empty file and a file that only starts like a zip are not zip files either', async () => {
		expect((await problemOf(readAnkiPackage(new Uint8Array(0)))).problem).toBe('not-zip');
		const fake = new Uint8Array(100);
		fake.set([0x50, 0x4b, 0x03, 0x04]);
		expect((await problemOf(readAnkiPackage(fake))).problem).toBe('not-zip');
	});

	test('a zip without a collection says so', async () => {
		const bytes = zipSync({
			'readme.txt': new TextEncoder().encode('hello'),
			media: new TextEncoder().encode('{}')
		});
		const { problem, message } = await problemOf(readAnkiPackage(bytes));
		expect(problem).toBe('no-collection');
		expect(message).toContain('no Anki collection');
	});

	test.each(['collection.anki2', 'collection.anki21', 'collection.anki21b'])(
		'a zip whose %s is garbage is a damaged collection',
		async (name) => {
			const random = seededRandom(5);
			const garbage = Uint8Array.from({ length: 8192 }, () => Math.floor(random() * 256));
			const { problem, message } = await problemOf(readAnkiPackage(zipSync({ [name]: garbage })));
			expect(problem).toBe('corrupt');
			expect(message).toMatch(/damaged/);
		}
	);

	test('a well-compressed anki21b whose content is not SQLite is a damaged collection', async () => {
		const { bytes } = await makeAnkiPackage({ format: 'anki21b' });
		const notSqlite = await zstd(new TextEncoder().encode('hello '.repeat(1000)));
		const damaged = repack(bytes, (files) => (files['collection.anki21b'] = notSqlite));
		const { problem, message } = await problemOf(readAnkiPackage(damaged));
		expect(problem).toBe('corrupt');
		expect(message).toContain('not a database');
	});

	test('a SQLite database that is not an Anki collection is a damaged collection', async () => {
		const SQL = await loadSqlJs();
		const db = new SQL.Database();
		db.run('CREATE TABLE notes (id integer)');
		const bytes = zipSync({ 'collection.anki21': db.export() });
		db.close();
		const { problem, message } = await problemOf(readAnkiPackage(bytes));
		expect(problem).toBe('corrupt');
		expect(message).toContain('no col table');
	});

	test('a file over the size limit is refused before unzipping, with the limit said', async () => {
		const { problem, message } = await problemOf(
			readAnkiPackage(new Uint8Array(3 * 1024 * 1024), { limits: { maxBytes: 2 * 1024 * 1024 } })
		);
		expect(problem).toBe('too-large');
		expect(message).toContain('This file is 3 MB');
		expect(message).toContain('up to 2 MB');
	});

	test('a package from a newer Anki than this reader knows is refused', async () => {
		const { bytes } = await makeAnkiPackage({ format: 'anki21b' });
		const newer = repack(bytes, (files) => (files.meta = new Uint8Array([0x08, 0x04])));
		const { problem, message } = await problemOf(readAnkiPackage(newer));
		expect(problem).toBe('too-new');
		expect(message).toContain('Support older Anki versions');
	});

	test('a note whose note type is missing makes the collection damaged, with nothing returned', async () => {
		const bytes = await withSql('anki21', 'UPDATE notes SET mid = 42 WHERE id = (SELECT min(id) FROM notes)');
		const { problem, message } = await problemOf(readAnkiPackage(bytes));
		expect(problem).toBe('corrupt');
		expect(message).toContain('note type 42');
	});
});

describe('readAnkiPackage, damaged collections it still reads', () => {
	test('fields that disagree with the note type are padded, or the extra ones joined to the last', async () => {
		const bytes = await withSql(
			'anki2',
			`UPDATE notes SET flds = 'only front' WHERE id = (SELECT min(id) FROM notes);
			 UPDATE notes SET flds = 'a' || char(31) || 'b' || char(31) || 'c' WHERE id = (SELECT min(id) + 1 FROM notes);`
		);
		const { notes } = await readAnkiPackage(bytes);
		expect(notes[0]!.fields).toEqual(['only front', '']);
		expect(notes[1]!.fields).toEqual(['a', 'b; c']);
	});

	test('cards without a note, and reviews without a card, are left out', async () => {
		const bytes = await withSql(
			'anki21',
			`INSERT INTO cards SELECT id + 999, 12345, did, ord, mod, usn, type, queue, due, ivl, factor, reps,
			   lapses, left, odue, odid, flags, data FROM cards LIMIT 1;
			 INSERT INTO revlog VALUES (1, 77, -1, 3, 1, 1, 2500, 1000, 1);
			 INSERT INTO revlog SELECT id + 1, cid, usn, 9, ivl, lastIvl, factor, time, type FROM revlog LIMIT 1;`
		);
		const { expected } = await makeAnkiPackage({ format: 'anki21' });
		const collection = await readAnkiPackage(bytes);
		expect(collection.cards).toEqual(expected.cards);
		expect(collection.reviews).toEqual(expected.reviews);
	});

	test('a card in a deck that is gone is in Default', async () => {
		const bytes = await withSql('anki2', 'UPDATE cards SET did = 999 WHERE id = (SELECT max(id) FROM cards)');
		const { cards } = await readAnkiPackage(bytes);
		expect(cards[cards.length - 1]!.deck).toBe('Default');
	});

	test('a collection saved in write-ahead-log mode reads like any other', async () => {
		const { bytes, expected } = await makeAnkiPackage({ format: 'anki21' });
		const wal = repack(bytes, (files) => files['collection.anki21']!.set([2, 2], 18));
		expect(await readAnkiPackage(wal)).toEqual(expected);
	});

	test('an old package with only collection.anki2 and no meta reads', async () => {
		const { bytes, expected } = await makeAnkiPackage({ format: 'anki21', noDummy: true });
		const old = repack(bytes, (files) => {
			files['collection.anki2'] = files['collection.anki21']!;
			delete files['collection.anki21'];
			delete files.meta;
		});
		expect(await readAnkiPackage(old)).toEqual({ ...expected, format: 'anki2' });
	});
});
