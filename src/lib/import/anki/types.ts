/**
 * What the Anki reader (read.ts, in a worker) gives the converter (convert.ts, on the page): the notes,
 * cards and review log of an `.apkg` or `.colpkg`, in the same shape whichever file format they came
 * from (the legacy `collection.anki2`/`collection.anki21` SQLite files or the zstd-compressed
 * `collection.anki21b`). Field text is Anki's raw HTML: nothing here is sanitised yet.
 */
export type AnkiFormat = 'anki2' | 'anki21' | 'anki21b';

export interface AnkiTemplate {
	name: string;
	/** The question template, e.g. `{{Front}}`. */
	qfmt: string;
	/** The answer template, e.g. `{{FrontSide}}<hr id=answer>{{Back}}`. */
	afmt: string;
}

export interface AnkiNotetype {
	id: number;
	name: string;
	/** Anki's own two kinds: a standard note type makes one card per template, a cloze type one per cloze number. */
	kind: 'standard' | 'cloze';
	fieldNames: string[];
	templates: AnkiTemplate[];
}

export interface AnkiNote {
	id: number;
	guid: string;
	notetypeId: number;
	/** Raw HTML, one per field of the note type, in its order. */
	fields: string[];
	tags: string[];
}

export interface AnkiCard {
	id: number;
	noteId: number;
	/** The template index (standard) or the cloze number minus one (cloze). */
	ord: number;
	/** The full deck name, `::` between levels, e.g. `Databases::Indexes`. */
	deck: string;
	/** Suspended in Anki (queue −1). */
	suspended: boolean;
}

export interface AnkiReview {
	/** Anki's revlog id: the answer time in ms since the epoch (unique per collection). */
	id: number;
	cardId: number;
	/** 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual reschedule (not an answer). */
	ease: 0 | 1 | 2 | 3 | 4;
	/** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
	type: number;
	/** Time the person took to answer, ms. */
	timeMs: number;
}

/** An image the notes use that the reader left out, and why. */
export interface AnkiSkippedMedia {
	name: string;
	/** `too-large`: over the size limit (5 MB); `missing`: listed by the package but not in it. */
	reason: 'too-large' | 'missing';
}

export interface AnkiCollection {
	format: AnkiFormat;
	notetypes: AnkiNotetype[];
	notes: AnkiNote[];
	cards: AnkiCard[];
	reviews: AnkiReview[];
	/** Media files by the name notes use in `<img src="…">`, decompressed. */
	media: Record<string, Uint8Array>;
	/** Images left out of `media`, so the page can say which ones will not show. Audio and video are not listed. */
	skippedMedia: AnkiSkippedMedia[];
}
