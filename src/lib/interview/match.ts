import { stemmer } from 'stemmer';
import type { KeyPoint } from '$lib/decks/types';

/**
 * Key-point matching: does a typed (or dictated) answer say what a key point needs, or say the opposite?
 *
 * Method. The answer is cut into clauses (at `, ; : ! ?`, a sentence's full stop, a line break, and
 * the words "but", "however", "whereas", "although", "though", "instead"). Words are lower-cased, split
 * on anything but letters, digits and the code characters `+ # .` inside a word (so "N+1", "C#" and
 * "node.js" stay whole), and each plain word is reduced to its Porter stem, with a few fixes where
 * Porter splits one word family ("added" → "add", "highly" → "high", "stability" → "stable").
 *
 * A phrase is found when its stemmed words occur in order inside one clause, with at most one other
 * word between two of them ("separate HTTP requests" finds "separate requests"). A find is negated,
 * and does not count, when the clause has a negating word ("not", "never", "without", "don't" …)
 * among the three words before it, inside the span it covers ("quicksort is not stable"), or right
 * after it, possibly behind a verb like "is" or "really" ("equity doesn't really matter", "X is not Y").
 * Negating words that are part of the phrase itself ("not idempotent") do not count.
 *
 * A point is covered when one of its `match` phrases of two or more words is found, or enough of its
 * single words: single words are weak, so a point listing four or more of them needs two different
 * ones. A point is contradicted when one of its `wrong` claims is found (not negated): then it is not
 * covered, whatever else matched, and the claims found are reported so the person can be told.
 *
 * Limits. It matches words, not meaning: a paraphrase that uses none of the listed phrases is missed,
 * and a misconception the deck does not list is not caught (the person can override either way).
 * Stemming is English-only.
 */

const NEGATORS = new Set([
	'not',
	'no',
	'never',
	'without',
	'nor',
	'neither',
	'dont',
	'doesnt',
	'didnt',
	'isnt',
	'wont',
	'wouldnt',
	'shouldnt',
	'cant',
	'cannot',
	'couldnt',
	'arent',
	'wasnt',
	'werent',
	'hasnt',
	'havent',
	'hardly',
	'barely'
]);
/** Words that start a new clause for negation and phrase matching. */
const CLAUSE_WORDS = new Set(['but', 'however', 'whereas', 'although', 'though', 'instead']);
const BEFORE_WINDOW = 3;
/** Words that may stand between a phrase and a negation that follows it ("X is not", "X really doesn't"). */
const AUXILIARIES = new Set(
	(
		'is are was were be do does did will would should can could has have had must may might really just also ' +
		'mostly basically usually totally generally completely probably simply honestly frankly pretty a an'
	).split(' ')
);
/** Words that dismiss what comes just before them ("least privilege is overkill"). */
const DISMISSALS = new Set([
	'overkill',
	'unnecessary',
	'pointless',
	'useless',
	'overrated',
	'irrelevant',
	'optional',
	'noise',
	'myth',
	'needless'
]);

/** Whether the word at `i` negates: a negating word, or the "than" of "rather than", the "of" of "instead of". */
function negatesAt(raw: readonly string[], i: number): boolean {
	const w = raw[i]!;
	return (
		NEGATORS.has(w) || (w === 'than' && raw[i - 1] === 'rather') || (w === 'of' && raw[i - 1] === 'instead')
	);
}
const MAX_GAP = 1;

/** Stems Porter splits from their family, mapped back (checked on the stemmed form of both sides). */
const STEM_FIXES: Record<string, string> = {
	ad: 'add',
	indic: 'index',
	queue: 'queu',
	replica: 'replic',
	failur: 'fail',
	stabil: 'stabl'
};

