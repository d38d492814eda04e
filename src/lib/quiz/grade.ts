import { distance } from 'fastest-levenshtein';
import type { QuizQuestion } from '$lib/decks/types';
import type { QuizItem } from './types';
import { fnv1a } from '$lib/hash';

export type Verdict = 'correct' | 'wrong' | 'near';

/**
 * What the person answered. An SQL exercise's answer is the query submitted and whether its result was
 * the model query's: PostgreSQL judged it in the page (sql/compare.ts), so the verdict comes with it.
 */
export type Response =
	| { kind: 'choices'; picked: number[] }
	| { kind: 'typed'; text: string }
	| { kind: 'sql'; query: string; solved: boolean };

/** Characters that carry meaning in a technical answer and are kept, with no spacing around them. */
const OPERATORS = '+*/^=<>%!';

/**
 * Normalises a typed answer for comparison: case, accents, spacing and punctuation do not count, but
 * characters that carry meaning in code and maths do: `#` and `+` ("C#" ≠ "C"), `.` between letters or
 * digits ("3.8.0"), operators (`O(V+E)`), and `!` after a number or a bracket (`4!` ≠ `4`). Spacing
 * around an operator does not count, so "O(V+E)", "O(V + E)" and "o(v+e)" are the same answer.
 *
 * @example normalizeAnswer('  Group   BY! ') === 'group by'
 * @example normalizeAnswer('O(V+E)') === normalizeAnswer('O(V + E)')
 */
export function normalizeAnswer(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/(\w)\.(?=\w)/g, '$1\uE000')
		.replace(/([\p{N})])!/gu, '$1\uE001')
		.replace(/[^\p{L}\p{N}#+*/^=<>%\uE000\uE001\s]/gu, ' ')
		.replace(/\uE000/g, '.')
		.replace(/\uE001/g, '!')
		.replace(new RegExp(`\\s*([${OPERATORS}])\\s*`, 'g'), '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

/** How many typos a typed answer may have and still count as a near miss (never as correct). */
export function typoAllowance(length: number): number {
	if (length <= 4) return 0;
	if (length <= 7) return 1;
	return 2;
}

/** What is left of a normalised answer when its letters are taken out: its numbers and symbols. */
function skeleton(normalized: string): string {
	return normalized.replace(/\p{L}+/gu, 'a');
}

/**
 * Whether `given` reads as `target` with a typo in a word: the two differ only in letters, with the
 * same numbers and symbols in the same places, and within the typo allowance of the target's letters.
 * A different number ("Layer 4" for "Layer 7", "65535" for "65536") or a short answer is never a typo.
 */
export function isTypo(given: string, target: string): boolean {
	if (given === target || skeleton(given) !== skeleton(target)) return false;
	const letters = target.replace(/[^\p{L}]/gu, '').length;
	return distance(given, target) <= typoAllowance(letters);
}

/**
 * Grades a typed answer against the accepted answers. Exact after normalisation is correct; a typo in
 * a word of one of them (see `isTypo`) is a near miss (shown as such, scored as wrong); anything else
 * is wrong.
 */
export function gradeTyped(text: string, accept: readonly string[]): Verdict {
	const given = normalizeAnswer(text);
	if (!given) return 'wrong';
	let near = false;
	for (const a of accept) {
		const target = normalizeAnswer(a);
		if (given === target) return 'correct';
		if (isTypo(given, target)) near = true;
	}
	return near ? 'near' : 'wrong';
}

/**
 * Grades picked choice indexes (into the question's own choice order). Select-all questions are
 * all or nothing: a partial answer is wrong.
 */
export function gradeChoices(picked: readonly number[], question: Pick<QuizQuestion, 'choices'>): Verdict {
	const right = question.choices.flatMap((c, i) => (c.correct ? [i] : []));
	const given = [...new Set(picked)];
	const ok = given.length === right.length && right.every((i) => given.includes(i));
	return ok ? 'correct' : 'wrong';
}

export function grade(response: Response, question: QuizItem): Verdict {
	if (question.kind === 'sql') return response.kind === 'sql' && response.solved ? 'correct' : 'wrong';
	if (response.kind === 'sql') return 'wrong';
	if (response.kind === 'typed')
		return question.answerType === 'typed' ? gradeTyped(response.text, question.accept) : 'wrong';
	return question.answerType === 'typed' ? 'wrong' : gradeChoices(response.picked, question);
}

/** A fingerprint of what a question asks and accepts, to notice that a deck changed under an attempt. */
export function questionFingerprint(q: QuizItem): string {
	const parts =
		q.kind === 'sql'
			? [q.promptText, 'sql', q.dataset, q.modelSql, String(q.ordered), String(q.namedColumns)]
			: [q.promptText, q.answerType, ...q.choices.map((c) => `${c.correct ? 1 : 0}${c.html}`), ...q.accept];
	return fnv1a(parts.join('\u0000')).toString(36);
}
