import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runBeforeClose } from '$lib/db/database';
import { AutoSaver } from './autosave.svelte';

type Patch = Record<string, string>;

function saver(write: (p: Patch) => Promise<void> = async () => {}) {
	const written: Patch[] = [];
	const errors: unknown[] = [];
	const s = new AutoSaver<Patch>({
		write: async (p) => {
			await write(p);
			written.push(p);
		},
		merge: (a, b) => ({ ...a, ...b }),
		delayMs: 300,
		onerror: (e) => errors.push(e)
	});
	return { s, written, errors };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('AutoSaver', () => {
	it('writes edits once typing pauses, merged into one patch', async () => {
		const { s, written } = saver();
		s.edit({ a: '1' });
		await vi.advanceTimersByTimeAsync(200);
		s.edit({ a: '2', b: 'x' });
		await vi.advanceTimersByTimeAsync(299);
		expect(written).toEqual([]);
		expect(s.status).toBe('saving');
		await vi.advanceTimersByTimeAsync(1);
		expect(written).toEqual([{ a: '2', b: 'x' }]);
		expect(s.status).toBe('saved');
	});

	it('writes nothing when it has no edits of its own', async () => {
		const { s, written } = saver();
		await s.flush();
		s.edit({ a: '1' });
		await s.flush();
		await s.flush();
		await vi.advanceTimersByTimeAsync(1000);
		expect(written).toEqual([{ a: '1' }]);
	});

	it('keeps a patch whose write failed, beneath newer edits, for the next try', async () => {
		let fail = true;
		const { s, written, errors } = saver(async () => {
			if (fail) throw new Error('disk full');
		});
		s.edit({ a: '1', b: '1' });
		await vi.advanceTimersByTimeAsync(300);
		expect(errors).toHaveLength(1);
		expect(s.status).toBe('saving');
		s.edit({ b: '2' });
		await expect(s.flush()).rejects.toThrow('disk full');
		fail = false;
		await s.flush();
		expect(written).toEqual([{ a: '1', b: '2' }]);
		expect(s.status).toBe('saved');
	});

	it('flush waits for a write under way, then writes what came after it', async () => {
		const gates: (() => void)[] = [];
		const { s, written } = saver(() => new Promise<void>((r) => gates.push(r)));
		s.edit({ a: '1' });
		const first = s.flush();
		await vi.waitFor(() => expect(gates).toHaveLength(1));
		s.edit({ a: '2' });
		const second = s.flush();
		gates[0]!();
		await first;
		await vi.waitFor(() => expect(gates).toHaveLength(2));
		expect(written).toEqual([{ a: '1' }]);
		expect(s.status).toBe('saving');
		gates[1]!();
		await second;
		expect(written).toEqual([{ a: '1' }, { a: '2' }]);
		expect(s.status).toBe('saved');
	});

	it('cancel drops what waits; close also ignores later edits', async () => {
		const { s, written } = saver();
		s.edit({ a: '1' });
		s.cancel();
		await vi.advanceTimersByTimeAsync(1000);
		s.edit({ a: '2' });
		s.close();
		s.edit({ a: '3' });
		await s.flush();
		await vi.advanceTimersByTimeAsync(1000);
		expect(written).toEqual([]);
		expect(s.status).toBe('saved');
	});

	it('saves what waits before the database closes for another tab’s upgrade (B14)', async () => {
		const { s, written } = saver();
		s.edit({ a: 'last words' });
		await runBeforeClose();
		expect(written).toEqual([{ a: 'last words' }]);
		// Once saved, it no longer holds the close back.
		let writes = 0;
		const other = saver(async () => void writes++);
		await runBeforeClose();
		expect(writes).toBe(0);
		expect(other.written).toEqual([]);
	});
});