/** Lower-cased words of a text, with code-like tokens kept whole and apostrophes dropped ("don't" → "dont"). */
export function words(text: string): string[] {
	return text
		.toLowerCase()
		.replace(/[’']/g, '')
		.split(/[^\p{L}\p{N}+#.]+/u)
		.map((w) => w.replace(/^[.]+|[.]+$/g, ''))
		.filter(Boolean);
}

const stemCache = new Map<string, string>();

function stemWord(word: string): string {
	const cached = stemCache.get(word);
	if (cached !== undefined) return cached;
	let s = word;
	if (/^\p{L}+$/u.test(word)) {
		s = stemmer(word);
		if (s.length > 4 && s.endsWith('li')) s = s.slice(0, -2);
		s = STEM_FIXES[s] ?? s;
	}
	if (stemCache.size < 50_000) stemCache.set(word, s);
	return s;
}

/** The stemmed words of a text, as the matcher compares them. */
export function stems(text: string): string[] {
	return words(text).map(stemWord);
}

/** An answer as the matcher reads it: per clause, the raw words and their stems. */
export interface Clauses {
	raw: string[][];
	stems: string[][];
}

/** Cuts an answer into clauses of words (see the module comment). */
export function clauses(text: string): Clauses {
	const raw: string[][] = [];
	for (const piece of text.split(/[,;:!?\n\r]+|\.(?=\s|$)/)) {
		let current: string[] = [];
		const ws = words(piece);
		for (const [i, w] of ws.entries()) {
			if (CLAUSE_WORDS.has(w) && !(w === 'instead' && ws[i + 1] === 'of')) {
				if (current.length) raw.push(current);
				current = [];
			} else current.push(w);
		}
		if (current.length) raw.push(current);
	}
	return { raw, stems: raw.map((c) => c.map(stemWord)) };
}

/** The end (exclusive) of the phrase matched from `start`, allowing small gaps, or -1. */
function matchFrom(clause: readonly string[], start: number, phrase: readonly string[]): number {
	let at = start + 1;
	for (let j = 1; j < phrase.length; j++) {
		let k = at;
		while (k < clause.length && k - at <= MAX_GAP && clause[k] !== phrase[j]) k++;
		if (k >= clause.length || k - at > MAX_GAP) return -1;
		at = k + 1;
	}
	return at;
}

/** Whether more negating words surround or interrupt a find than the phrase itself holds ("not valid"). */
function negated(raw: readonly string[], start: number, end: number, own: number): boolean {
	let n = 0;
	for (let i = Math.max(0, start - BEFORE_WINDOW); i < end; i++) if (negatesAt(raw, i)) n++;
	let after = end;
	while (after < raw.length && after < end + 2 && AUXILIARIES.has(raw[after]!)) after++;
	if (after < raw.length && (NEGATORS.has(raw[after]!) || DISMISSALS.has(raw[after]!))) n++;
	return n > own;
}

/** Whether the stemmed phrase occurs, not negated, in one of the clauses. */
function findsPhrase(answer: Clauses, phrase: readonly string[]): boolean {
	if (phrase.length === 0) return false;
	const own = phrase.filter((w) => NEGATORS.has(w)).length;
	for (let c = 0; c < answer.stems.length; c++) {
		const clause = answer.stems[c]!;
		for (let i = 0; i < clause.length; i++) {
			if (clause[i] !== phrase[0]) continue;
			const end = matchFrom(clause, i, phrase);
			if (end >= 0 && !negated(answer.raw[c]!, i, end, own)) return true;
		}
	}
	return false;
}

const phraseCache = new Map<string, string[]>();

function phraseStems(phrase: string): string[] {
	let s = phraseCache.get(phrase);
	if (!s) {
		s = stems(phrase);
		if (phraseCache.size < 50_000) phraseCache.set(phrase, s);
	}
	return s;
}

export interface PointCheck {
	covered: boolean;
	/** The match phrases found in the answer. */
	found: string[];
	/** The wrong claims found in the answer (when any, the point is not covered). */
	contradicted: string[];
}

/**
 * Checks one key point against an answer (see the module comment for the rule). The answer is
 * `clauses(text)`, or a plain word list, read as one clause.
 *
 * @example checkPoint(words('We add a composite index'), ['index', 'composite index']).covered === true
 */
export function checkPoint(
	answer: Clauses | readonly string[],
	phrases: readonly string[],
	wrong: readonly string[] = []
): PointCheck {
	const read: Clauses = Array.isArray(answer)
		? { raw: [answer as string[]], stems: [(answer as string[]).map(stemWord)] }
		: (answer as Clauses);
	const contradicted = wrong.filter((claim) => findsPhrase(read, phraseStems(claim)));
	const found: string[] = [];
	let strong = false;
	const weakStems = new Set<string>();
	const weakFound = new Set<string>();
	for (const phrase of phrases) {
		const p = phraseStems(phrase);
		if (p.length === 1) weakStems.add(p[0]!);
		if (!findsPhrase(read, p)) continue;
		found.push(phrase);
		if (p.length > 1) strong = true;
		else weakFound.add(p[0]!);
	}
	const weakNeeded = weakStems.size >= 4 ? 2 : Math.min(1, weakStems.size);
	const matched = strong || (weakNeeded > 0 && weakFound.size >= weakNeeded);
	return { covered: matched && contradicted.length === 0, found, contradicted };
}

/** Which key points an answer covers or contradicts, in order. */
export function checkAnswer(
	answer: string,
	keyPoints: readonly Pick<KeyPoint, 'match' | 'wrong'>[]
): PointCheck[] {
	const read = clauses(answer);
	return keyPoints.map((k) => checkPoint(read, k.match, k.wrong));
}
