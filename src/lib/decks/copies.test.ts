import { describe, expect, it } from 'vitest';
import { makeDeck, makeFlashcard, makeQuiz } from '$lib/testing/decks';
import type { SqlExercise } from './types';
import { copyFits, withCopies } from './copies';

const deck = makeDeck('git-basics', [
	makeFlashcard('head', { line: 10 }),
	makeFlashcard('tag', { line: 20 }),
	makeQuiz('which', { line: 30 })
]);

describe('withCopies', () => {
	it("puts each copy in its item's place, keeping the shipped line, and leaves the rest", () => {
		const mine = makeFlashcard('tag', { line: 8, promptHtml: 'My tag?', answerHtml: '<p>Mine.</p>' });
		const shown = withCopies(deck, [mine]);
		expect(shown.items.map((i) => i.id)).toEqual(['head', 'tag', 'which']);
		expect(shown.items[1]).toEqual({ ...mine, line: 20 });
		expect(shown.items[0]).toBe(deck.items[0]);
		// The deck given is not changed.
		expect(deck.items[1]!.promptHtml).toBe('Prompt tag');
	});

	it('ignores a copy of an item the deck no longer has, or has as another kind', () => {
		const gone = makeFlashcard('removed-since');
		const otherKind = makeFlashcard('which');
		expect(copyFits(deck, gone)).toBe(false);
		expect(copyFits(deck, otherKind)).toBe(false);
		expect(withCopies(deck, [gone, otherKind])).toBe(deck);
	});

	it('fits an SQL exercise only while the deck has the dataset it names', () => {
		const exercise: SqlExercise = {
			kind: 'sql',
			id: 'count',
			line: 5,
			promptHtml: 'Count the orders.',
			promptText: 'Count the orders.',
			tags: [],
			links: [],
			level: 'junior',
			dataset: 'shop',
			ordered: false,
			namedColumns: false,
			stemHtml: '',
			modelSql: 'SELECT count(*) FROM orders;',
			modelHtml: '',
			hintsHtml: [],
			explanationHtml: ''
		};
		const withDataset = {
			...makeDeck('db-sql', [exercise]),
			datasets: [{ id: 'shop', line: 1, title: 'Shop', descriptionHtml: '', sql: '' }]
		};
		expect(copyFits(withDataset, exercise)).toBe(true);
		expect(copyFits(withDataset, { ...exercise, dataset: 'hr' })).toBe(false);
	});
});
