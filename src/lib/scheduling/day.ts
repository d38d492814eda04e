const DAY_MS = 86_400_000;

/**
 * The review day a moment belongs to, as a whole number of days since 1970-01-01 in local time,
 * where a day starts at `dayStartHour` (0–23) rather than midnight. With the default 4, an answer at
 * 01:30 on Tuesday still counts for Monday, like Anki's "next day starts at".
 *
 * @example dayOf(new Date(2026, 0, 6, 1, 30).getTime(), 4) === dayOf(new Date(2026, 0, 5, 12).getTime(), 4)
 */
export function dayOf(now: number, dayStartHour: number): number {
	// By the wall clock, like `dayStartsAt`: on a day the clocks change, subtracting the hours in
	// elapsed time would put the hour after the change on the wrong day.
	const at = new Date(now);
	const date = Math.round(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / 86_400_000);
	return at.getHours() < dayStartHour ? date - 1 : date;
}

/** The moment (ms) review day `day` starts, in local time. */
export function dayStartsAt(day: number, dayStartHour: number): number {
	const d = new Date(day * DAY_MS);
	return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), dayStartHour).getTime();
}

/** The moment (ms) the review day containing `now` ends: cards due before it are due "today". */
export function dayEndsAt(now: number, dayStartHour: number): number {
	return dayStartsAt(dayOf(now, dayStartHour) + 1, dayStartHour);
}
