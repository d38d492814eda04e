import { htmlToMarkdown } from '../../content/html-to-markdown.ts';
import type { TopicSlug } from '../../decks/types.ts';
import {
	CLOZE_CLOSE,
	CLOZE_OPEN,
	deckMarkdown,
	flattenFront,
	itemMarkdown,
	ownDeckId,
	tagSlug,
	type DeckDraft,
	type DraftProblem
} from '../deck-draft.ts';
import { clozeQuestion, parseTemplate, renderTemplate, shownFields, type TemplateNode } from './template.ts';
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNotetype } from './types.ts';

export type { DeckDraft } from '../deck-draft.ts';

/** One answer from Anki's review log, for the item it became. */
export interface ImportedReview {
	deckId: string;
	itemId: string;
	rating: 1 | 2 | 3 | 4;
	/** Anki's revlog id: the answer time in ms since the epoch. */
	reviewedAt: number;
	durationMs: number;
	/** The revlog id again, to tell an answer already imported from a new one. */
	ankiId: number;
}

export interface AnkiImportResult {
	decks: DeckDraft[];
	/** In answer order. */
	reviews: ImportedReview[];
	/**
	 * The cards suspended in Anki (`deck-id/item-id`), each with the moment it was made there (an Anki
	 * card's id is its creation time, ms): it was suspended then or later.
	 */
	suspended: { cardId: string; since: number }[];
	/** What did not come over as it was, in plain words, for the person to read. */
	notices: string[];
}

export interface AnkiImportOptions {
	topic: TopicSlug;
	/**
	 * Deck ids already in use. To update an earlier import, leave its deck ids out: the same Anki deck
	 * then gets the same id again, and its cards the same item ids, so their history carries on.
	 */
	takenIds: ReadonlySet<string>;
	/** When the import happens (ms), for the decks' descriptions. */
	importedAt: number;
}

/** A review log entry's time is the person's thinking time; longer than this, they walked away. */
const MAX_DURATION_MS = 60 * 60 * 1000;
/** Anki's review log types that are not answers: a manual reschedule (4) and "set due date" (5). */
const NOT_ANSWERS = new Set([4, 5]);

/** How a note type's cards are made: from its templates, or (when they cannot be read) from its first two fields. */
type Plan =
	| {
			kind: 'templates';
			notetype: AnkiNotetype;
			sides: { question: TemplateNode[]; answer: TemplateNode[]; shown: Set<string> }[];
	  }
	| { kind: 'fields'; name: string };

function planFor(notetype: AnkiNotetype | undefined): Plan {
	if (!notetype) return { kind: 'fields', name: 'an unknown note type' };
	const sides = [];
	for (const t of notetype.templates) {
		const question = parseTemplate(t.qfmt, notetype.fieldNames);
		// `{{FrontSide}}` and the rule Anki's default templates put after it: the question, shown again.
		const answer = parseTemplate(
			t.afmt.replace(/\{\{\s*FrontSide\s*\}\}(\s*<hr[^>]*>)?/gi, ''),
			notetype.fieldNames
		);
		if (!question || !answer) return { kind: 'fields', name: notetype.name };
		sides.push({ question, answer, shown: shownFields(question) });
	}
	const readable = notetype.kind === 'cloze' ? sides.length > 0 : sides.some((s) => s.shown.size > 0);
	return readable ? { kind: 'templates', notetype, sides } : { kind: 'fields', name: notetype.name };
}

/** PNG, JPEG, GIF and WebP, told by their first bytes (a file's name can lie). */
function imageType(bytes: Uint8Array): string | null {
	const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
	if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'png';
	if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
	if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'gif';
	if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
	return null;
}

function base64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/** Counts behind the notices, gathered while converting. */
class Tally {
	readonly counts = new Map<string, number>();
	readonly missingMedia = new Set<string>();
	readonly unsupportedMedia = new Set<string>();
	readonly fallback = new Map<string, number>();

	add(key: string, n = 1): void {
		this.counts.set(key, (this.counts.get(key) ?? 0) + n);
	}

	get(key: string): number {
		return this.counts.get(key) ?? 0;
	}
}

/** `n` with the singular or plural noun: `count(2, 'card')` is '2 cards'. */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** One of two wordings, by number. */
const by = (n: number, one: string, many: string) => (n === 1 ? one : many);

