/** The one place that reads the wall clock. Everything else takes `now` (ms since epoch) as a parameter. */
export function now(): number {
	return Date.now();
}
