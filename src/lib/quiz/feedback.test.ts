import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deck, Flashcard, QuizQuestion } from '$lib/decks/types';
import { sendToReview } from '$lib/db/feedback';
import { recordQuizAnswer, saveAttempt } from '$lib/db/quizzes';
import { loadDueCards, recordAnswer } from '$lib/db/reviews';
import { RehearseDB } from '$lib/db/schema';
import { sendBackRule } from '$lib/review/send-back';
import { dayEndsAt, dayOf } from '$lib/scheduling/day';
import { makeScheduler, newCardState, rate, Rating, State } from '$lib/scheduling/fsrs';
import { buildQueue } from '$lib/scheduling/queue';
import { cardsForMiss, reviewNote } from './feedback';
import type { QuizRecord } from './types';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const scheduler = makeScheduler({ retention: 0.9, fuzz: false });

function card(id: string, tags: string[] = []): Flashcard {
	return {
		kind: 'flashcard',
		id,
		line: 1,
		promptHtml: id,
		promptText: id,
		tags,
		links: [],
		cloze: false,
		clozeHtml: '',
		answerHtml: 'a'
	};
}
function quiz(overrides: Partial<QuizQuestion>): QuizQuestion {
	return {
		kind: 'quiz',
		id: 'q',
		line: 1,
		promptHtml: 'q',
		promptText: 'q',
		tags: [],
		links: [],
		answerType: 'single',
		stemHtml: '',
		choices: [
			{ html: 'a', correct: true },
			{ html: 'b', correct: false },
			{ html: 'c', correct: false }
		],
		accept: [],
		explanationHtml: '',
		...overrides
	};
}
const deck: Deck = {
	schema: 1,
	id: 'db-x',
	title: 'X',
	topic: 'databases',
	description: '',
	file: 'decks/databases/db-x.md',
	items: [card('a', ['joins']), card('b', ['indexes']), card('c', ['joins', 'nulls'])]
};

describe('cardsForMiss', () => {
	it('uses the links when there are some', () => {
		expect(cardsForMiss(quiz({ links: ['db-x/b', 'other/z'] }), deck)).toEqual(['db-x/b', 'other/z']);
	});
	it('falls back to the flashcards of the deck that share a tag', () => {
		expect(cardsForMiss(quiz({ tags: ['joins'] }), deck)).toEqual(['db-x/a', 'db-x/c']);
		expect(cardsForMiss(quiz({}), deck)).toEqual([]);
	});
});

