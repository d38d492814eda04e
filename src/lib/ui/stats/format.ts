/** A review day (days since 1970-01-01) as a short date: "Mar 4". */
export function dayLabel(day: number): string {
	return new Date(day * 86_400_000).toLocaleDateString('en', {
		timeZone: 'UTC',
		month: 'short',
		day: 'numeric'
	});
}

/** A share as a whole percent ("87%"), or a dash when there is nothing to divide. */
export function percent(share: number | null): string {
	return share === null || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`;
}

/** A time spent, in hours and minutes: "3 h 05 min", "12 min". */
export function timeSpent(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