function notices(t: Tally): string[] {
	const out: string[] = [];
	for (const [name, n] of t.fallback) {
		out.push(
			`The card templates of the note type “${name}” could not be read, so its ${count(n, 'note')} came over with the first field as the prompt and the second as the answer.`
		);
	}
	const say = (key: string, text: (n: number) => string) => {
		const n = t.get(key);
		if (n) out.push(text(n));
	};
	const left = (n: number) => by(n, 'was left out', 'were left out');
	say('empty-prompt', (n) => `${count(n, 'card')} had nothing on the question side and ${left(n)}.`);
	say('empty-answer', (n) => `${count(n, 'card')} had nothing on the answer side and ${left(n)}.`);
	say(
		'bad-cloze',
		(n) =>
			`${count(n, 'cloze card')} had no usable deletion for ${by(n, 'its', 'their')} number and ${left(n)}.`
	);
	say(
		'shared-deletion',
		(n) =>
			`${count(n, 'cloze card')} hid several parts under one number: ${by(n, 'it became a plain card', 'they became plain cards')}, the parts shown as […] and listed in the answer.`
	);
	say(
		'no-template',
		(n) => `${count(n, 'card')} pointed at a card template the note type does not have and ${left(n)}.`
	);
	say('no-note', (n) => `${count(n, 'card')} had no note in the file and ${left(n)}.`);
	say(
		'extra-card',
		(n) =>
			`${count(n, 'further card')} of notes read from their first two fields ${left(n)} (one card per note).`
	);
	say('sound', (n) => `${count(n, 'sound')} could not come over: this app plays no audio.`);
	const missing = t.missingMedia.size;
	if (missing) {
		out.push(
			`${count(missing, 'image')} named in notes ${by(missing, 'was', 'were')} not in the file; only ${by(missing, 'its', 'their')} description (if any) was kept.`
		);
	}
	const unsupported = t.unsupportedMedia.size;
	if (unsupported)
		out.push(
			`${count(unsupported, 'image')} ${by(unsupported, 'was', 'were')} not PNG, JPEG, GIF or WebP and ${left(unsupported)}.`
		);
	say(
		'not-answer',
		(n) =>
			`${count(n, 'review log entry', 'review log entries')} ${by(n, 'was not an answer (a reschedule or manual change) and was', 'were not answers (reschedules or manual changes) and were')} skipped.`
	);
	say(
		'orphan-review',
		(n) => `${count(n, 'review')} of cards that did not come over ${by(n, 'was', 'were')} skipped.`
	);
	return out;
}

/** The sides of one card as HTML, or why there are none. */
type CardSides = { question: string; answer: string; cloze: number; deletions: number } | 'no-template';

function cardSides(card: AnkiCard, note: AnkiNote, plan: Extract<Plan, { kind: 'templates' }>): CardSides {
	const { notetype } = plan;
	const fields = new Map(notetype.fieldNames.map((name, i) => [name.toLowerCase(), note.fields[i] ?? '']));
	const cloze = notetype.kind === 'cloze';
	const sides = plan.sides[cloze ? 0 : card.ord];
	if (!sides) return 'no-template';
	const q = renderTemplate(sides.question, {
		fields,
		side: 'question',
		omit: sides.shown,
		cloze: card.ord + 1
	});
	const a = renderTemplate(sides.answer, { fields, side: 'answer', omit: sides.shown, cloze: card.ord + 1 });
	return { question: q.html, answer: a.html, cloze: cloze ? card.ord + 1 : 0, deletions: q.deletions };
}

/**
 * Converts an Anki collection (from the Anki reader, `read.ts`) into the person's own decks: one deck
 * per Anki deck that holds cards, one item per card, in the deck grammar, with the review history and
 * the suspended cards. Field HTML is sanitised and turned into Markdown; images come along inline.
 * Item ids are `a<card id>`, so a second import of the same file maps onto the same items.
 *
 * A standard note type's card asks what its question template shows and answers with what its answer
 * template adds; a cloze card asks its own deletion. `notices` says, in plain words, what did not come
 * over as it was. Runs on the page (the sanitiser needs a DOM).
 *
 * @example
 * const { decks, reviews } = ankiToDecks(collection, { topic: 'databases', takenIds: new Set(), importedAt: now });
 */
