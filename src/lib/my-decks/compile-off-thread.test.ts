import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileDecksOffThread } from './compile-off-thread';

describe('compileDecksOffThread', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('starts no worker when there is nothing to compile (a backup or import without decks)', async () => {
		const started = vi.fn();
		vi.stubGlobal(
			'Worker',
			class {
				constructor() {
					started();
				}
			}
		);
		expect(await compileDecksOffThread([])).toEqual(new Map());
		expect(started).not.toHaveBeenCalled();
	});

	it('compiles on this thread where there are no workers, with the deck and line of an error', async () => {
		const good =
			'---\nid: my-ok\ntitle: OK\ndescription: Views.\ntopic: databases\n---\n\n## What is a view? {#view}\n\nA stored query.\n';
		const decks = await compileDecksOffThread([{ id: 'my-ok', markdown: good }]);
		expect([...decks.keys()]).toEqual(['my-ok']);
		await expect(compileDecksOffThread([{ id: 'my-bad', markdown: 'no front matter' }])).rejects.toThrow(
			/The deck 'my-bad' has an error on line \d+/
		);
	});
});
