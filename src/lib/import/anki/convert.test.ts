// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../decks/parse';
import { createPlainRenderer } from '../../decks/render';
import type { Deck, Flashcard } from '../../decks/types';
import { ankiToDecks, ankiToDecksInSlices, type AnkiImportOptions } from './convert';
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNotetype, AnkiReview } from './types';

const renderer = createPlainRenderer();
const OPTIONS: AnkiImportOptions = {
	topic: 'languages-frameworks',
	takenIds: new Set(),
	importedAt: Date.UTC(2026, 0, 5)
};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const BASIC: AnkiNotetype = {
	id: 1,
	name: 'Basic',
	kind: 'standard',
	fieldNames: ['Front', 'Back'],
	templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }]
};
const REVERSED: AnkiNotetype = {
	id: 2,
	name: 'Basic (and reversed card)',
	kind: 'standard',
	fieldNames: ['Front', 'Back'],
	templates: [
		{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' },
		{ name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}' }
	]
};
const CLOZE: AnkiNotetype = {
	id: 3,
	name: 'Cloze',
	kind: 'cloze',
	fieldNames: ['Text', 'Back Extra'],
	templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }]
};
const TYPED: AnkiNotetype = {
	id: 4,
	name: 'Typed with hint',
	kind: 'standard',
	fieldNames: ['Word', 'Meaning', 'Hint', 'Notes'],
	templates: [
		{
			name: 'Card 1',
			qfmt: '{{Word}}{{#Hint}}<br>{{hint:Hint}}{{/Hint}}{{^Hint}}<br>(no hint){{/Hint}}<br>{{type:Meaning}}',
			afmt: '{{FrontSide}}<hr id=answer>{{type:Meaning}}<br>{{Meaning}}{{#Notes}}<br><i>{{Notes}}</i>{{/Notes}}<br>{{Tags}}'
		}
	]
};
const BROKEN: AnkiNotetype = {
	id: 5,
	name: 'Vocabulary (old)',
	kind: 'standard',
	fieldNames: ['Term', 'Definition', 'Example'],
	templates: [{ name: 'Card 1', qfmt: '{{Term}}{{#Example}}', afmt: '{{Definition}}' }]
};

let nextId = 1000;
function note(notetype: AnkiNotetype, fields: string[], over: Partial<AnkiNote> = {}): AnkiNote {
	return { id: nextId++, guid: `g${nextId}`, notetypeId: notetype.id, fields, tags: [], ...over };
}
function card(n: AnkiNote, ord: number, over: Partial<AnkiCard> = {}): AnkiCard {
	return { id: n.id * 10 + ord, noteId: n.id, ord, deck: 'Default', suspended: false, ...over };
}
function makeCollection(over: Partial<AnkiCollection>): AnkiCollection {
	return {
		format: 'anki21',
		notetypes: [BASIC, REVERSED, CLOZE, TYPED, BROKEN],
		notes: [],
		cards: [],
		reviews: [],
		media: {},
		skippedMedia: [],
		...over
	};
}

/** Every deck must parse as an own deck with no error: the converter's promise to the app. */
function parsed(result: { decks: { id: string; markdown: string }[] }): Deck[] {
	return result.decks.map((d) => {
		const { deck, errors } = parseDeck(d.markdown, { file: `my/${d.id}.md`, renderer, own: true });
		expect(errors, d.markdown).toEqual([]);
		return deck!;
	});
}

const flashcards = (deck: Deck) => deck.items as Flashcard[];

