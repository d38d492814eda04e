import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '$lib/decks/types';
import { grade, gradeChoices, gradeTyped, normalizeAnswer, questionFingerprint } from './grade';

function makeQuestion(overrides: Partial<QuizQuestion> = {}): QuizQuestion {
	return {
		kind: 'quiz',
		id: 'q',
		line: 1,
		promptHtml: 'Q?',
		promptText: 'Q?',
		tags: [],
		links: [],
		answerType: 'single',
		stemHtml: '',
		choices: [
			{ html: 'a', correct: false },
			{ html: 'b', correct: true },
			{ html: 'c', correct: false }
		],
		accept: [],
		explanationHtml: '',
		...overrides
	};
}

describe('normalizeAnswer', () => {
	it.each([
		['  GROUP   by! ', 'group by'],
		['Café', 'cafe'],
		['node.js', 'node.js'],
		['C#', 'c#'],
		['C++', 'c++'],
		['end.', 'end'],
		['409 (Conflict)', '409 conflict']
	])('%j → %j', (input, expected) => {
		expect(normalizeAnswer(input)).toBe(expected);
	});
});

describe('gradeTyped', () => {
	it('accepts any listed spelling, ignoring case, spacing and punctuation', () => {
		expect(gradeTyped('having', ['HAVING'])).toBe('correct');
		expect(gradeTyped(' Having. ', ['HAVING'])).toBe('correct');
		expect(gradeTyped('git  reflog', ['git reflog', 'reflog'])).toBe('correct');
		expect(gradeTyped('reflog', ['git reflog', 'reflog'])).toBe('correct');
	});

	it('shows a typo as a near miss, never as correct', () => {
		expect(gradeTyped('havng', ['HAVING'])).toBe('near');
		expect(gradeTyped('idempotnet', ['idempotent'])).toBe('near');
		expect(gradeTyped('where', ['HAVING'])).toBe('wrong');
	});

	it('does not treat a different short answer as a typo', () => {
		expect(gradeTyped('401', ['403'])).toBe('wrong');
		expect(gradeTyped('C', ['C#'])).toBe('wrong');
		expect(gradeTyped('', ['anything'])).toBe('wrong');
	});

	it('property: an accepted answer with random case and extra spacing/punctuation is always correct', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^[a-z][a-z ]{0,20}[a-z]$/),
				fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
				fc.constantFrom('', ' ', '  ', '.', '!', '?'),
				(answer, upper, trailing) => {
					const messy = ` ${[...answer]
						.map((ch, i) => (upper[i] ? ch.toUpperCase() : ch))
						.join('')
						.replace(/ /g, '  ')}${trailing}`;
					expect(gradeTyped(messy, [answer])).toBe('correct');
				}
			)
		);
	});

	it('property: grading is deterministic and never says correct for an answer that normalises differently', () => {
		fc.assert(
			fc.property(
				fc.string({ maxLength: 15 }),
				fc.string({ minLength: 1, maxLength: 15 }),
				(given, accepted) => {
					const verdict = gradeTyped(given, [accepted]);
					expect(gradeTyped(given, [accepted])).toBe(verdict);
					if (verdict === 'correct') expect(normalizeAnswer(given)).toBe(normalizeAnswer(accepted));
				}
			)
		);
	});
});

describe('gradeChoices', () => {
	const multi = makeQuestion({
		answerType: 'multiple',
		choices: [
			{ html: 'a', correct: true },
			{ html: 'b', correct: false },
			{ html: 'c', correct: true },
			{ html: 'd', correct: false }
		]
	});

	it('single choice: only the right index is correct', () => {
		expect(gradeChoices([1], makeQuestion())).toBe('correct');
		expect(gradeChoices([0], makeQuestion())).toBe('wrong');
	});

	it('select all: exactly the right set, in any order, is correct; partial or extra is wrong', () => {
		expect(gradeChoices([2, 0], multi)).toBe('correct');
		expect(gradeChoices([0], multi)).toBe('wrong');
		expect(gradeChoices([0, 2, 3], multi)).toBe('wrong');
		expect(gradeChoices([], multi)).toBe('wrong');
	});

	it('property: a pick is correct exactly when its set equals the set of right choices', () => {
		fc.assert(
			fc.property(
				fc.array(fc.boolean(), { minLength: 3, maxLength: 8 }),
				fc.array(fc.nat(7)),
				(flags, picks) => {
					const q = makeQuestion({
						answerType: 'multiple',
						choices: flags.map((correct, i) => ({ html: `${i}`, correct }))
					});
					const picked = picks.filter((p) => p < flags.length);
					const expected =
						new Set(picked).size === flags.filter(Boolean).length && picked.every((p) => flags[p])
							? 'correct'
							: 'wrong';
					expect(gradeChoices(picked, q)).toBe(expected);
				}
			)
		);
	});

	it('grade() never accepts a typed response to a choice question or the reverse', () => {
		expect(grade({ kind: 'typed', text: 'b' }, makeQuestion())).toBe('wrong');
		expect(
			grade(
				{ kind: 'choices', picked: [0] },
				makeQuestion({ answerType: 'typed', accept: ['x'], choices: [] })
			)
		).toBe('wrong');
	});
});

describe('questionFingerprint', () => {
	it('changes when the right answer changes and not otherwise', () => {
		const q = makeQuestion();
		expect(questionFingerprint(q)).toBe(questionFingerprint(makeQuestion()));
		const moved = makeQuestion({ choices: q.choices.map((c, i) => ({ ...c, correct: i === 0 })) });
		expect(questionFingerprint(moved)).not.toBe(questionFingerprint(q));
	});
});
