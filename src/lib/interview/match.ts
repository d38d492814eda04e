import { stemmer } from 'stemmer';
import type { KeyPoint } from '$lib/decks/types';

/**
 * Key-point matching: does a typed (or dictated) answer say what a key point needs?
 *
 * Method. The answer and each of the point's `match` phrases are normalised the same way: lower case,
 * split into words on anything but letters, digits and the code characters `+ # .` inside a word (so
 * "N+1", "C#" and "node.js" stay whole), and each plain word reduced to its Porter stem ("indexes",
 * "indexing" → "index"). A phrase is found when its stemmed words occur consecutively in the answer,
 * unless one of the three words before it negates it ("not", "never", "without", "don't" …).
 * A phrase of two or more words is strong evidence on its own. Single words are weak: when a point
 * lists four or more single-word phrases (typically general words), two different ones must appear,
 * so one word said in passing does not cover it; with up to three, one is enough.
 *
 * Limits. It matches words, not meaning: a paraphrase that uses none of the listed phrases is missed
 * (the person can override: "I did say that"), and an answer that strings the right words together
 * wrongly is counted as covered. Negation is only looked for just before the phrase. Stemming is
 * English-only. Deck authors make matching good by listing several phrases a person really says.
 */

const NEGATORS = new Set([
	'not',
	'no',
	'never',
	'without',
	'nor',
	'dont',
	'doesnt',
	'didnt',
	'isnt',
	'wont',
	'wouldnt',
	'shouldnt',
	'cant',
	'cannot',
	'arent',
	'wasnt'
]);
const NEGATION_WINDOW = 3;

/** Lower-cased words of a text, with code-like tokens kept whole and apostrophes dropped ("don't" → "dont"). */
export function words(text: string): string[] {
	return text
		.toLowerCase()
		.replace(/[’']/g, '')
		.split(/[^\p{L}\p{N}+#.]+/u)
		.map((w) => w.replace(/^[.]+|[.]+$/g, ''))
		.filter(Boolean);
}

function stemWord(word: string): string {
	return /^\p{L}+$/u.test(word) ? stemmer(word) : word;
}

/** The stemmed words of a text, as the matcher compares them. */
export function stems(text: string): string[] {
	return words(text).map(stemWord);
}

function findsPhrase(answer: readonly string[], raw: readonly string[], phrase: readonly string[]): boolean {
	if (phrase.length === 0) return false;
	outer: for (let i = 0; i + phrase.length <= answer.length; i++) {
		for (let j = 0; j < phrase.length; j++) if (answer[i + j] !== phrase[j]) continue outer;
		const before = raw.slice(Math.max(0, i - NEGATION_WINDOW), i);
		if (!before.some((w) => NEGATORS.has(w))) return true;
	}
	return false;
}

export interface PointCheck {
	covered: boolean;
	/** The phrases found in the answer. */
	found: string[];
}

/**
 * Checks one key point against an answer's words (see the module comment for the rule).
 *
 * @example checkPoint(words('We add a composite index'), ['index', 'composite index']).covered === true
 */
export function checkPoint(answerWords: readonly string[], phrases: readonly string[]): PointCheck {
	const answer = answerWords.map(stemWord);
	const found: string[] = [];
	let strong = false;
	const weakStems = new Set<string>();
	const weakFound = new Set<string>();
	for (const phrase of phrases) {
		const p = stems(phrase);
		if (p.length === 1) weakStems.add(p[0]!);
		if (!findsPhrase(answer, answerWords, p)) continue;
		found.push(phrase);
		if (p.length > 1) strong = true;
		else weakFound.add(p[0]!);
	}
	const weakNeeded = weakStems.size >= 4 ? 2 : Math.min(1, weakStems.size);
	return { covered: strong || (weakNeeded > 0 && weakFound.size >= weakNeeded), found };
}

/** Which key points an answer covers, in order. */
export function checkAnswer(answer: string, keyPoints: readonly Pick<KeyPoint, 'match'>[]): PointCheck[] {
	const answerWords = words(answer);
	return keyPoints.map((k) => checkPoint(answerWords, k.match));
}
