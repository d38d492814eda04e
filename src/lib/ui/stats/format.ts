/** Made once: `toLocaleDateString` makes a formatter on every call (16 ms of a statistics page's load). */
let shortDate: Intl.DateTimeFormat | undefined;

/** A review day (days since 1970-01-01) as a short date: "Mar 4". */
export function dayLabel(day: number): string {
	shortDate ??= new Intl.DateTimeFormat('en', { timeZone: 'UTC', month: 'short', day: 'numeric' });
	return shortDate.format(day * 86_400_000);
}

/** A share as a whole percent ("87%"), or a dash when there is nothing to divide. */
export function percent(share: number | null): string {
	return share === null || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`;
}

/** The last scores of a trend, oldest first: "60% → 80% → 90%", or a dash when there are none. */
export function trendText(trend: readonly number[] | undefined, last = 8): string {
	return trend && trend.length > 0
		? trend
				.slice(-last)
				.map((n) => `${n}%`)
				.join(' → ')
		: '—';
}
