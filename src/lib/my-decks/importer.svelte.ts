import { forgetOwnDecks } from '$lib/catalog';
import { now } from '$lib/clock';
import type { RehearseDB } from '$lib/db/schema';
import type { DeckSummary, TopicSlug } from '$lib/decks/types';
import type { CsvDeckOptions, CsvTable } from '$lib/import/csv';
import type { ImportedAnswer, ImportedSuspension } from '$lib/db/import';
import { OWN_DECK_PREFIX } from '$lib/decks/types';
import { allIds, kindsOf, takenByOthers } from './file-kinds';

/** A CSV file read and waiting for the person to say which column is which. */
export interface PendingCsv {
	fileName: string;
	table: CsvTable;
}

/** What an import stored, for the person to read. */
export interface ImportSummary {
	decks: { id: string; title: string; cards: number }[];
	answers: { added: number; known: number };
	notices: string[];
}

function plural(n: number, word: string): string {
	return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The import screen's work: a picked file read by the importer its name says (an Anki package in a
 * worker, a CSV after the person maps its columns, deck Markdown files as they are), every deck compiled
 * here with the same parser as ours, then stored with its history in one transaction. Any error stops
 * it before anything is written, with a sentence that says what and where.
 */
export class Importer {
	busy = $state(false);
	status = $state('');
	/** How far the import is, from 0 to 1, while one runs; null when it cannot tell or none runs. */
	progress = $state<number | null>(null);
	problem = $state<string | null>(null);
	csv = $state.raw<PendingCsv | null>(null);
	summary = $state.raw<ImportSummary | null>(null);
	#db: () => RehearseDB;
	#decks: () => readonly DeckSummary[];

	constructor(db: () => RehearseDB, decks: () => readonly DeckSummary[]) {
		this.#db = db;
		this.#decks = decks;
	}

	async choose(files: readonly File[], topic: TopicSlug): Promise<void> {
		this.problem = null;
		this.summary = null;
		this.csv = null;
		if (files.length === 0) return;
		const names = files.map((f) => f.name).join(', ');
		try {
			this.busy = true;
			const kinds = kindsOf(files);
			if (kinds.length > 1)
				throw new Error('Pick files of one kind at a time: Anki packages, a CSV file, or Markdown decks.');
			const [kind] = kinds;
			if (kind === 'anki') {
				if (files.length > 1) throw new Error('Pick one Anki package at a time.');
				await this.#anki(files[0]!, topic);
			} else if (kind === 'csv') {
				if (files.length > 1) throw new Error('Pick one CSV file at a time.');
				const { readCsv } = await import('$lib/import/csv');
				const table = readCsv(await files[0]!.text());
				if (table.rows.length === 0) throw new Error('The file has no rows.');
				this.csv = { fileName: files[0]!.name, table };
			} else if (kind === 'markdown') {
				await this.#markdown(files);
			} else {
				throw new Error(
					'Rehearse imports Anki packages (.apkg, .colpkg), CSV or TSV files, and Markdown decks (.md).'
				);
			}
		} catch (e) {
			this.problem = `${names} was not imported, and nothing here changed. ${reason(e)}`;
		} finally {
			this.busy = false;
			this.status = '';
			this.progress = null;
		}
	}

