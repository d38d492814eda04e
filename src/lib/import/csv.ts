import MarkdownIt from 'markdown-it';
import Papa from 'papaparse';
import { htmlToMarkdown } from '../content/html-to-markdown.ts';
import type { Deck, TopicSlug } from '../decks/types.ts';
import { clozeQuestion } from './anki/template.ts';
import {
	CLOZE_CLOSE,
	CLOZE_OPEN,
	deckMarkdown,
	itemMarkdown,
	ownDeckId,
	shortHash,
	tagSlug,
	type DeckDraft
} from './deck-draft.ts';

/**
 * CSV in and out of the person's own decks. A cell is read as Markdown with HTML allowed (what other
 * apps export is plain text or HTML, both of which read that way, and what `deckToCsv` writes is
 * Markdown), rendered, sanitised and turned into deck Markdown, so nothing in a cell can break the
 * deck grammar or run code.
 */

export type CsvDelimiter = ',' | '\t' | ';';

export interface CsvTable {
	rows: string[][];
	delimiter: CsvDelimiter;
	/** Whether the first row looks like column names (`front`, `question`, `tags`…): a guess the person can overrule. */
	hasHeader: boolean;
}

const HEADER_WORD =
	/^(?:front|back|question|answer|prompt|response|term|definition|word|meaning|translation|tags?|notes?|extra|side ?[12ab]|[qa])$/i;

/**
 * Reads CSV text (comma, tab or semicolon separated, quoted fields with embedded newlines, a UTF-8 BOM
 * or none) into rows of cells, and guesses the delimiter and whether the first row is a header.
 *
 * @example
 * readCsv('front;back\nHola;Hello') // { rows: [['front', 'back'], ['Hola', 'Hello']], delimiter: ';', hasHeader: true }
 */
export function readCsv(text: string): CsvTable {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		delimitersToGuess: [',', '\t', ';'],
		skipEmptyLines: 'greedy'
	});
	const delimiter = (
		['\t', ';'].includes(parsed.meta.delimiter) ? parsed.meta.delimiter : ','
	) as CsvDelimiter;
	const rows = parsed.data;
	const first = rows[0] ?? [];
	const hasHeader =
		first.some((cell) => HEADER_WORD.test(cell.trim())) &&
		first.every((cell) => cell.length < 40 && !/[<>]/.test(cell));
	return { rows, delimiter, hasHeader };
}

export interface CsvDeckOptions {
	/** Column indexes, from 0. */
	front: number;
	back: number;
	tags?: number;
	hasHeader: boolean;
	title: string;
	topic: TopicSlug;
	takenIds: ReadonlySet<string>;
}

export interface CsvDeckResult {
	deck: DeckDraft;
	/** Rows that made no card, by their number in the file's rows (1 = the first row, header included). */
	skipped: { row: number; reason: string }[];
}

let markdownIt: ReturnType<typeof MarkdownIt> | null = null;

/** Markdown with HTML allowed; single newlines stay line breaks, as a person typing in a spreadsheet means them. */
function cellToHtml(cell: string): string {
	markdownIt ??= new MarkdownIt('commonmark', { html: true, breaks: true });
	return markdownIt.render(cell);
}

/**
 * A cell's one cloze deletion, marked for `itemMarkdown`: Anki's `{{c1::text::hint}}` (number 1 is the
 * card; other numbers show their text) or this app's own `{{text}}`. Null when the cell has none, or
 * more than one, which then reads as plain text.
 */