describe('ankiToDecks: note types', () => {
	it('makes one deck per Anki deck with cards, titles from nested names, items from Basic and reversed cards', () => {
		const hola = note(REVERSED, ['Hola', 'Hello'], { tags: ['Spanish::Greetings', 'LEECH'] });
		const gato = note(BASIC, ['el <b>gato</b>', 'the cat']);
		const result = ankiToDecks(
			makeCollection({
				notes: [hola, gato],
				cards: [
					card(hola, 0, { deck: 'Spanish::Basics' }),
					card(hola, 1, { deck: 'Spanish::Basics' }),
					card(gato, 0, { deck: 'Animals' })
				]
			}),
			OPTIONS
		);
		expect(result.decks.map((d) => [d.id, d.title])).toEqual([
			['my-animals', 'Animals'],
			['my-spanish-basics', 'Spanish › Basics']
		]);
		const [animals, spanish] = parsed(result);
		expect(animals!.topic).toBe('languages-frameworks');
		expect(animals!.description).toBe('Imported from Anki on 2026-01-05.');
		expect(flashcards(animals!).map((c) => [c.id, c.promptHtml, c.answerHtml])).toEqual([
			[`a${gato.id * 10}`, 'el <strong>gato</strong>', '<p>the cat</p>\n']
		]);
		expect(flashcards(spanish!).map((c) => [c.promptText, c.answerHtml, c.tags])).toEqual([
			['Hola', '<p>Hello</p>\n', ['spanish-greetings', 'leech']],
			['Hello', '<p>Hola</p>\n', ['spanish-greetings', 'leech']]
		]);
		expect(result.notices).toEqual([]);
	});

	it('makes a cloze item per deletion number, the others shown, hints in brackets, extra as the answer', () => {
		const paris = note(CLOZE, ['{{c1::Paris}} is the capital of {{c2::France::country}}.', 'Since 508.']);
		const result = ankiToDecks(
			makeCollection({ notes: [paris], cards: [card(paris, 0), card(paris, 1)] }),
			OPTIONS
		);
		const [deck] = parsed(result);
		expect(flashcards(deck!).map((c) => [c.cloze, c.promptHtml, c.clozeHtml, c.answerHtml])).toEqual([
			[
				true,
				'<span class="cloze-blank">[…]</span> is the capital of France.',
				'<mark class="cloze">Paris</mark> is the capital of France.',
				'<p>Since 508.</p>\n'
			],
			[
				true,
				'Paris is the capital of <span class="cloze-blank">[…]</span> (country).',
				'Paris is the capital of <mark class="cloze">France</mark> (country).',
				'<p>Since 508.</p>\n'
			]
		]);
	});

	it('turns a number hidden in several places into a plain card, and handles nested deletions', () => {
		const both = note(CLOZE, ['{{c1::TCP}} and {{c1::UDP}} are {{c2::transport {{c3::protocols}}}}', '']);
		const result = ankiToDecks(
			makeCollection({ notes: [both], cards: [card(both, 0), card(both, 1), card(both, 2)] }),
			OPTIONS
		);
		const [deck] = parsed(result);
		expect(flashcards(deck!).map((c) => [c.cloze, c.promptText, c.clozeHtml || c.answerHtml])).toEqual([
			[false, '[…] and […] are transport protocols', '<p>TCP · UDP</p>\n'],
			[true, 'TCP and UDP are […]', 'TCP and UDP are <mark class="cloze">transport protocols</mark>'],
			[
				true,
				'TCP and UDP are transport […]',
				'TCP and UDP are transport <mark class="cloze">protocols</mark>'
			]
		]);
		expect(result.notices).toEqual([
			'1 cloze card hid several parts under one number: it became a plain card, the parts shown as […] and listed in the answer.'
		]);
	});

	it('reads conditionals, hints and typed answers, showing each answer field once', () => {
		const withHint = note(TYPED, ['perro', 'dog', 'woof', 'noun']);
		const without = note(TYPED, ['gato', 'cat', '', '']);
		const result = ankiToDecks(
			makeCollection({ notes: [withHint, without], cards: [card(withHint, 0), card(without, 0)] }),
			OPTIONS
		);
		const [deck] = parsed(result);
		expect(flashcards(deck!).map((c) => [c.promptText, c.answerHtml])).toEqual([
			// `{{type:Meaning}}<br>{{Meaning}}`: the field shows once, and the two breaks left end a paragraph.
			['perro / woof', '<p>dog</p>\n<p><em>noun</em></p>\n'],
			['gato / (no hint)', '<p>cat</p>\n']
		]);
	});

	it('imports note types whose templates cannot be read from their first two fields, and says so', () => {
		const a = note(BROKEN, ['ephemeral', 'lasting a short time', 'x']);
		const b = note(BROKEN, ['terse', 'brief', '']);
		const orphan = note({ ...BASIC, id: 99 }, ['front', 'back']);
		const result = ankiToDecks(
			makeCollection({ notes: [a, b, orphan], cards: [card(a, 0), card(a, 1), card(b, 0), card(orphan, 0)] }),
			OPTIONS
		);
		const [deck] = parsed(result);
		expect(flashcards(deck!).map((c) => [c.id, c.promptText, c.answerHtml])).toEqual([
			[`a${a.id * 10}`, 'ephemeral', '<p>lasting a short time</p>\n'],
			[`a${b.id * 10}`, 'terse', '<p>brief</p>\n'],
			[`a${orphan.id * 10}`, 'front', '<p>back</p>\n']
		]);
		expect(result.notices).toEqual([
			'The card templates of the note type “Vocabulary (old)” could not be read, so its 2 notes came over with the first field as the prompt and the second as the answer.',
			'The card templates of the note type “an unknown note type” could not be read, so its 1 note came over with the first field as the prompt and the second as the answer.',
			'1 further card of notes read from their first two fields was left out (one card per note).'
		]);
	});
});

