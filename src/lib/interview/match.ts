import { stemmer } from 'stemmer';
import { ANY_NUMBER, type KeyPoint } from '../decks/types.ts';

/**
 * Key-point matching: does a typed (or dictated) answer say what a key point needs, or say the opposite?
 *
 * Method. The answer is cut into clauses: at `, ;` and line breaks; at `: ! ? .` before a space or the
 * end (so not inside "queue:work" or "a.m"); and at the words "but", "however", "whereas", "although",
 * "though" and "instead", except in "instead of", "nothing but" and "all but". A phrase that could never
 * be found for this reason is a build error (`unfindable`). Words are lower-cased, split on anything but
 * letters, digits and the code characters `+ # .` inside a word (so "N+1", "C#" and "node.js" stay
 * whole), and each plain word is reduced to its Porter stem, with a few fixes where
 * Porter splits one word family ("added" → "add", "highly" → "high", "stability" → "stable"). Before
 * stemming, British spellings of common words become American ("normalise", "behaviour", "analyse") and
 * number words become digits ("three-way" = "3-way").
 *
 * A phrase is found when its stemmed words occur in order inside one clause, with at most one other
 * word between two of them ("separate HTTP requests" finds "separate requests"); articles and filler
 * adverbs ("the", "really", "also", "just" …) in the answer do not count as that word, and articles in
 * the phrase are optional ("add an index" finds "add indexes"). Two neighbouring words of a phrase may
 * also be written as one ("round trip" finds "roundtrip"). A find is negated,
 * and does not count, when the clause has a negating word ("not", "never", "without", "nobody", "don't" …)
 * among the three words before it, inside the span it covers ("quicksort is not stable"), or right
 * after it, possibly behind a verb like "is" or "really" ("equity doesn't really matter", "X is not Y").
 * "non-" and "anti-" negate only the word right after them ("non-blocking"); "not only" and "not just"
 * do not negate. Negating words that are part of the phrase itself ("not idempotent", "instead of") do
 * not count.
 *
 * A phrase may hold `#n`, which stands for any number the answer gives ("40", "3x", "2.5", "300ms",
 * "ten"): "went from #n", "cut it by #n" find a measured result whatever the figure (a STAR answer's
 * result). `#n` alone is not a phrase (it would credit any number).
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
	'nobody',
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
	'needless',
	'unneeded',
	'superfluous',
	'unimportant',
	'waste',
	'anti'
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

/** Number words, read as their digits ("three-way" and "3-way" handshake are one phrase). */
const NUMBER_WORDS: Record<string, string> = {
	zero: '0',
	one: '1',
	two: '2',
	three: '3',
	four: '4',
	five: '5',
	six: '6',
	seven: '7',
	eight: '8',
	nine: '9',
	ten: '10'
};

/** British spellings of words that answers use, mapped to the American ones before stemming (Porter keeps
 * "normalise" and "normalize" apart): the -ise/-yse verbs and their forms, -our nouns, a few others. */
const ISE_VERB =
	/^(normal|serial|deserial|optim|priorit|synchron|initial|author|organ|recogn|minim|maxim|custom|util|central|final|material|parallel|summar|visual|categor|standard|container|token|sanit|memo|apolog|emphas|real|special|capital|local|general|stabil|virtual|modern|character|penal|amort|random|decentral|personal)is(e|es|ed|ing|ation|ations|er|ers|able)$/;
const OUR_NOUN = /^(behavi|fav|col|hon|lab|neighb|flav|rum|endeav|harb|arm)our(s|ed|ing|al|ite|ites)?$/;
const BRITISH: Record<string, string> = {
	licence: 'license',
	licences: 'licenses',
	defence: 'defense',
	centre: 'center',
	centres: 'centers',
	catalogue: 'catalog',
	judgement: 'judgment',
	grey: 'gray'
};

