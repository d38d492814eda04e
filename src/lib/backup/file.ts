import { BackupError, FORMAT_NAME, parseBackup, type Backup } from './format';

// From a chosen file to a checked `Backup`, refusing early and cheaply what cannot be one: a file over
// the size limit is refused by its size, anything that is neither gzip nor JSON by its first bytes, and
// anything whose text does not start as a backup does by its first few dozen characters, before the
// rest is read. Only then is the whole text read (streamed through the browser's DecompressionStream,
// up to a limit), parsed and checked (format.ts).

/** The largest file accepted: a backup of 500,000 answers is about 15 MB compressed. */
export const MAX_FILE_BYTES = 200 * 2 ** 20;
/** The most text a file may unpack to: 500,000 answers are about 90 MB of JSON. */
export const MAX_TEXT_CHARS = 400 * 2 ** 20;

const GZIP = [0x1f, 0x8b];
/** `{`, or whitespace before it: how an uncompressed backup (someone unpacked it) begins. */
const JSON_START = [0x7b, 0x20, 0x09, 0x0a, 0x0d];
const START = new RegExp(`^\\s*\\{\\s*"format"\\s*:\\s*"${FORMAT_NAME}"`);
/** Enough characters to see the start `START` matches, whitespace and all. */
const START_CHARS = 64;

const NOT_A_BACKUP = 'This file is not a Rehearse backup (they are named rehearse-backup-….json.gz).';

function megabytes(bytes: number): string {
	return `${Math.round(bytes / 2 ** 20)} MB`;
}

/** The text of a backup file, compressed or not, read in chunks; refused at the first sign it is not one. */
async function backupText(file: Blob): Promise<string> {
	if (file.size > MAX_FILE_BYTES)
		throw new BackupError(
			`This file is ${megabytes(file.size)}, more than a backup can be (${megabytes(MAX_FILE_BYTES)}): it is not a Rehearse backup.`
		);
	const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
	const gzip = magic[0] === GZIP[0] && magic[1] === GZIP[1];
	if (!gzip && !JSON_START.includes(magic[0] ?? 0)) throw new BackupError(NOT_A_BACKUP);
	const bytes = gzip ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
	const reader = bytes.pipeThrough(new TextDecoderStream('utf-8', { fatal: true })).getReader();
	const chunks: string[] = [];
	let length = 0;
	let checked = false;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			length += value.length;
			if (!checked && length >= START_CHARS) {
				if (!START.test(chunks.join('').slice(0, START_CHARS))) throw new BackupError(NOT_A_BACKUP);
				checked = true;
			}
			if (length > MAX_TEXT_CHARS)
				throw new BackupError(
					`This file unpacks to more than ${megabytes(MAX_TEXT_CHARS)}, more than a backup can be: it is not a Rehearse backup.`
				);
		}
	} catch (e) {
		void reader.cancel().catch(() => {});
		if (e instanceof BackupError) throw e;
		throw new BackupError(
			gzip
				? 'This backup is damaged: its compressed data is cut short or corrupt (was the download finished?).'
				: 'This file is not a Rehearse backup: it is not text.'
		);
	}
	const text = chunks.join('');
	if (!checked && !START.test(text)) throw new BackupError(NOT_A_BACKUP);
	return text;
}

/**
 * Reads and checks a backup file (a `File` from a file input, or any `Blob`). Throws a `BackupError`
 * whose message says what is wrong, and where, for anything that is not a sound backup.
 */
export async function readBackup(file: Blob): Promise<Backup> {
	const text = await backupText(file);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		const detail = e instanceof Error ? ` (${e.message})` : '';
		throw new BackupError(`This backup is damaged: it is not complete, valid JSON${detail}.`);
	}
	return parseBackup(data);
}

/** Compresses a backup's JSON (any Blob) with gzip, as the browser's CompressionStream does it. */
export async function gzipBlob(json: Blob): Promise<Blob> {
	const stream = json.stream().pipeThrough(new CompressionStream('gzip'));
	return new Response(stream, { headers: { 'content-type': 'application/gzip' } }).blob();
}
