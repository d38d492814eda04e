/** "today 14:05", "tomorrow 04:00", or "Mon 12 Jan" — when something is next due. */
export function formatWhen(ms: number, now: number): string {
	const when = new Date(ms);
	const time = when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
	const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
	const days = Math.round((startOf(when) - startOf(new Date(now))) / 86_400_000);
	if (days <= 0) return `today at ${time}`;
	if (days === 1) return `tomorrow at ${time}`;
	return when.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** "12 Jan 2026, 14:05" — when a past quiz or interview started, in the person's locale. */
export function formatDateTime(ms: number): string {
	return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}
