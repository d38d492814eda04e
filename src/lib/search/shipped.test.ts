import { describe, expect, it } from 'vitest';
import { fetchShippedDocs } from './shipped';
import type { SearchDoc } from './documents';

const doc = (id: string): SearchDoc => ({ id, d: id.split('/')[0]!, k: 'flashcard', p: id, b: '', t: [] });

/** A fetch over fixed files, recording what was asked for. */
function files(served: Record<string, unknown>) {
	const asked: string[] = [];
	const fetcher = (async (url: string) => {
		asked.push(url);
		return url in served
			? new Response(JSON.stringify(served[url]), { status: 200 })
			: new Response('not found', { status: 404 });
	}) as typeof fetch;
	return { fetcher, asked };
}

describe('fetchShippedDocs', () => {
	it('joins every deck file of the index, in the index order', async () => {
		const { fetcher, asked } = files({
			'/app/api/decks.json': { schema: 1, topics: [], decks: [{ id: 'b' }, { id: 'a' }] },
			'/app/api/search/a.json': [doc('a/1'), doc('a/2')],
			'/app/api/search/b.json': [doc('b/1')]
		});
		const docs = await fetchShippedDocs('/app', fetcher);
		expect(docs.map((d) => d.id)).toEqual(['b/1', 'a/1', 'a/2']);
		expect(asked).toContain('/app/api/search/a.json');
	});

	it('names the file that could not be read', async () => {
		const { fetcher } = files({
			'/api/decks.json': { schema: 1, topics: [], decks: [{ id: 'gone' }] }
		});
		await expect(fetchShippedDocs('', fetcher)).rejects.toThrow('/api/search/gone.json: HTTP 404');
	});
});