	async #anki(file: File, topic: TopicSlug): Promise<void> {
		this.status = `Reading ${file.name}…`;
		this.progress = 0;
		const [{ readAnkiFile }, { ankiToDecksInSlices }] = await Promise.all([
			import('$lib/import/anki/client'),
			import('$lib/import/anki/convert')
		]);
		const collection = await readAnkiFile(file, (done, total) => {
			this.status = `Reading ${file.name}: step ${done} of ${total}…`;
			this.progress = SHARE.read * (done / total);
		});
		this.status = `Turning ${plural(collection.notes.length, 'note')} into cards…`;
		const taken = takenByOthers(this.#decks());
		const result = await ankiToDecksInSlices(
			collection,
			{ topic, takenIds: taken, importedAt: now() },
			{ onProgress: (done, total) => (this.progress = SHARE.read + SHARE.convert * (done / total)) }
		);
		if (result.decks.length === 0) throw new Error('The package has no cards to import.');
		const notices = [...result.notices];
		if (result.suspended.length)
			notices.push(
				`${plural(result.suspended.length, 'card')} suspended in Anki ${result.suspended.length === 1 ? 'is' : 'are'} suspended here too: search is:suspended in Browse to see ${result.suspended.length === 1 ? 'it' : 'them'}.`
			);
		await this.#store(
			result.decks,
			result.reviews.map((r) => ({
				cardId: `${r.deckId}/${r.itemId}`,
				rating: r.rating,
				reviewedAt: r.reviewedAt,
				durationMs: r.durationMs
			})),
			notices,
			result.suspended
		);
	}

	/** The pending CSV as a deck, with the columns the person chose. */
	async importCsv(mapping: Omit<CsvDeckOptions, 'takenIds'>): Promise<void> {
		const pending = this.csv;
		if (!pending) return;
		this.problem = null;
		try {
			this.busy = true;
			const { csvToDeck } = await import('$lib/import/csv');
			const { deck, skipped } = csvToDeck(pending.table.rows, {
				...mapping,
				takenIds: allIds(this.#decks())
			});
			const notices = skipped.map((s) => `Row ${s.row} made no card: ${s.reason}.`);
			await this.#store([deck], [], notices);
			this.csv = null;
		} catch (e) {
			this.problem = `${pending.fileName} was not imported, and nothing here changed. ${reason(e)}`;
		} finally {
			this.busy = false;
			this.status = '';
		}
	}

	async #markdown(files: readonly File[]): Promise<void> {
		const drafts = [];
		for (const file of files) {
			// A deck file of ours (shipped, or exported by someone) becomes the person's own copy.
			const markdown = (await file.text()).replace(
				/^(---\r?\n(?:.*\r?\n)*?)id:\s*(?!my-)(\S+)/,
				`$1id: ${OWN_DECK_PREFIX}$2`
			);
			const id = /^---\r?\n(?:.*\r?\n)*?id:\s*(\S+)/.exec(markdown)?.[1] ?? file.name;
			drafts.push({ id, title: file.name, markdown });
		}
		await this.#store(drafts, [], []);
	}

	async #store(
		drafts: readonly { id: string; markdown: string }[],
		answers: readonly ImportedAnswer[],
		notices: string[],
		suspended: readonly ImportedSuspension[] = []
	): Promise<void> {
		this.status = `Checking ${plural(drafts.length, 'deck')}…`;
		const [{ compileDecksOffThread }, { storeImport }] = await Promise.all([
			import('./compile-off-thread'),
			import('$lib/db/import')
		]);
		// The decks compile in a worker while their history is stored: it needs only the cards' ids. A
		// deck that fails to compile stops the import before anything is written.
		const compiling = compileDecksOffThread(drafts);
		const ready = compiling.then((compiled) =>
			drafts.map((d) => ({ markdown: d.markdown, deck: compiled.get(d.id)! }))
		);
		// Marked as handled here: storeImport awaits it, and reports its error.
		ready.catch(() => undefined);
		if (answers.length)
			this.status = `Checking ${plural(drafts.length, 'deck')} and saving ${plural(answers.length, 'answer')}…`;
		const from = this.progress;
		const plan = await storeImport(this.#db(), ready, answers, now(), {
			suspended,
			progress: (done, total) => {
				if (from !== null) this.progress = done === total ? 1 : from + (1 - from) * (done / total);
			}
		});
		const compiled = await compiling;
		forgetOwnDecks();
		this.summary = {
			decks: [...compiled.values()].map((d) => ({ id: d.id, title: d.title, cards: d.items.length })),
			answers: { added: plan.added, known: plan.known },
			notices
		};
	}
}

/** The share of the progress bar each step of an Anki import takes; storing takes the rest. */
const SHARE = { read: 0.25, convert: 0.15 };

function reason(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
