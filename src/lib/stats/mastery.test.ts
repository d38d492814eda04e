import { describe, expect, it } from 'vitest';
import { CARD, newCardState, type CardState } from '../scheduling/card';
import { deckMastery, quizMissesPerDeck, studyNext, topicMastery, type MasteryDeck } from './mastery';

const decks: MasteryDeck[] = [
	{ id: 'git', title: 'Git', topic: 'tools', total: 10 },
	{ id: 'sql', title: 'SQL', topic: 'databases', total: 40 },
	{ id: 'tx', title: 'Transactions', topic: 'databases', total: 4 },
	{ id: 'empty', title: 'Nothing yet', topic: 'tools', total: 0 }
];
const topics = [
	{ slug: 'databases', title: 'Databases' },
	{ slug: 'tools', title: 'Tools' },
	{ slug: 'cloud', title: 'Cloud' }
];

function seen(id: string, recall: number): CardState {
	return { ...newCardState(id, 0), state: CARD.Review, stability: recall };
}

describe('the mastery map', () => {
	// The test's recall is the stability field, so each card's recall is set by hand.
	const cards = [
		seen('git/a', 1),
		seen('git/b', 0.5),
		seen('sql/a', 0.9),
		seen('tx/a', 1),
		seen('tx/b', 1),
		seen('tx/c', 1),
		seen('tx/d', 1)
	];
	const recall = (c: CardState) => c.stability;

	it('is the mean recall over all the cards, unseen ones counting as 0', () => {
		const [git, sql, tx, empty] = deckMastery(decks, cards, recall, new Map([['sql', 3]]));
		expect(git).toMatchObject({ total: 10, seen: 2, recalled: 1.5, recall: 0.15, quizMisses: 0 });
		expect(sql).toMatchObject({ total: 40, seen: 1, recall: 0.9 / 40, quizMisses: 3 });
		expect(tx).toMatchObject({ total: 4, seen: 4, recall: 1 });
		expect(empty).toMatchObject({ total: 0, recall: 0 });
	});

	it('adds decks up into topics, leaving out topics with no cards', () => {
		const perDeck = deckMastery(decks, cards, recall, new Map());
		const map = topicMastery(topics, decks, perDeck);
		expect(map.map((m) => m.id)).toEqual(['databases', 'tools']);
		expect(map[0]).toMatchObject({ total: 44, seen: 5, recall: 4.9 / 44 });
		expect(map[1]).toMatchObject({ total: 10, seen: 2, recall: 0.15 });
	});

	it('suggests the decks with the most to gain, never one fully recalled', () => {
		const perDeck = deckMastery(decks, cards, recall, new Map([['git', 20]]));
		// git: 2 × 0.5 forgotten + 8 unseen + 2 × 20 misses = 49; sql: 2 × 0.1 + 39 = 39.2; tx: 0.
		expect(studyNext(perDeck).map((m) => m.id)).toEqual(['git', 'sql']);
		expect(studyNext(deckMastery(decks, cards, recall, new Map()), 1).map((m) => m.id)).toEqual(['sql']);
		// A deck being forgotten counts double: 30 seen and forgotten beat 50 never seen.
		const losing = { id: 'a', title: 'A', total: 30, seen: 30, recalled: 0, recall: 0, quizMisses: 0 };
		const unseen = { id: 'b', title: 'B', total: 50, seen: 0, recalled: 0, recall: 0, quizMisses: 0 };
		expect(studyNext([unseen, losing]).map((m) => m.id)).toEqual(['a', 'b']);
	});

	it('counts the quiz questions last answered wrong, per deck', () => {
		const history = new Map([
			['sql/q1', { lastCorrect: false }],
			['sql/q2', { lastCorrect: true }],
			['sql/q3', { lastCorrect: false }],
			['git/q1', {}]
		]);
		expect(quizMissesPerDeck(history)).toEqual(new Map([['sql', 2]]));
	});
});