function markCloze(cell: string): string | null {
	if (/\{\{c\d+::/.test(cell)) {
		const marked = clozeQuestion(cell, 1);
		return marked.deletions === 1 ? marked.html : null;
	}
	const own = [...cell.matchAll(/\{\{([^{}]+)\}\}/g)];
	if (own.length !== 1) return null;
	return cell.replace(/\{\{([^{}]+)\}\}/, `${CLOZE_OPEN}$1${CLOZE_CLOSE}`);
}

function splitTags(cell: string): string[] {
	const parts = cell.includes(',') ? cell.split(',') : cell.split(/\s+/);
	return [...new Set(parts.map(tagSlug).filter(Boolean))];
}

/**
 * Makes a deck of CSV rows: one flashcard per row, from the chosen front, back and tags columns. A front
 * with one `{{deletion}}` (or Anki's `{{c1::…}}`) makes a cloze card. Item ids are a hash of the front,
 * so importing the same file again (or a CSV this app exported) maps onto the same cards; a row whose
 * front repeats an earlier one is skipped.
 *
 * @example
 * const { deck, skipped } = csvToDeck(readCsv(text).rows, { front: 0, back: 1, hasHeader: true, title: 'Spanish', topic: 'behavioral', takenIds });
 */
export function csvToDeck(rows: readonly (readonly string[])[], options: CsvDeckOptions): CsvDeckResult {
	const skipped: CsvDeckResult['skipped'] = [];
	const items: string[] = [];
	const firstRow = new Map<string, number>();
	rows.forEach((cells, index) => {
		const row = index + 1;
		if (options.hasHeader && index === 0) return;
		const frontCell = (cells[options.front] ?? '').replace(/[\uE000-\uE002]/g, '').trim();
		const backCell = (cells[options.back] ?? '').replace(/[\uE000-\uE002]/g, '').trim();
		if (!frontCell) return void skipped.push({ row, reason: 'the front is empty' });
		const key = frontCell.replace(/\s+/g, ' ');
		const id = `c${shortHash(key)}`;
		const first = firstRow.get(id);
		if (first !== undefined) return void skipped.push({ row, reason: `the same front as row ${first}` });
		const cloze = markCloze(frontCell);
		const item = itemMarkdown({
			id,
			front: htmlToMarkdown(cellToHtml(cloze ?? frontCell)),
			back: backCell ? htmlToMarkdown(cellToHtml(backCell)) : '',
			cloze: cloze !== null,
			tags: options.tags === undefined ? [] : splitTags(cells[options.tags] ?? '')
		});
		if (item === 'empty-prompt') skipped.push({ row, reason: 'the front has no text once cleaned' });
		else if (item === 'empty-answer') skipped.push({ row, reason: 'the back is empty' });
		else if (item === 'bad-cloze') skipped.push({ row, reason: 'the front’s {{deletion}} has no text' });
		else {
			firstRow.set(id, row);
			items.push(item);
		}
	});
	const title = options.title.trim() || 'CSV deck';
	const id = ownDeckId(title, new Set(options.takenIds));
	const markdown = deckMarkdown({
		id,
		title,
		topic: options.topic,
		description: 'Imported from a CSV file.',
		items
	});
	return { deck: { id, title, markdown }, skipped };
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a Markdown backslash in
 * front: the card reads the same when imported again, and the spreadsheet shows text.
 */
function defuse(cell: string): string {
	return /^[=+\-@]/.test(cell) ? `\\${cell}` : cell;
}

/** A cloze card's front with its deletion written back as `{{…}}`, the form `csvToDeck` reads. */
function clozeFront(clozeHtml: string): string {
	const marked = clozeHtml.replace(/<mark class="cloze">([\s\S]*?)<\/mark>/, `${CLOZE_OPEN}$1${CLOZE_CLOSE}`);
	return htmlToMarkdown(marked).replace(CLOZE_OPEN, '{{').replace(CLOZE_CLOSE, '}}');
}

/** What a CSV export of `deck` holds and leaves out (quiz and interview questions have no front/back form). */
export function csvExportCounts(deck: Deck): { exported: number; leftOut: number } {
	const exported = deck.items.filter((i) => i.kind === 'flashcard').length;
	return { exported, leftOut: deck.items.length - exported };
}

/**
 * Writes a deck's flashcards as CSV (`front,back,tags`, a header row, CRLF line ends, cells quoted when
 * needed), their HTML turned back into Markdown, so `readCsv` + `csvToDeck` make the same cards again.
 * Quiz and interview questions are left out; `csvExportCounts` says how many.
 *
 * @example
 * deckToCsv(deck) // 'front,back,tags\r\nWhat does `EXPLAIN` show?,The **plan**.,sql\r\n'
 */
export function deckToCsv(deck: Deck): string {
	const rows = [['front', 'back', 'tags']];
	for (const item of deck.items) {
		if (item.kind !== 'flashcard') continue;
		const front = item.cloze ? clozeFront(item.clozeHtml) : htmlToMarkdown(item.promptHtml);
		rows.push([defuse(front), defuse(htmlToMarkdown(item.answerHtml)), item.tags.join(', ')]);
	}
	return Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
}