describe('ankiToDecks: content', () => {
	it('shows the whole text of a cloze note whose template cannot be read', () => {
		const odd: AnkiNotetype = {
			...CLOZE,
			id: 6,
			name: 'Odd cloze',
			templates: [{ name: 'C', qfmt: '{{cloze:Nope}}', afmt: '' }]
		};
		const n = note(odd, ['{{c1::Paris}} is in {{c2::France::country}}', 'extra']);
		const result = ankiToDecks(
			makeCollection({ notetypes: [odd], notes: [n], cards: [card(n, 0), card(n, 1)] }),
			OPTIONS
		);
		const [deck] = parsed(result);
		expect(flashcards(deck!).map((c) => [c.promptText, c.answerHtml])).toEqual([
			['Paris is in France', '<p>extra</p>\n']
		]);
	});

	it('inlines known raster images, keeps the alt text of missing ones, drops sounds, and says so', () => {
		const n = note(BASIC, [
			'Which bird? <img src="bird.png" alt="a bird"> [sound:tweet.mp3]',
			'<img src="gone.jpg" alt="a robin"><img src="vector.svg" alt="svg">'
		]);
		const result = ankiToDecks(
			makeCollection({
				notes: [n],
				cards: [card(n, 0)],
				media: { 'bird.png': PNG, 'vector.svg': new TextEncoder().encode('<svg/>') }
			}),
			OPTIONS
		);
		const [deck] = parsed(result);
		const [c] = flashcards(deck!);
		expect(c!.promptHtml).toBe(
			'Which bird? <img src="data:image/png;base64,iVBORw0KGgoAAAAA" alt="a bird" />'
		);
		expect(c!.answerHtml).toBe('<p>a robinsvg</p>\n');
		expect(result.notices).toEqual([
			'1 sound could not come over: this app plays no audio.',
			'1 image named in notes was not in the file; only its description (if any) was kept.',
			'1 image was not PNG, JPEG, GIF or WebP and was left out.'
		]);
	});

	it('puts a multi-line front on one heading line, and a front with code above the answer too', () => {
		const lines = note(BASIC, ['What is<br>an <b>index</b>?<div>(in SQL)</div>', 'A sorted structure.']);
		const code = note(BASIC, [
			'What does this print?<pre>for i in range(2):\n    print(i)</pre>',
			'0 then 1'
		]);
		const [deck] = parsed(
			ankiToDecks(makeCollection({ notes: [lines, code], cards: [card(lines, 0), card(code, 0)] }), OPTIONS)
		);
		const [first, second] = flashcards(deck!);
		expect(first!.promptHtml).toBe('What is / an <strong>index</strong>? / (in SQL)');
		expect(second!.promptHtml).toBe(
			'What does this print? / <code>for i in range(2):</code> / <code>print(i)</code>'
		);
		expect(second!.answerHtml).toBe(
			'<p>What does this print?</p>\n<pre><code class="language-text">for i in range(2):\n    print(i)\n</code></pre>\n<hr />\n<p>0 then 1</p>\n'
		);
	});

	it('leaves out cards with an empty side, and says how many', () => {
		const noFront = note(BASIC, ['<br>&nbsp;', 'answer']);
		const noBack = note(BASIC, ['question', '<div></div>']);
		const onlyImage = note(BASIC, ['<img src="missing.png">', 'answer']);
		const result = ankiToDecks(
			makeCollection({
				notes: [noFront, noBack, onlyImage],
				cards: [card(noFront, 0), card(noBack, 0), card(onlyImage, 0)]
			}),
			OPTIONS
		);
		expect(result.decks).toEqual([]);
		expect(result.notices).toEqual([
			'2 cards had nothing on the question side and were left out.',
			'1 card had nothing on the answer side and was left out.',
			'1 image named in notes was not in the file; only its description (if any) was kept.'
		]);
	});

	it('keeps item and deck ids across imports, and avoids taken deck ids', () => {
		const n = note(BASIC, ['q', 'a']);
		const collection = makeCollection({ notes: [n], cards: [card(n, 0, { deck: 'Words' })] });
		const first = ankiToDecks(collection, OPTIONS);
		const again = ankiToDecks(collection, OPTIONS);
		expect(again.decks).toEqual(first.decks);
		expect(first.decks[0]!.markdown).toContain(`{#a${n.id * 10}}`);
		const beside = ankiToDecks(collection, { ...OPTIONS, takenIds: new Set(['my-words']) });
		expect(beside.decks[0]!.id).toBe('my-words-2');
	});
});