/** A word in American spelling, with number words as digits. */
function normalise(word: string): string {
	const fixed = NUMBER_WORDS[word] ?? BRITISH[word];
	if (fixed) return fixed;
	if (word.length > 6 && word.includes('is')) {
		const m = ISE_VERB.exec(word);
		if (m) return `${m[1]}iz${m[2]}`;
	}
	if (word.startsWith('analys') && !word.startsWith('analysi')) return 'analyz' + word.slice(6);
	if (word.includes('our')) {
		const m = OUR_NOUN.exec(word);
		if (m) return `${m[1]}or${m[2] ?? ''}`;
	}
	return word;
}

/** Words kept as written, where the stem would be another word ("https" is not "http"). */
const UNSTEMMED = new Set(['https', 'wss']);

const stemCache = new Map<string, string>();

function stemWord(word: string): string {
	const cached = stemCache.get(word);
	if (cached !== undefined) return cached;
	let s = normalise(word);
	if (/^\p{L}+$/u.test(s) && !UNSTEMMED.has(s)) {
		s = stemmer(s);
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

/**
 * Why a phrase could never be found in an answer, or null: answers are cut into clauses (see `clauses`),
 * so a phrase that holds a clause word or mark ("fast but unsafe", "use X instead") spans two of them.
 */
export function unfindable(phrase: string): string | null {
	const parts = clauses(phrase).raw;
	if (parts.length === 1 && parts[0]!.length === words(phrase).length) return null;
	return `answers are cut into clauses at 'but', 'however', 'instead' (not 'instead of'), 'though' and the like, and at ; : ! ? or a full stop before a space`;
}

/** Whether the clause word at `i` joins rather than contrasts: "instead of", "nothing but", "all but". */
function joins(ws: readonly string[], i: number): boolean {
	const w = ws[i];
	return (
		(w === 'instead' && ws[i + 1] === 'of') ||
		(w === 'but' && (ws[i - 1] === 'nothing' || ws[i - 1] === 'all'))
	);
}

/** Cuts an answer into clauses of words (see the module comment). */
export function clauses(text: string): Clauses {
	const raw: string[][] = [];
	for (const piece of text.split(/[,;\n\r]+|[:!?.](?=\s|$)/)) {
		let current: string[] = [];
		const ws = words(piece);
		for (const [i, w] of ws.entries()) {
			if (CLAUSE_WORDS.has(w) && !joins(ws, i)) {
				if (current.length) raw.push(current);
				current = [];
			} else current.push(w);
		}
		if (current.length) raw.push(current);
	}
	return { raw, stems: raw.map((c) => c.map(stemWord)) };
}

/** Words an answer may hold inside a phrase without counting as its one-word gap: articles and filler
 * adverbs ("add an index" is found in "add the index" and "add really just one index" alike). */
const FILLERS = new Set(
	'a an the really actually basically also just very quite simply definitely certainly usually typically generally'.split(
		' '
	)
);
/** Articles in a phrase are optional: "add an index" is also found in "add indexes". */
const ARTICLES = new Set(['a', 'an', 'the']);
/** Prefixes written as a word of their own ("non-blocking", "anti-pattern"): they negate only the word right after. */
const PREFIX_NEGATORS = new Set(['non', 'anti']);

/** A number as an answer writes it, after `words`: "40", "2.5", "3x", "300ms", "10k" ("ten" is "10" by then). */
const NUMBER = /^\d[\d.,]*[a-z]{0,2}$/;

/** Whether the answer's word (its stem) is the phrase's word: the same stem, or any number for `#n`. */
function same(stem: string, want: string): boolean {
	return want === ANY_NUMBER ? NUMBER.test(stem) : stem === want;
}

/** The end (exclusive) of the phrase matched from `start`, allowing small gaps and fillers, or -1. */
function matchFrom(
	clause: readonly string[],
	raw: readonly string[],
	start: number,
	phrase: readonly string[]
): number {
	let at = start + 1;
	for (let j = 1; j < phrase.length; j++) {
		let k = at;
		let gap = 0;
		while (k < clause.length && !same(clause[k]!, phrase[j]!)) {
			if (!FILLERS.has(raw[k]!) && ++gap > MAX_GAP) return -1;
			k++;
		}
		if (k >= clause.length) return -1;
		at = k + 1;
	}
	return at;
}

/** Whether the negating word at `i` is really one: "not only" and "not just" add, they do not negate. */
function negatesHere(raw: readonly string[], i: number): boolean {
	if (!negatesAt(raw, i)) return false;
	const w = raw[i]!;
	const next = raw[i + 1];
	return !((w === 'not' && (next === 'only' || next === 'just')) || (w === 'no' && next === 'matter'));
}

/** Whether more negating words surround or interrupt a find than the phrase itself holds ("not valid"). */
function negated(raw: readonly string[], start: number, end: number, own: number): boolean {
	let n = 0;
	for (let i = Math.max(0, start - BEFORE_WINDOW); i < end; i++)
		if (negatesHere(raw, i) || (i >= start - 1 && PREFIX_NEGATORS.has(raw[i]!))) n++;
	let after = end;
	while (after < raw.length && after < end + 2 && AUXILIARIES.has(raw[after]!)) after++;
	if (after < raw.length && (negatesHere(raw, after) || DISMISSALS.has(raw[after]!))) n++;
	return n > own;
}

/** A phrase as the matcher looks for it: its stems, and the spellings it may take in an answer. */
interface Phrase {
	/** The stemmed words, articles dropped when two or more other words remain. */
	stems: string[];
	/** `stems` and the same with two neighbouring words written as one ("round trip" → "roundtrip"). */
	variants: string[][];
	/** How many negating words the phrase itself holds ("not idempotent"). */
	own: number;
}

/** Whether the phrase occurs, not negated, in one of the clauses. */
function findsPhrase(answer: Clauses, phrase: Phrase): boolean {
	for (const variant of phrase.variants) {
		if (variant.length === 0) continue;
		for (let c = 0; c < answer.stems.length; c++) {
			const clause = answer.stems[c]!;
			const raw = answer.raw[c]!;
			for (let i = 0; i < clause.length; i++) {
				if (!same(clause[i]!, variant[0]!)) continue;
				const end = matchFrom(clause, raw, i, variant);
				if (end >= 0 && !negated(raw, i, end, phrase.own)) return true;
			}
		}
	}
	return false;
}

const phraseCache = new Map<string, Phrase>();

function compilePhrase(text: string): Phrase {
	const all = words(text);
	const kept = all.filter((w) => !ARTICLES.has(w)).length >= 2 ? all.filter((w) => !ARTICLES.has(w)) : all;
	const stems = kept.map(stemWord);
	const variants = [stems];
	for (let i = 0; i + 1 < kept.length; i++)
		if (/^\p{L}{2,}$/u.test(kept[i]!) && /^\p{L}{2,}$/u.test(kept[i + 1]!))
			variants.push([...stems.slice(0, i), stemWord(kept[i]! + kept[i + 1]!), ...stems.slice(i + 2)]);
	// The phrase's own negating words, "instead of" and "rather than" included, do not negate it.
	let own = 0;
	for (let i = 0; i < kept.length; i++) if (negatesAt(kept, i) || PREFIX_NEGATORS.has(kept[i]!)) own++;
	return { stems, variants, own };
}

function phraseOf(text: string): Phrase {
	let p = phraseCache.get(text);
	if (!p) {
		p = compilePhrase(text);
		if (phraseCache.size < 50_000) phraseCache.set(text, p);
	}
	return p;
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
	const contradicted = wrong.filter((claim) => findsPhrase(read, phraseOf(claim)));
	const found: string[] = [];
	let strong = false;
	const weakStems = new Set<string>();
	const weakFound = new Set<string>();
	for (const phrase of phrases) {
		const compiled = phraseOf(phrase);
		const p = compiled.stems;
		if (p.length === 1) weakStems.add(p[0]!);
		if (!findsPhrase(read, compiled)) continue;
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
