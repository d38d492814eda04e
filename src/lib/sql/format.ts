/** PostgreSQL type oids whose values PGlite returns as JS Dates. */
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A result value as psql would print it, for the result table: NULL as null (the table marks it),
 * dates as `2026-03-01`, timestamps as `2026-03-01 09:30:00` (UTC for timestamptz, with `+00`), JSON
 * and arrays as PostgreSQL writes them, numbers and text as they are.
 */
export function formatValue(value: unknown, type: number): string | null {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return String(value);
		const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
		if (type === DATE) return day;
		const ms = value.getUTCMilliseconds();
		const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}${ms ? '.' + pad(ms, 3) : ''}`;
		return type === TIMESTAMPTZ
			? `${day} ${time}+00`
			: type === TIMESTAMP
				? `${day} ${time}`
				: value.toISOString();
	}
	if (Array.isArray(value)) return `{${value.map((v) => formatValue(v, 0) ?? 'NULL').join(',')}}`;
	if (typeof value === 'object') return JSON.stringify(value);
	if (typeof value === 'boolean') return value ? 't' : 'f';
	return String(value);
}

/**
 * Where PostgreSQL's error `position` falls (1-based, in UTF-16 units of the query, as the engine gives
 * it): its line and column (1-based) and that line's text, so the screen can point at it.
 */
export function errorLocation(
	query: string,
	position: number
): { line: number; column: number; text: string } {
	const lines = query.slice(0, Math.min(Math.max(position - 1, 0), query.length)).split('\n');
	const line = lines.length;
	return { line, column: (lines[line - 1] ?? '').length + 1, text: query.split('\n')[line - 1] ?? '' };
}
