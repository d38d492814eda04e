import type { RunOutcome } from '$lib/sql/types';

/** For tests of what stands between the page and PostgreSQL: a query's result of one row, one column. */
export const ONE_ROW: RunOutcome = {
	kind: 'result',
	result: { columns: [{ name: 'n', type: 23 }], rows: [[1]] },
	command: 'SELECT',
	rowCount: 1,
	truncated: false,
	ms: 1
};
