/**
 * When something is (or was) due, to follow the word "due": "3 days ago", "yesterday at 14:05",
 * "today at 14:05", "tomorrow at 04:00", "Mon 12 Jan", or "Sat 8 Jan 2028" when the year is not this
 * one. Days are the person's calendar days, in their locale's words and clock.
 */
export function formatWhen(ms: number, now: number, locale?: string): string {
	const when = new Date(ms);
	const today = new Date(now);
	const time = when.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
	const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
	const days = Math.round((startOf(when) - startOf(today)) / 86_400_000);
	if (days < -1) return `${-days} days ago`;
	if (days === -1) return `yesterday at ${time}`;
	if (days === 0) return `today at ${time}`;
	if (days === 1) return `tomorrow at ${time}`;
	return when.toLocaleDateString(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: when.getFullYear() === today.getFullYear() ? undefined : 'numeric'
	});
}

/** "12 Jan 2026, 14:05" — when a past quiz or interview started, in the person's locale. */
export function formatDateTime(ms: number): string {
	return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}
