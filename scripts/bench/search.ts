import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compileSources } from '../../src/lib/decks/collection.ts';
import { createPlainRenderer } from '../../src/lib/decks/render.ts';
import { TOPICS, type DeckIndex } from '../../src/lib/decks/types.ts';
import { browseRows } from '../../src/lib/browse/collection.ts';
import { docsOfDeck, type SearchDoc } from '../../src/lib/search/documents.ts';
import { matching, type FilterContext } from '../../src/lib/search/filter.ts';
import { parseQuery } from '../../src/lib/search/query.ts';
import { createTextIndex, docText, searchText } from '../../src/lib/search/text-index.ts';
import { scoreAt, slotsOf } from '../../src/lib/search/slots.ts';
import { CARD, newCardState, type CardState } from '../../src/lib/scheduling/card.ts';
import { seededRandom } from '../../src/lib/random.ts';
import { benchDeckIds, benchDeckMarkdown } from './decks.ts';
import { summarize, type Summary } from './stats.ts';

/** What the search phase measured (ms). */
export interface SearchCost {
	shipped: Collection;
	bench: Collection;
}

interface Collection {
	docs: number;
	/** Building the text index (in the browser this runs in a worker). */
	indexMs: number;
	/** One keystroke: parse the query, search the text, filter, sort, and make the first screen of rows. */
	keystroke: Summary;
}

/** Queries typed a letter at a time, with a misspelling and filters, as a person searches. */
const SHIPPED_QUERIES = [
	'write skew',
	'isolaton level',
	'deck:db-* is:due idempotent',
	'prop:r<0.8 sort:due tcp'
];
const BENCH_QUERIES = [
	'which value',
	'numbr 4217',
	'deck:bench-1* is:due card',
	'prop:r<0.8 sort:due answer'
];

/** Synthetic memory states for a share of the cards, as a long history leaves them. */
function statesFor(docs: readonly SearchDoc[], now: number): Map<string, CardState> {
	const random = seededRandom(17);
	const out = new Map<string, CardState>();
	for (const doc of docs) {
		if (random() < 0.3) continue;
		const last = now - Math.floor(random() * 200) * 86_400_000;
		out.set(doc.id, {
			...newCardState(doc.id, last),
			state: CARD.Review,
			stability: 1 + random() * 200,
			difficulty: 1 + random() * 9,
			due: last + Math.floor(random() * 100) * 86_400_000,
			reps: 1 + Math.floor(random() * 20),
			lapses: Math.floor(random() * 5),
			last_review: last
		});
	}
	return out;
}

function measure(docs: SearchDoc[], index: DeckIndex, queries: readonly string[]): Collection {
	const t0 = performance.now();
	const text = createTextIndex(docs);
	const indexMs = performance.now() - t0;
	const texts = new Map(docs.map((d) => [d.id, docText(d)]));
	// As the page numbers the documents it sends the worker (worked out when they change, not per keystroke).
	const slotAt = slotsOf(docs, text.slots);
	const now = Date.parse('2026-03-10T12:00:00Z');
	const states = statesFor(docs, now);
	const topics = new Map(index.decks.map((d) => [d.id, d.topic as string]));
	const ctx: FilterContext = {
		now,
		dayStartHour: 4,
		leechLapses: 8,
		topicOf: (d) => topics.get(d),
		states,
		marks: new Map(),
		recall: (c) => Math.pow(1 + (now - (c.last_review ?? now)) / 86_400_000 / (9 * c.stability), -1)
	};
	const times: number[] = [];
	for (const q of queries)
		for (let n = 1; n <= q.length; n++) {
			const t = performance.now();
			const query = parseQuery(q.slice(0, n));
			const hasText = query.words.length > 0 || query.phrases.length > 0;
			const scores = hasText ? searchText(text, query.words, query.phrases, (id) => texts.get(id)) : null;
			const found = matching(docs, scores && scoreAt(slotAt, scores), query, ctx);
			browseRows(found.slice(0, 200), index, ctx);
			times.push(performance.now() - t);
		}
	return { docs: docs.length, indexMs, keystroke: summarize(times) };
}

async function shippedDecks(repo: string) {
	const sources: { file: string; source: string }[] = [];
	const root = path.join(repo, 'decks');
	for (const topic of await readdir(root, { withFileTypes: true })) {
		if (!topic.isDirectory()) continue;
		for (const name of await readdir(path.join(root, topic.name)))
			if (name.endsWith('.md'))
				sources.push({
					file: `decks/${topic.name}/${name}`,
					source: await readFile(path.join(root, topic.name, name), 'utf8')
				});
	}
	return compileSources(sources, createPlainRenderer()).decks;
}

const indexOf = (decks: { id: string; topic: string; title: string }[]) =>
	({ schema: 1, topics: [], decks }) as unknown as DeckIndex;

/**
 * The browser's search in Node, on the shipped decks and on the bench's 50,000 synthetic cards: the
 * code a keystroke runs (the text search runs in a worker in the browser, the rest on the page; the
 * message between them is not counted).
 */
export async function measureSearch(repo: string, decks: number, cardsPerDeck: number): Promise<SearchCost> {
	const shipped = await shippedDecks(repo);
	const benchIds = benchDeckIds(decks);
	// As writeBenchDecks lays them out: spread over the topics.
	const bench = compileSources(
		benchIds.map((id, i) => {
			const topic = TOPICS[i % TOPICS.length]!.slug;
			return { file: `decks/${topic}/${id}.md`, source: benchDeckMarkdown(id, topic, cardsPerDeck) };
		}),
		createPlainRenderer()
	).decks;
	if (bench.length !== decks)
		throw new Error(`the bench decks did not compile (${bench.length} of ${decks})`);
	return {
		shipped: measure(shipped.flatMap(docsOfDeck), indexOf(shipped), SHIPPED_QUERIES),
		bench: measure(bench.flatMap(docsOfDeck), indexOf(bench), BENCH_QUERIES)
	};
}
