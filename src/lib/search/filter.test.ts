import { describe, expect, it } from 'vitest';
import { CARD, newCardState, type CardState } from '$lib/scheduling/card';
import type { CardMarks } from '$lib/scheduling/marks';
import type { SearchDoc } from './documents';
import { matching, type FilterContext } from './filter';
import { parseQuery } from './query';
import { createTextIndex, docText, searchText } from './text-index';
import { hitsById } from '$lib/testing/search-hits';
import { NOT_FOUND } from './slots';

const NOW = new Date(2026, 2, 10, 12).getTime();
const DAY = 86_400_000;

function doc(id: string, kind: SearchDoc['k'], prompt: string, body = '', tags: string[] = []): SearchDoc {
	return { id, d: id.split('/')[0]!, k: kind, p: prompt, b: body, t: tags };
}

const DOCS: SearchDoc[] = [
	doc(
		'db-tx/write-skew',
		'flashcard',
		'What is write skew?',
		'Two transactions read overlapping data and write disjoint rows.',
		['isolation']
	),
	doc(
		'db-tx/phantom',
		'flashcard',
		'What is a phantom read?',
		'A range query sees new rows inserted by another transaction.',
		['isolation']
	),
	doc(
		'db-tx/levels-quiz',
		'quiz',
		'Which isolation level prevents write skew?',
		'Serializable. Snapshot isolation does not.'
	),
	doc('db-sql/top-n', 'sql', 'The three newest orders', 'ORDER BY created_at DESC LIMIT 3'),
	doc('git/rebase', 'cloze', 'Rebase replays commits onto a new base', 'git rebase main', ['git'])
];

function state(id: string, over: Partial<CardState>): CardState {
	return { ...newCardState(id, NOW), state: CARD.Review, reps: 3, last_review: NOW - 5 * DAY, ...over };
}

const states = new Map<string, CardState>([
	[
		'db-tx/write-skew',
		state('db-tx/write-skew', { due: NOW - 2 * DAY, difficulty: 8, stability: 3, lapses: 9 })
	],
	['db-tx/phantom', state('db-tx/phantom', { due: NOW + 3 * DAY, difficulty: 4, stability: 30, lapses: 1 })],
	[
		'git/rebase',
		state('git/rebase', { state: CARD.Learning, due: NOW + 60_000, difficulty: 6, stability: 1, lapses: 0 })
	]
]);
const marks = new Map<string, CardMarks>([
	['db-tx/phantom', { id: 'db-tx/phantom', deckId: 'db-tx', suspended: true, buriedUntil: 0, flag: 1 }],
	['git/rebase', { id: 'git/rebase', deckId: 'git', suspended: false, buriedUntil: NOW + DAY, flag: 0 }]
]);
const ctx: FilterContext = {
	now: NOW,
	dayStartHour: 4,
	leechLapses: 8,
	topicOf: (d) => (d.startsWith('db-') ? 'databases' : 'git'),
	states,
	marks,
	recall: (c) => (c.stability > 10 ? 0.95 : 0.6)
};

const ids = (query: string, hits: Map<string, number> | null = null) =>
	matching(DOCS, hits && ((i) => hits.get(DOCS[i]!.id) ?? NOT_FOUND), parseQuery(query), ctx).map(
		(d) => d.id
	);