describe('a quiz miss feeds daily review', () => {
	let db: RehearseDB;
	let n = 0;
	beforeEach(async () => {
		db = new RehearseDB(`quiz-${++n}`);
		await db.open();
	});
	afterEach(async () => {
		await db.delete();
	});

	async function attempt(): Promise<QuizRecord> {
		const a: QuizRecord = {
			id: 'att',
			title: 'X',
			topics: ['databases'],
			deckIds: ['db-x'],
			mode: 'practice',
			timeLimitMs: null,
			seed: 1,
			startedAt: NOW,
			finishedAt: null,
			questions: [
				{ ref: 'db-x/q1', fingerprint: 'f', order: [0, 1, 2] },
				{ ref: 'db-x/q2', fingerprint: 'f', order: [0, 1, 2] }
			],
			answers: [null, null]
		};
		await saveAttempt(db, a);
		return a;
	}

	it('makes the linked cards due today, logged with source quiz, in the same transaction as the answer', async () => {
		const a = await attempt();
		const saved = await recordQuizAnswer(db, {
			attemptId: a.id,
			index: 0,
			answer: { response: { kind: 'choices', picked: [1] }, verdict: 'wrong', answeredAt: NOW },
			missCards: ['db-x/a', 'db-x/b'],
			day: dayOf(NOW, 4),
			sendBack: sendBackRule(scheduler, NOW, 4)
		});
		expect(saved.answers[0]).toMatchObject({ verdict: 'wrong', sentToReview: ['db-x/a', 'db-x/b'] });
		const log = await db.log.toArray();
		expect(log.map((e) => [e.cardId, e.source, e.rating])).toEqual([
			['db-x/a', 'quiz', Rating.Again],
			['db-x/b', 'quiz', Rating.Again]
		]);
		const queue = buildQueue({
			now: NOW,
			dayStartHour: 4,
			limits: { newPerDay: 0, reviewsPerDay: 0 },
			today: { newCount: 0, reviewCount: 0 },
			due: await loadDueCards(db, dayEndsAt(NOW, 4), new Set(['db-x'])),
			unseen: ['db-x/c'],
			unseenTotal: 1,
			later: null
		});
		// Due today even with both daily limits at zero: they are in learning now.
		expect(queue.learning.map((c) => c.id)).toEqual(['db-x/a', 'db-x/b']);
		expect(queue.learning.every((c) => c.due < dayEndsAt(NOW, 4))).toBe(true);
	});

	it('a correct answer leaves every card alone, so it never lengthens an interval', async () => {
		const a = await attempt();
		const shown = newCardState('db-x/a', NOW);
		const learned = rate(scheduler, shown, NOW - 86_400_000, Rating.Easy);
		await recordAnswer(db, {
			shown,
			next: learned,
			grade: Rating.Easy,
			now: NOW - 86_400_000,
			durationMs: 1,
			source: 'review',
			day: 1,
			retention: 0.9
		});
		await recordQuizAnswer(db, {
			attemptId: a.id,
			index: 0,
			answer: { response: { kind: 'choices', picked: [0] }, verdict: 'correct', answeredAt: NOW },
			missCards: ['db-x/a'],
			day: dayOf(NOW, 4),
			sendBack: sendBackRule(scheduler, NOW, 4)
		});
		expect(await db.cards.get('db-x/a')).toEqual(learned);
		expect(await db.log.count()).toBe(1);
	});

	it('does not lapse a card twice when it is already relearning today', async () => {
		const first = await sendToReview(
			db,
			['db-x/a'],
			'quiz',
			NOW,
			dayOf(NOW, 4),
			sendBackRule(scheduler, NOW, 4)
		);
		const again = await sendToReview(
			db,
			['db-x/a'],
			'quiz',
			NOW + 60_000,
			dayOf(NOW + 60_000, 4),
			sendBackRule(scheduler, NOW + 60_000, 4)
		);
		expect(first).toEqual(['db-x/a']);
		expect(again).toEqual([]);
		expect((await db.cards.get('db-x/a'))?.state).toBe(State.Learning);
	});

	it('keeps the first answer when the same question is answered twice (two tabs)', async () => {
		const a = await attempt();
		const input = {
			attemptId: a.id,
			index: 1,
			missCards: ['db-x/c'],
			day: dayOf(NOW, 4),
			sendBack: sendBackRule(scheduler, NOW, 4)
		};
		await recordQuizAnswer(db, {
			...input,
			answer: { response: { kind: 'choices', picked: [0] }, verdict: 'correct', answeredAt: NOW }
		});
		const second = await recordQuizAnswer(db, {
			...input,
			answer: { response: { kind: 'choices', picked: [1] }, verdict: 'wrong', answeredAt: NOW + 1 }
		});
		expect(second.answers[1]).toMatchObject({ verdict: 'correct' });
		expect(await db.log.count()).toBe(0);
	});
});

// Exploratory 13: a miss on a switched-off deck said its flashcards were due in today's review.
describe('reviewNote', () => {
	const title = (id: string) => ({ arrays: 'Arrays', graphs: 'Graphs' })[id] ?? id;

	it('says nothing when no flashcard was sent', () => {
		expect(reviewNote([], new Set(), title)).toBeNull();
	});

	it("promises today's review for decks that are on", () => {
		expect(reviewNote(['graphs/bfs'], new Set(), title)).toBe("Its flashcard is due in today's review.");
		expect(reviewNote(['graphs/bfs', 'graphs/dfs'], new Set(['arrays']), title)).toBe(
			"2 flashcards are due in today's review."
		);
	});

	it('names the switched-off deck instead of promising today', () => {
		const note = reviewNote(['arrays/a', 'arrays/b'], new Set(['arrays']), title)!;
		expect(note).not.toContain("today's review");
		expect(note).toContain('“Arrays” is switched off in Settings');
		expect(note).toContain('when you review that deck directly');
	});

	it('tells the two apart when a miss sends cards from both', () => {
		const note = reviewNote(['graphs/bfs', 'arrays/a'], new Set(['arrays']), title)!;
		expect(note).toMatch(
			/^Its flashcard is due in today's review\. One more is due again, but the deck “Arrays”/
		);
	});
});
