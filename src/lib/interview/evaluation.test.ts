import { describe, expect, it } from 'vitest';
import { evaluate, type LabelledQuestion } from './evaluation';

const set: LabelledQuestion[] = [
	{
		question: 'q1',
		answers: [
			{ kind: 'strong', text: 'a b c', said: [1, 2, 3], contradicted: [] },
			{ kind: 'wrong', text: 'x', said: [], contradicted: [2] }
		]
	}
];

// A checker given by table: what it credits for each answer text.
const credits: Record<string, boolean[]> = {
	'a b c': [true, true, false],
	x: [false, true, true]
};

describe('evaluate', () => {
	it('counts precision, recall, credit per kind, false credit on wrong answers and credited contradictions', () => {
		const e = evaluate(set, (_q, text) => credits[text]!);
		// Credited: 2 right (strong 1, 2), 2 not stated (wrong 2, 3). Stated and missed: strong 3.
		expect(e.precision).toBe(2 / 4);
		expect(e.recall).toBe(2 / 3);
		expect(e.byKind.strong).toEqual({ answers: 1, meanCredited: 2 / 3, meanSaid: 1, meanFalseCredit: 0 });
		expect(e.byKind.wrong).toEqual({ answers: 1, meanCredited: 2 / 3, meanSaid: 0, meanFalseCredit: 2 / 3 });
		expect(e.byKind.partial.answers).toBe(0);
		expect(e.wrongWithFalseCredit).toBe(1);
		expect(e.contradictions).toBe(1);
		expect(e.contradictionsCredited).toBe(1);
		expect(e.mistakes).toEqual([
			{ question: 'q1', kind: 'strong', point: 3, credited: false },
			{ question: 'q1', kind: 'wrong', point: 2, credited: true },
			{ question: 'q1', kind: 'wrong', point: 3, credited: true }
		]);
	});

	it('refuses a label naming a key point the question does not have', () => {
		const bad: LabelledQuestion[] = [
			{ question: 'q1', answers: [{ kind: 'strong', text: 'a b c', said: [4], contradicted: [] }] }
		];
		expect(() => evaluate(bad, (_q, text) => credits[text]!)).toThrow(/key point 4 does not exist/);
	});
});
