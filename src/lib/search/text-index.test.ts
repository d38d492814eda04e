import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SearchDoc } from './documents';
import { termsOf } from './match-set';
import { createTextIndex, docText, dropDocs, putDocs, searchText, type TextIndex } from './text-index';
import { hitsById } from '$lib/testing/search-hits';

// The path for queries that match too many documents to score must find exactly the documents
// MiniSearch's own search finds. `scoreAtMost` picks the path: Infinity is MiniSearch alone, 0 finds
// the set without scoring and ranks it cheaply, anything between scores the set when it is small enough.

const RARE = ['isolation', 'snapshot', 'phantom', 'rebase', 'commit', 'serializable', 'index', 'vacuum'];

function makeDoc(i: number, over: Partial<SearchDoc> = {}): SearchDoc {
	// Every document holds "which", "value" and "answer", as the bench's synthetic cards do.
	const rare = RARE[i % RARE.length]!;
	const other = RARE[(i * 3 + 1) % RARE.length]!;
	return {
		id: `deck-${i % 4}/card-${i}`,
		d: `deck-${i % 4}`,
		k: 'flashcard',
		p: `Which value does card ${i} hold${i % 2 ? ` about ${rare}` : ''}?`,
		b: `The answer is ${i * 7}, see ${other}.`,
		t: i % 5 === 0 ? ['tagged', rare] : [],
		...over
	};
}

const DOCS = Array.from({ length: 60 }, (_, i) => makeDoc(i));

function searchWith(index: TextIndex, docs: readonly SearchDoc[]) {
	const texts = new Map(docs.map((d) => [d.id, docText(d)]));
	return (words: string[], phrases: string[], scoreAtMost: number) =>
		hitsById(
			index.slots,
			searchText(index, words, phrases, (id) => texts.get(id), scoreAtMost)
		);
}

const sorted = (hits: Map<string, number>) => [...hits.keys()].sort();

describe('a query matching most of the collection', () => {
	const index = createTextIndex(DOCS);
	const search = searchWith(index, DOCS);

	it.each([
		[['which']],
		[['wh']],
		[['w']],
		[['which', 'value']],
		[['which', 'va']],
		[['whic', 'isolation']],
		[['answr', 'snap']],
		[['valeu', 'phantom', 'commit']],
		[['card', '42']],
		[['tagged']],
		[['which', 'nothing']],
		[['std::move']]
	])('finds what MiniSearch finds for %j, scored or not', (words) => {
		const plain = search(words, [], Infinity);
		expect(sorted(plain)).toEqual(sorted(search(words, [], 0)));
		expect(sorted(plain)).toEqual(
			index.mini
				.search(words.join(' '))
				.map((hit) => hit.id as string)
				.sort()
		);
		// The set found first, then scored by MiniSearch: the very same scores.
		if (plain.size < DOCS.length) expect(search(words, [], DOCS.length - 1)).toEqual(plain);
	});

	it('keeps the phrase check', () => {
		const plain = search(['which'], ['about snapshot'], Infinity);
		expect(plain.size).toBeGreaterThan(0);
		expect(sorted(search(['which'], ['about snapshot'], 0))).toEqual(sorted(plain));
		expect(search([], ['value does card 7 hold'], 0)).toEqual(new Map([['deck-3/card-7', 1 + 5]]));
	});

	it('ranks unscored documents with the words in their prompt first', () => {
		const hits = search(['which', 'snapshot'], [], 0);
		const ranked = [...hits].sort((a, b) => b[1] - a[1]).map(([id]) => id);
		const inPrompt = (id: string) => DOCS.find((d) => d.id === id)!.p.includes('snapshot');
		const firstBodyOnly = ranked.findIndex((id) => !inPrompt(id));
		expect(firstBodyOnly).toBeGreaterThan(0);
		expect(ranked.slice(firstBodyOnly).some(inPrompt)).toBe(false);
	});

	it('agrees after documents are put again and dropped', () => {
		const docs = DOCS.map((d) => ({ ...d }));
		const changed = createTextIndex(docs);
		// Searched once before the change, so the words' matches are kept from before it.
		const words = [['which'], ['rebase'], ['which', 'isolation'], ['value', 'card', '1'], ['zymurgy']];
		for (const w of words) searchWith(changed, docs)(w, [], 0);
		const edited = makeDoc(2, { p: 'Which value is zymurgy here?' });
		putDocs(changed, [edited, makeDoc(100)]);
		dropDocs(changed, ['deck-1/card-1', 'deck-1/card-9']);
		const now = [...docs.filter((d) => d.id !== edited.id), edited, makeDoc(100)];
		const search = searchWith(changed, now);
		for (const w of words) {
			const plain = search(w, [], Infinity);
			expect(sorted(search(w, [], 0))).toEqual(sorted(plain));
			expect(sorted(plain)).not.toContain('deck-1/card-1');
		}
		expect(sorted(search(['which', 'zymurgy'], [], 0))).toEqual(['deck-2/card-2']);
	});

	it('finds the same documents as MiniSearch for any words typed, common, rare, cut short or misspelt', () => {
		const vocabulary = ['which', 'value', 'answer', 'card', 'tagged', ...RARE];
		const word = fc.oneof(
			// A word as it is being typed.
			fc
				.tuple(fc.constantFrom(...vocabulary), fc.integer({ min: 1, max: 12 }))
				.map(([w, n]) => w.slice(0, n)),
			// A word with one letter changed.
			fc
				.tuple(fc.constantFrom(...vocabulary), fc.nat(), fc.constantFrom(...'aeiouxz'))
				.map(([w, at, c]) => w.slice(0, at % w.length) + c + w.slice((at % w.length) + 1)),
			fc.stringMatching(/^[a-z0-9]{1,4}$/)
		);
		fc.assert(
			fc.property(
				fc.array(word, { minLength: 1, maxLength: 3 }),
				fc.integer({ min: 0, max: DOCS.length }),
				(words, scoreAtMost) => {
					const plain = search(words, [], Infinity);
					const other = search(words, [], scoreAtMost);
					expect(sorted(other)).toEqual(sorted(plain));
					if (plain.size <= scoreAtMost) expect(other).toEqual(plain);
				}
			)
		);
	});
});

describe('the terms of a query', () => {
	it('are cut and lower-cased as MiniSearch cuts and lower-cases them', () => {
		expect(termsOf('Which std::move, "value"')).toEqual(['which', 'std', 'move', 'value']);
		expect(termsOf(' :: ')).toEqual([]);
	});
});