describe('the browser filters', () => {
	it('filter by deck (with a prefix), topic, kind and tag', () => {
		expect(ids('deck:db-*')).toEqual([
			'db-tx/write-skew',
			'db-tx/phantom',
			'db-tx/levels-quiz',
			'db-sql/top-n'
		]);
		expect(ids('deck:db-tx kind:flashcard')).toEqual(['db-tx/write-skew', 'db-tx/phantom']);
		expect(ids('topic:git')).toEqual(['git/rebase']);
		expect(ids('tag:Isolation -deck:db-sql')).toEqual(['db-tx/write-skew', 'db-tx/phantom']);
	});

	it('filter by card state and due date; questions have none, new cards no due date', () => {
		expect(ids('is:new')).toEqual(['db-sql/top-n']);
		expect(ids('is:review')).toEqual(['db-tx/write-skew', 'db-tx/phantom']);
		expect(ids('is:learning')).toEqual(['git/rebase']);
		expect(ids('is:due')).toEqual(['db-tx/write-skew', 'git/rebase']);
		expect(ids('is:overdue')).toEqual(['db-tx/write-skew']);
		expect(ids('due:week')).toEqual(['db-tx/write-skew', 'db-tx/phantom', 'git/rebase']);
		expect(ids('-is:due kind:quiz')).toEqual(['db-tx/levels-quiz']);
	});

	it('filter by marks, leeches and FSRS properties', () => {
		expect(ids('is:suspended')).toEqual(['db-tx/phantom']);
		expect(ids('is:buried')).toEqual(['git/rebase']);
		expect(ids('flag:red')).toEqual(['db-tx/phantom']);
		expect(ids('is:flagged')).toEqual(['db-tx/phantom']);
		expect(ids('flag:none kind:flashcard')).toEqual(['db-tx/write-skew']);
		expect(ids('is:leech')).toEqual(['db-tx/write-skew']);
		expect(ids('prop:r<0.8')).toEqual(['db-tx/write-skew', 'git/rebase']);
		expect(ids('prop:d>=6 prop:s<2')).toEqual(['git/rebase']);
		expect(ids('prop:lapses=9')).toEqual(['db-tx/write-skew']);
	});

	it('sorts by a property, cards without it last in deck order; text by relevance', () => {
		expect(ids('sort:difficulty')).toEqual([
			'db-tx/phantom',
			'git/rebase',
			'db-tx/write-skew',
			'db-tx/levels-quiz',
			'db-sql/top-n'
		]);
		expect(ids('sort:-stability kind:flashcard')).toEqual(['db-tx/phantom', 'db-tx/write-skew']);
		expect(ids('sort:due is:due')).toEqual(['db-tx/write-skew', 'git/rebase']);
		const hits = new Map([
			['db-tx/phantom', 1],
			['db-tx/write-skew', 5]
		]);
		expect(ids('', hits)).toEqual(['db-tx/write-skew', 'db-tx/phantom']);
	});

	it('sorts by relevance with equal scores in deck order, and reversed', () => {
		const hits = new Map([
			['git/rebase', 2],
			['db-tx/phantom', 1],
			['db-sql/top-n', 2],
			['db-tx/write-skew', 1]
		]);
		expect(ids('', hits)).toEqual(['db-sql/top-n', 'git/rebase', 'db-tx/write-skew', 'db-tx/phantom']);
		// A score below 0 (BM25 gives them) is still a document found: last, not missing.
		expect(ids('', new Map([...hits, ['db-tx/levels-quiz', -0.5]]))).toEqual([
			'db-sql/top-n',
			'git/rebase',
			'db-tx/write-skew',
			'db-tx/phantom',
			'db-tx/levels-quiz'
		]);
		expect(ids('sort:-relevance', hits)).toEqual([
			'db-tx/write-skew',
			'db-tx/phantom',
			'db-sql/top-n',
			'git/rebase'
		]);
	});
});

describe('the text index', () => {
	const index = createTextIndex(DOCS);
	const texts = new Map(DOCS.map((d) => [d.id, docText(d)]));
	const find = (words: string[], phrases: string[] = []) => [
		...hitsById(
			index.slots,
			searchText(index, words, phrases, (id) => texts.get(id))
		).keys()
	];

	it('finds a card by a misspelled word and by the start of a word, the prompt ranking first', () => {
		expect(find(['skwe'])).toEqual([]); // a swap of two letters is two edits: a 4-letter word allows one
		expect(find(['wrte', 'skew'])).toEqual(['db-tx/write-skew', 'db-tx/levels-quiz']);
		expect(find(['isolaton'])[0]).toBe('db-tx/levels-quiz');
		expect(find(['phant'])).toEqual(['db-tx/phantom']);
	});

	it('needs every word, and every phrase as written', () => {
		expect(find(['rows', 'transaction']).sort()).toEqual(['db-tx/phantom', 'db-tx/write-skew']);
		expect(find(['rows', 'serializable'])).toEqual([]);
		expect(find([], ['snapshot isolation'])).toEqual(['db-tx/levels-quiz']);
		expect(find([], ['isolation snapshot'])).toEqual([]);
		expect(find(['git'], ['new base'])).toEqual(['git/rebase']);
	});
});