describe('ankiToDecks: reviews', () => {
	it('maps answers to ratings, skips reschedules and the reviews of cards left out, clamps durations', () => {
		const kept = note(BASIC, ['q', 'a']);
		const empty = note(BASIC, ['q2', '']);
		const c = card(kept, 0, { suspended: true });
		const e = card(empty, 0);
		const reviews: AnkiReview[] = [
			{ id: 3000, cardId: c.id, ease: 3, type: 1, timeMs: 4200 },
			{ id: 1000, cardId: c.id, ease: 1, type: 0, timeMs: -5 },
			{ id: 2000, cardId: c.id, ease: 4, type: 2, timeMs: 5 * 60 * 60 * 1000 },
			{ id: 4000, cardId: c.id, ease: 0, type: 4, timeMs: 0 },
			{ id: 5000, cardId: c.id, ease: 2, type: 5, timeMs: 0 },
			{ id: 6000, cardId: e.id, ease: 3, type: 1, timeMs: 1000 },
			{ id: 7000, cardId: 424242, ease: 3, type: 1, timeMs: 1000 }
		];
		const result = ankiToDecks(makeCollection({ notes: [kept, empty], cards: [c, e], reviews }), OPTIONS);
		const itemId = `a${c.id}`;
		expect(result.reviews).toEqual([
			{ deckId: 'my-default', itemId, rating: 1, reviewedAt: 1000, durationMs: 0, ankiId: 1000 },
			{ deckId: 'my-default', itemId, rating: 4, reviewedAt: 2000, durationMs: 3_600_000, ankiId: 2000 },
			{ deckId: 'my-default', itemId, rating: 3, reviewedAt: 3000, durationMs: 4200, ankiId: 3000 }
		]);
		expect(result.suspended).toEqual([{ cardId: `my-default/${itemId}`, since: c.id }]);
		expect(result.notices).toEqual([
			'1 card had nothing on the answer side and was left out.',
			'2 review log entries were not answers (reschedules or manual changes) and were skipped.',
			'2 reviews of cards that did not come over were skipped.'
		]);
	});
});

describe('ankiToDecks: any field HTML makes decks that parse', () => {
	const piece = fc.constantFrom(
		...[
			'<br>',
			'<div>',
			'</div>',
			'<b>',
			'</b>',
			'<i>',
			'<pre>',
			'</pre>',
			'<code>',
			'</code>',
			'<ul><li>',
			'</li></ul>'
		],
		...[
			'<h1>',
			'</h1>',
			'<table><tr><td>',
			'</td></tr></table>',
			'<img src="p.png" alt="[x]">',
			'<a href="https://e.example">'
		],
		...[
			'## ',
			'### ',
			'---',
			'===',
			'{{',
			'}}',
			'{#id}',
			'{{c1::',
			'{{c2::',
			'::',
			'tags: ',
			'links: ',
			'<!--',
			'-->'
		],
		...[
			'&nbsp;',
			'&amp;',
			'&lt;',
			'*',
			'_',
			'`',
			'```',
			'\n',
			' ',
			'a',
			'word',
			'1. ',
			'- ',
			'> ',
			'\\',
			'[',
			']',
			'<script>',
			'[sound:s.mp3]'
		]
	);
	const html = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(''));

	it('for a code block inside emphasis, or a cloze deletion holding a heading, whose lines once read as headings (cases fast-check found)', () => {
		const n = note(REVERSED, ['<i><pre>## </pre></i>a', '<b><pre>### Choices\n---</pre></b>']);
		const [deck] = parsed(
			ankiToDecks(makeCollection({ notes: [n], cards: [card(n, 0), card(n, 1)] }), OPTIONS)
		);
		expect(deck!.items).toHaveLength(2);
		// And a cloze deletion that starts with a heading's marks and holds a block (also found by fast-check).
		for (const text of ['{{c1::## <h1>', '{{c1::### <h1>']) {
			const cloze = note(CLOZE, [text, '']);
			parsed(ankiToDecks(makeCollection({ notes: [cloze], cards: [card(cloze, 0)] }), OPTIONS));
		}
	});

	it('for Basic, cloze and typed notes (fast-check)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(html, html, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 4 }),
				(rows) => {
					const notes: AnkiNote[] = [];
					const cards: AnkiCard[] = [];
					rows.forEach(([front, back, kind], i) => {
						const n = note([REVERSED, CLOZE, TYPED][kind]!, [front, back, front, back], {
							tags: [front.slice(0, 8)]
						});
						notes.push(n);
						for (let ord = 0; ord < 3; ord++)
							cards.push(card(n, ord, { deck: i % 2 ? 'A::B' : `D ${front.slice(0, 5)}` }));
					});
					const result = ankiToDecks(makeCollection({ notes, cards, media: { 'p.png': PNG } }), OPTIONS);
					parsed(result);
				}
			),
			{ numRuns: 300 }
		);
	}, 60_000);
});

