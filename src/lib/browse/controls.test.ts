import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery } from '$lib/search/query';
import { controlValue, setControl } from './controls';

describe('the browser controls', () => {
	it('each sets its own part of the query and shows it back', () => {
		let q = parseQuery('"write skew" is:review flag:red');
		q = setControl(q, 'deck', 'db-transactions');
		q = setControl(q, 'state', 'is:new');
		q = setControl(q, 'marks', '-is:suspended');
		q = setControl(q, 'sort', 'sort:-lapses');
		expect(formatQuery(q)).toBe(
			'flag:red deck:db-transactions is:new -is:suspended "write skew" sort:-lapses'
		);
		expect(controlValue(q, 'deck')).toBe('db-transactions');
		expect(controlValue(q, 'state')).toBe('is:new');
		expect(controlValue(q, 'marks')).toBe('-is:suspended');
		expect(controlValue(q, 'flag')).toBe('flag:red');
		expect(controlValue(q, 'sort')).toBe('sort:-lapses');
		expect(controlValue(q, 'kind')).toBe('');
		q = setControl(setControl(q, 'flag', ''), 'sort', '');
		expect(formatQuery(q)).toBe('deck:db-transactions is:new -is:suspended "write skew"');
	});
});
