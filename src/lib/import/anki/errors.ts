/**
 * The Anki reader's limits and its one error type. Kept apart from read.ts so that the page's side
 * (client.ts) can check a file's size and rebuild the worker's errors without loading SQLite or the
 * decompressors.
 */

const MB = 1024 * 1024;

export interface AnkiLimits {
	/** The package file as picked, checked before anything is unzipped. */
	maxBytes: number;
	/** The collection once unzipped (and un-zstd'd): a small zip can hold a huge file. */
	maxCollectionBytes: number;
	maxNotes: number;
	/** An image bigger than this is left out (and named in `skippedMedia`). */
	maxImageBytes: number;
}

export const ANKI_LIMITS: AnkiLimits = {
	maxBytes: 100 * MB,
	maxCollectionBytes: 1024 * MB,
	maxNotes: 50_000,
	maxImageBytes: 5 * MB
};

/** What went wrong, for code that wants to react to one case; the message is for the person. */
export type AnkiImportProblem =
	'not-zip' | 'no-collection' | 'corrupt' | 'too-new' | 'too-large' | 'too-many-notes' | 'reader-failed';

/** A package Rehearse cannot read, with a message that says what is wrong in words a person knows. */
export class AnkiImportError extends Error {
	readonly problem: AnkiImportProblem;

	constructor(problem: AnkiImportProblem, message: string) {
		super(message);
		this.name = 'AnkiImportError';
		this.problem = problem;
	}
}

/** `104857600` → `100 MB`, `1536` → `1.5 KB`: sizes as a person reads them. */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${Math.round(value * 10) / 10} ${units[unit]}`;
}

/** The refusal of a file over the size limit, said the same way on the page and in the worker. */
export function tooLargeError(bytes: number, limit: number): AnkiImportError {
	return new AnkiImportError(
		'too-large',
		`This file is ${formatBytes(bytes)}; Rehearse reads Anki packages of up to ${formatBytes(limit)}. ` +
			'In Anki, export fewer decks, or untick "Include media", and try again.'
	);
}