describe('ankiToDecks: speed', () => {
	it('converts 20,000 notes in a few seconds', () => {
		const notes: AnkiNote[] = [];
		const cards: AnkiCard[] = [];
		const reviews: AnkiReview[] = [];
		for (let i = 0; i < 20_000; i++) {
			const n =
				i % 4 === 3
					? note(CLOZE, [
							`Term ${i} is {{c1::<b>defined</b>}} by {{c2::rule ${i}}}.`,
							i % 8 ? '' : `Extra <i>${i}</i>`
						])
					: note(
							i % 2 ? REVERSED : BASIC,
							[
								`Question ${i}<br>with <b>bold</b> and <code>code</code>?`,
								// One note in ten has an image (the full DOM road); the rest carry Anki's usual styling.
								i % 10 === 0
									? `<div>Answer ${i}</div><img src="p.png" alt="plot">`
									: `<div style="text-align: left;">Answer ${i}</div><div><font color="#333">second&nbsp;line</font></div>`
							],
							{ tags: ['deck::sub', `t${i % 7}`] }
						);
			notes.push(n);
			const count = n.notetypeId === BASIC.id ? 1 : 2;
			for (let ord = 0; ord < count; ord++) {
				const c = card(n, ord, { deck: `Deck ${i % 5}` });
				cards.push(c);
				reviews.push({ id: 1_700_000_000_000 + cards.length, cardId: c.id, ease: 3, type: 1, timeMs: 3000 });
			}
		}
		const started = performance.now();
		const result = ankiToDecks(makeCollection({ notes, cards, reviews, media: { 'p.png': PNG } }), OPTIONS);
		const ms = performance.now() - started;
		console.log(`ankiToDecks: ${notes.length} notes, ${cards.length} cards in ${Math.round(ms)} ms`);
		expect(result.decks).toHaveLength(5);
		expect(result.reviews).toHaveLength(cards.length);
		// Generous for a shared 2-core machine; the figure printed above is the measurement.
		expect(ms).toBeLessThan(20_000);
	}, 120_000);
});

describe('ankiToDecksInSlices', () => {
	it('gives what ankiToDecks gives, letting other tasks run between slices and saying how far it is', async () => {
		const notes = Array.from({ length: 400 }, (_, i) =>
			i % 3 === 0
				? note(CLOZE, [`{{c1::Term ${i}}} means <b>${i}</b>`, ''])
				: note(BASIC, [`Q ${i}`, `A ${i}`])
		);
		const cards = notes.map((n, i) =>
			card(n, 0, { deck: i % 2 ? 'Go::Maps' : 'Go::Slices', suspended: i % 7 === 0 })
		);
		const reviews: AnkiReview[] = cards.map((c, i) => ({
			id: Date.UTC(2025, 5, 1) + i * 60_000,
			cardId: c.id,
			ease: ((i % 4) + 1) as 1 | 2 | 3 | 4,
			timeMs: 4000,
			type: 1
		}));
		const collection = makeCollection({ notes, cards, reviews });
		const seen: [number, number][] = [];
		let tasks = 0;
		const ticking = setInterval(() => tasks++, 0);
		const sliced = await ankiToDecksInSlices(collection, OPTIONS, {
			sliceMs: -1,
			onProgress: (done, total) => seen.push([done, total])
		});
		clearInterval(ticking);
		expect(sliced).toEqual(ankiToDecks(collection, OPTIONS));
		expect(sliced.decks.map((d) => d.title)).toEqual(['Go › Maps', 'Go › Slices']);
		// A pause every 10 cards, then before each of the 2 decks' Markdown and among the reviews; other
		// tasks ran meanwhile.
		expect(seen).toEqual([
			...Array.from({ length: 40 }, (_, i) => [i * 10, 400]),
			...Array.from({ length: 3 }, () => [400, 400])
		]);
		expect(tasks).toBeGreaterThan(0);
	});
});
