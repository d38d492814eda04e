/** Summary of one measured figure (ms unless said otherwise). */
export interface Summary {
	n: number;
	median: number;
	p95: number;
	p99: number;
	min: number;
	max: number;
}

/** The value below which a share `p` (0–1) of the samples fall (nearest rank). */
export function quantile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
	return sorted[rank - 1]!;
}

/** Median, p95, p99, min and max of some samples. */
export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		n: sorted.length,
		median: quantile(sorted, 0.5),
		p95: quantile(sorted, 0.95),
		p99: quantile(sorted, 0.99),
		min: sorted[0] ?? NaN,
		max: sorted.at(-1) ?? NaN
	};
}

export interface Row {
	figure: string;
	median: string;
	p95: string;
	p99: string;
	budget: string;
	mark: 'pass' | 'MISS' | '';
}

/** The rows as an aligned plain-text table. */
export function formatTable(rows: readonly Row[]): string {
	const header: Row = {
		figure: 'figure',
		median: 'median',
		p95: 'p95',
		p99: 'p99',
		budget: 'budget',
		mark: ''
	};
	const all = [header, ...rows];
	const keys = ['figure', 'median', 'p95', 'p99', 'budget', 'mark'] as const;
	const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
	const line = (r: Row) =>
		keys
			.map((k, i) => (k === 'figure' || k === 'budget' ? r[k].padEnd(widths[i]!) : r[k].padStart(widths[i]!)))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Milliseconds with one decimal, or "—" when there is no figure. */
export function ms(value: number | undefined): string {
	return value === undefined || Number.isNaN(value) ? '—' : value.toFixed(1);
}