export function ankiToDecks(collection: AnkiCollection, options: AnkiImportOptions): AnkiImportResult {
	const steps = convert(collection, options);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** How `ankiToDecksInSlices` slices its work. */
export interface Slicing {
	/** How long it works before it lets the page paint, in ms (30; below 0, a pause at every step). */
	sliceMs?: number;
	/** Hears, at each pause, how many of the cards are done. */
	onProgress?: (done: number, total: number) => void;
}

/**
 * `ankiToDecks`, in slices of about 30 ms with a task between them, so that the page stays responsive
 * while a large collection converts (20,000 notes took 1.2 s in one piece).
 */
export async function ankiToDecksInSlices(
	collection: AnkiCollection,
	options: AnkiImportOptions,
	{ sliceMs = 30, onProgress }: Slicing = {}
): Promise<AnkiImportResult> {
	const steps = convert(collection, options);
	let slice = performance.now();
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		if (performance.now() - slice > sliceMs) {
			onProgress?.(step.value, collection.cards.length);
			await new Promise((resolve) => setTimeout(resolve, 0));
			slice = performance.now();
		}
	}
}

/** How many cards, or reviews, the conversion does between two chances to pause. */
const CARDS_PER_STEP = 10;
const REVIEWS_PER_STEP = 2_000;

/**
 * The conversion, pausing (yielding how many cards are done) every `CARDS_PER_STEP` cards, before each
 * deck's Markdown, and every `REVIEWS_PER_STEP` reviews.
 */
function* convert(
	collection: AnkiCollection,
	options: AnkiImportOptions
): Generator<number, AnkiImportResult> {
	const tally = new Tally();
	const plans = new Map<number, Plan>();
	const notetypes = new Map(collection.notetypes.map((n) => [n.id, n]));
	const notes = new Map(collection.notes.map((n) => [n.id, n]));

	const dataUris = new Map<string, string | null>();
	const image = (name: string): string | null => {
		const cached = dataUris.get(name);
		if (cached !== undefined) return cached;
		let decoded = name;
		try {
			decoded = decodeURIComponent(name);
		} catch {
			// A name with a lone % is taken as written.
		}
		const bytes = collection.media[name] ?? collection.media[decoded];
		const type = bytes ? imageType(bytes) : null;
		if (!bytes) tally.missingMedia.add(name);
		else if (!type) tally.unsupportedMedia.add(name);
		const uri = bytes && type ? `data:image/${type};base64,${base64(bytes)}` : null;
		dataUris.set(name, uri);
		return uri;
	};
	// The same HTML (a field shown on several cards, a repeated label) is converted once.
	const converted = new Map<string, string>();
	const markdown = (html: string): string => {
		let md = converted.get(html);
		if (md === undefined) {
			const withoutSounds = html.replace(/\[sound:[^\]]*\]/g, () => {
				tally.add('sound');
				return '';
			});
			md = htmlToMarkdown(withoutSounds, { image });
			converted.set(html, md);
		}
		return md;
	};

	const cards = [...collection.cards].sort((a, b) => a.noteId - b.noteId || a.ord - b.ord || a.id - b.id);
	const byDeck = new Map<string, { items: string[]; cards: AnkiCard[] }>();
	const firstCardOfNote = new Set<number>();
	for (const [done, card] of cards.entries()) {
		if (done % CARDS_PER_STEP === 0) yield done;
		const note = notes.get(card.noteId);
		if (!note) {
			tally.add('no-note');
			continue;
		}
		let plan = plans.get(note.notetypeId);
		if (!plan) {
			plan = planFor(notetypes.get(note.notetypeId));
			plans.set(note.notetypeId, plan);
		}
		const fields = note.fields.map((f) => f.replace(/[\uE000-\uE002]/g, ''));
		let item: string | DraftProblem | 'no-template';
		if (plan.kind === 'fields') {
			if (firstCardOfNote.has(note.id)) {
				tally.add('extra-card');
				continue;
			}
			firstCardOfNote.add(note.id);
			tally.fallback.set(plan.name, (tally.fallback.get(plan.name) ?? 0) + 1);
			item = itemMarkdown({
				id: `a${card.id}`,
				// A cloze note read this way shows its whole text: Anki's {{c1::…}} marks would read as noise.
				front: markdown(clozeQuestion(fields[0] ?? '', 0).html),
				back: markdown(clozeQuestion(fields[1] ?? '', 0).html),
				cloze: false,
				tags: tagsOf(note)
			});
		} else {
			const sides = cardSides(card, { ...note, fields }, plan);
			item = sides === 'no-template' ? sides : cardItem(card, note, sides, markdown, tally);
		}
		if (
			item === 'no-template' ||
			item === 'empty-prompt' ||
			item === 'empty-answer' ||
			item === 'bad-cloze'
		) {
			tally.add(item);
			continue;
		}
		const deck = byDeck.get(card.deck) ?? { items: [], cards: [] };
		byDeck.set(card.deck, deck);
		deck.items.push(item);
		deck.cards.push(card);
	}

	const taken = new Set(options.takenIds);
	const decks: DeckDraft[] = [];
	const itemOf = new Map<number, { deckId: string; itemId: string }>();
	const suspended: AnkiImportResult['suspended'] = [];
	const description = `Imported from Anki on ${new Date(options.importedAt).toISOString().slice(0, 10)}.`;
	for (const name of [...byDeck.keys()].sort()) {
		yield cards.length;
		const deck = byDeck.get(name)!;
		const title =
			name
				.split('::')
				.map((level) => level.trim())
				.filter(Boolean)
				.join(' › ') || 'Anki deck';
		const id = ownDeckId(title, taken);
		decks.push({
			id,
			title,
			markdown: deckMarkdown({ id, title, topic: options.topic, description, items: deck.items })
		});
		for (const card of deck.cards) {
			itemOf.set(card.id, { deckId: id, itemId: `a${card.id}` });
			if (card.suspended) suspended.push({ cardId: `${id}/a${card.id}`, since: card.id });
		}
	}

	const reviews: ImportedReview[] = [];
	for (const [i, r] of collection.reviews.entries()) {
		if (i % REVIEWS_PER_STEP === 0) yield cards.length;
		if (r.ease < 1 || r.ease > 4 || NOT_ANSWERS.has(r.type)) {
			tally.add('not-answer');
			continue;
		}
		const target = itemOf.get(r.cardId);
		if (!target) {
			tally.add('orphan-review');
			continue;
		}
		const durationMs = Math.min(MAX_DURATION_MS, Math.max(0, Number.isFinite(r.timeMs) ? r.timeMs : 0));
		reviews.push({ ...target, rating: r.ease as 1 | 2 | 3 | 4, reviewedAt: r.id, durationMs, ankiId: r.id });
	}
	reviews.sort((a, b) => a.reviewedAt - b.reviewedAt);
	return { decks, reviews, suspended, notices: notices(tally) };
}

