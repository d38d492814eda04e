import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { describeOpenError, describeStorageError } from './errors';

const backingStore = 'Internal error opening backing store for indexedDB.open.';

function openFailure(): Error {
	const inner = Object.assign(new Error(backingStore), { name: 'UnknownError' });
	return new Dexie.OpenFailedError(inner);
}

describe('describeOpenError', () => {
	it('speaks of opening, says the cause once, and never ends a sentence with ".."', () => {
		const text = describeOpenError(openFailure());
		expect(text).toMatch(/^Rehearse could not open your saved data: /);
		expect(text).not.toMatch(/Saving failed/);
		expect(text.split('Internal error opening backing store')).toHaveLength(2);
		expect(text).not.toContain('..');
	});

	it('keeps the private-browsing and newer-version sentences', () => {
		const missing = Object.assign(new Error('IndexedDB is missing'), { name: 'MissingAPIError' });
		expect(describeOpenError(missing)).toMatch(/does not let Rehearse store data/);
		expect(describeOpenError(new Dexie.VersionError('newer'))).toMatch(/newer version/);
	});
});

describe('describeStorageError', () => {
	it('never ends a sentence with ".." when the cause ends with a full stop', () => {
		const text = describeStorageError(new Error('Transaction aborted.'));
		expect(text).toBe('Saving failed: Transaction aborted. Nothing already saved was changed.');
	});
});
