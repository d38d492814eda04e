import type { SqlError } from './types';

/** What PGlite's `DatabaseError` carries that we use (its `position` is a string, in characters). */
interface PgErrorFields {
	message: string;
	code?: string;
	position?: string;
	detail?: string;
	hint?: string;
}

/** Whether `e` is an error PostgreSQL reported (PGlite's `DatabaseError`), not a failure of PGlite itself. */
export function isPgError(e: unknown): e is Error & PgErrorFields {
	return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'severity' in e;
}

/**
 * PostgreSQL's error as the app shows it, its position moved from PostgreSQL's count (characters, that is
 * code points) to JavaScript's (UTF-16 code units) in `sql`, the text that was run.
 *
 * @example toSqlError(e, "SELECT '😀', nope").position // 14: PostgreSQL said 13
 */
export function toSqlError(e: Error & PgErrorFields, sql: string): SqlError {
	const error: SqlError = { message: e.message, code: e.code ?? 'XX000' };
	const position = Number(e.position);
	if (e.position && Number.isInteger(position) && position > 0) error.position = utf16Position(sql, position);
	if (e.detail) error.detail = e.detail;
	if (e.hint) error.hint = e.hint;
	return error;
}

/** The 1-based UTF-16 position of the `position`-th (1-based) code point of `text`. */
export function utf16Position(text: string, position: number): number {
	let units = 0;
	let seen = 0;
	for (const char of text) {
		if (++seen === position) break;
		units += char.length;
	}
	return units + 1;
}