function tagsOf(note: AnkiNote): string[] {
	return [...new Set(note.tags.map(tagSlug).filter(Boolean))];
}

/**
 * One card's item. A cloze card that hides one part is a `.cloze` item; one that hides several parts
 * under its number (Anki hides them together) cannot be, as the grammar has one deletion per prompt,
 * so it becomes a plain card: the parts show as […] and the answer lists them.
 */
function cardItem(
	card: AnkiCard,
	note: AnkiNote,
	sides: Exclude<CardSides, 'no-template'>,
	markdown: (html: string) => string,
	tally: Tally
): string | DraftProblem {
	const base = { id: `a${card.id}`, tags: tagsOf(note) };
	const back = markdown(sides.answer).replace(/^(?:\* \* \*\s*)+|(?:\s*\* \* \*)+$/g, '');
	const front = markdown(sides.question);
	if (!sides.cloze) return itemMarkdown({ ...base, front, back, cloze: false });
	if (sides.deletions <= 1) return itemMarkdown({ ...base, front, back, cloze: true });
	tally.add('shared-deletion');
	const hidden: string[] = [];
	const { line } = flattenFront(front);
	const prompt = line.replace(
		new RegExp(`${CLOZE_OPEN}([^${CLOZE_CLOSE}]*)${CLOZE_CLOSE}`, 'g'),
		(_, text: string) => {
			hidden.push(text.trim());
			return '\\[…\\]';
		}
	);
	return itemMarkdown({
		...base,
		front: prompt,
		back: [hidden.join(' · '), back].filter(Boolean).join('\n\n'),
		cloze: false
	});
}
