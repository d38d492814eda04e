import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '$lib/decks/types';
import { makeSqlExercise } from '$lib/testing/decks';
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
		['409 (Conflict)', '409 conflict'],
		['4!', '4!'],
		['O(V + E)', 'o v+e'],
		['3.8.0.', '3.8.0'],
		['read-only', 'read only']
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

	// Exploratory audit, finding 4: "4" was marked correct for "4!" (24).
	it('keeps the factorial sign: "4" is not "4!"', () => {
		expect(gradeTyped('4', ['24', '4!'])).toBe('wrong');
		expect(gradeTyped('4!', ['24', '4!'])).toBe('correct');
		expect(gradeTyped('24', ['24', '4!'])).toBe('correct');
		expect(gradeTyped('n!', ['n!'])).toBe('correct');
	});

	// Exploratory audit, finding 5: "O(V+E)" was refused where "O(V + E)" is accepted.
	it.each([
		['O(V+E)', 'O(V + E)'],
		['o(v+e)', 'O(V + E)'],
		['O( V+E )', 'O(V + E)'],
		['O(V + E)', 'O(V+E)'],
		['V+E', 'V + E'],
		['n+m', 'n + m'],
		['O(n+m)', 'O(n + m)'],
		['O(n*log n)', 'O(n * log n)'],
		['O(n^2)', 'O(n ^ 2)'],
		['2^12', '2 ^ 12'],
		['a=b', 'a = b'],
		['x<y', 'x < y'],
		['TCP / IP', 'TCP/IP'],
		['50 %', '50%'],
		['O((V+E) log V)', 'O((V + E) log V)']
	])('spacing around operators does not count: %j = %j', (given, accepted) => {
		expect(gradeTyped(given, [accepted])).toBe('correct');
	});

	it.each([
		['O(V*E)', 'O(V + E)'],
		['O(V)', 'O(V + E)'],
		['n-m', 'n + m'],
		['C', 'C++'],
		['C+', 'C++'],
		['3.8', '3.8.0'],
		['4', '4!']
	])('a different operator or number is still wrong: %j for %j', (given, accepted) => {
		expect(gradeTyped(given, [accepted])).toBe('wrong');
	});

	// Exploratory audit, finding 17: conceptually wrong answers were shown as "check the spelling".
	it.each([
		['Layer 4', 'Layer 7'],
		['65535', '65536'],
		['4097', '4096'],
		['16383', '16384'],
		['3.8.1', '3.8.0'],
		['3.9.0', '3.8.0'],
		['40002', '40001'],
		['169.254.169.253', '169.254.169.254'],
		['5 minutes', '15 minutes'],
		['25 minutes', '15 minutes'],
		['200', '20'],
		['L4', 'L7'],
		['GET', 'PUT'],
		['ACID', 'BASE'],
		['HEAD', 'HEAP'],
		['O(n)', 'O(1)'],
		['O(n log n)', 'O(n)'],
		['md5', 'sha1'],
		['IPv4', 'IPv6'],
		['utf-16', 'utf-8'],
		['http/1.1', 'http/2']
	])('never calls a different number or a short answer a typo: %j for %j', (given, accepted) => {
		expect(gradeTyped(given, [accepted])).toBe('wrong');
	});

	it.each([
		['idempotnet', 'idempotent'],
		['havng', 'HAVING'],
		['Layr 7', 'Layer 7'],
		['recieve buffer', 'receive buffer'],
		['consistant hashing', 'consistent hashing'],
		['15 minuts', '15 minutes'],
		['Kuberentes', 'Kubernetes'],
		['git reflgo', 'git reflog']
	])('keeps the near miss for a typo in a word: %j for %j', (given, accepted) => {
		expect(gradeTyped(given, [accepted])).toBe('near');
	});

	it('property: changing a digit of an accepted answer is never correct nor a near miss', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z]{0,8} ?[0-9]{1,6}$/), fc.nat(), fc.nat(9), (answer, at, digit) => {
				const digits = [...answer].flatMap((ch, i) => (/[0-9]/.test(ch) ? [i] : []));
				const i = digits[at % digits.length]!;
				if (answer[i] === String(digit)) return;
				const changed = answer.slice(0, i) + String(digit) + answer.slice(i + 1);
				expect(gradeTyped(changed, [answer])).toBe('wrong');
			})
		);
	});

	it('property: spaces around an operator never change the verdict', () => {
		fc.assert(
			fc.property(
				fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 2, maxLength: 4 }),
				fc.array(fc.constantFrom('+', '*', '/', '^', '=', '<', '>'), { minLength: 3, maxLength: 3 }),
				fc.array(fc.constantFrom('', ' ', '  '), { minLength: 6, maxLength: 6 }),
				(terms, ops, gaps) => {
					const tight = terms.map((t, i) => (i ? `${ops[i - 1]}${t}` : t)).join('');
					const loose = terms
						.map((t, i) => (i ? `${gaps[2 * i - 2]}${ops[i - 1]}${gaps[2 * i - 1]}${t}` : t))
						.join('');
					expect(gradeTyped(loose, [tight])).toBe('correct');
					expect(gradeTyped(`O(${tight})`, [`O(${loose})`])).toBe('correct');
				}
			)
		);
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

	it("grade() takes an SQL exercise's verdict from PostgreSQL's run, and nothing else answers one", () => {
		const exercise = makeSqlExercise('top');
		expect(grade({ kind: 'sql', query: 'SELECT 1', solved: true }, exercise)).toBe('correct');
		expect(grade({ kind: 'sql', query: 'SELECT 1', solved: false }, exercise)).toBe('wrong');
		expect(grade({ kind: 'typed', text: exercise.modelSql }, exercise)).toBe('wrong');
		expect(grade({ kind: 'sql', query: 'b', solved: true }, makeQuestion())).toBe('wrong');
	});
});

describe('questionFingerprint', () => {
	it('changes when the right answer changes and not otherwise', () => {
		const q = makeQuestion();
		expect(questionFingerprint(q)).toBe(questionFingerprint(makeQuestion()));
		const moved = makeQuestion({ choices: q.choices.map((c, i) => ({ ...c, correct: i === 0 })) });
		expect(questionFingerprint(moved)).not.toBe(questionFingerprint(q));
	});

	it("changes with an SQL exercise's model query or its order rule", () => {
		const e = makeSqlExercise('top');
		expect(questionFingerprint(e)).toBe(questionFingerprint(makeSqlExercise('top')));
		expect(questionFingerprint({ ...e, modelSql: `${e.modelSql} LIMIT 1` })).not.toBe(questionFingerprint(e));
		expect(questionFingerprint({ ...e, ordered: !e.ordered })).not.toBe(questionFingerprint(e));
	});

	it('gives the value stored by earlier versions (attempts keep matching their questions)', () => {
		const q = {
			kind: 'choice',
			promptText: 'Which é?',
			answerType: 'single',
			choices: [{ correct: true, html: '<p>a</p>' }],
			accept: []
		} as never;
		expect(questionFingerprint(q)).toBe('8hyr5n');
	});
});
