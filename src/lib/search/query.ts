import { ITEM_KINDS, type ItemKind } from './documents';
import { FLAGS, type FlagColour } from '$lib/scheduling/marks';

// The browser's search syntax (docs/search.md): free words and "quoted phrases" searched in the text,
// and `key:value` filters, each negated by a leading `-`. Parsing never throws: a token it cannot read is
// reported with its place and left out, and the rest of the query still applies.

export const IS_VALUES = [
	'new',
	'learning',
	'review',
	'relearning',
	'due',
	'overdue',
	'suspended',
	'buried',
	'flagged',
	'leech'
] as const;
export type IsValue = (typeof IS_VALUES)[number];

export const DUE_VALUES = ['today', 'week', 'overdue'] as const;
export type DueValue = (typeof DUE_VALUES)[number];

/** FSRS properties: difficulty (1–10), stability (days), retrievability (0–1), and the counts. */
export const PROPS = ['d', 's', 'r', 'lapses', 'reps'] as const;
export type Prop = (typeof PROPS)[number];
export const COMPARES = ['<=', '>=', '<', '>', '='] as const;
export type Compare = (typeof COMPARES)[number];

export const SORT_KEYS = [
	'relevance',
	'due',
	'difficulty',
	'stability',
	'retrievability',
	'lapses',
	'last'
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type Filter = { not: boolean } & (
	| { key: 'deck'; value: string }
	| { key: 'topic'; value: string }
	| { key: 'kind'; value: ItemKind }
	| { key: 'tag'; value: string }
	| { key: 'is'; value: IsValue }
	| { key: 'due'; value: DueValue }
	| { key: 'flag'; value: FlagColour }
	| { key: 'prop'; prop: Prop; op: Compare; value: number }
);

export interface Sort {
	key: SortKey;
	desc: boolean;
}

export interface QueryError {
	/** Where the token starts in the query (0-based). */
	at: number;
	token: string;
	message: string;
}

export interface Query {
	words: string[];
	phrases: string[];
	filters: Filter[];
	sort: Sort | null;
	errors: QueryError[];
}

interface Token {
	at: number;
	text: string;
	/** A "quoted phrase" (its text without the quotes). */
	quoted: boolean;
	/** The closing quote is missing. */
	open: boolean;
}

/** Splits a query at white space, keeping "quoted phrases" (and `-"negated phrases"`) whole. */
function tokens(query: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < query.length) {
		if (/\s/.test(query[i]!)) {
			i++;
			continue;
		}
		const at = i;
		if (query[i] === '"') {
			const end = query.indexOf('"', i + 1);
			const close = end === -1 ? query.length : end;
			out.push({ at, text: query.slice(i + 1, close), quoted: true, open: end === -1 });
			i = close + 1;
			continue;
		}
		while (i < query.length && !/\s/.test(query[i]!)) i++;
		out.push({ at, text: query.slice(at, i), quoted: false, open: false });
	}
	return out;
}

const KEYS = ['deck', 'topic', 'kind', 'tag', 'is', 'due', 'flag', 'prop', 'sort'] as const;
const list = (values: readonly string[]) => values.join(', ');

/**
 * Reads a query typed into the browser's search box.
 *
 * @example parseQuery('deck:db-* is:due prop:r<0.8 flag:red "write skew"')
 */
export function parseQuery(query: string): Query {
	const out: Query = { words: [], phrases: [], filters: [], sort: null, errors: [] };
	const fail = (t: Token, message: string) => out.errors.push({ at: t.at, token: t.text, message });
	for (const t of tokens(query)) {
		if (t.quoted) {
			if (t.open)
				fail(t, `The quote opened at ${t.at + 1} is not closed: "${t.text}" is searched as a phrase.`);
			const phrase = t.text.trim().toLowerCase();
			if (phrase) out.phrases.push(phrase);
			continue;
		}
		const not = t.text.startsWith('-') && t.text.length > 1;
		const body = not ? t.text.slice(1) : t.text;
		const colon = body.indexOf(':');
		const key = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
		if (!(KEYS as readonly string[]).includes(key)) {
			// A plain word (a colon inside a word, like `std::move`, stays a word).
			if (not) fail(t, `"${t.text}": a minus negates a filter (like -is:suspended), not a word.`);
			else out.words.push(body.toLowerCase());
			continue;
		}
		const value = body.slice(colon + 1);
		const raw = value.toLowerCase();
		if (!value) {
			fail(t, `"${t.text}" has no value after the colon.`);
			continue;
		}
		switch (key) {
			case 'deck':
			case 'topic':
			case 'tag':
				out.filters.push({ key, value: raw, not });
				break;
			case 'kind':
				if ((ITEM_KINDS as readonly string[]).includes(raw))
					out.filters.push({ key, value: raw as ItemKind, not });
				else fail(t, `"${t.text}": kind is one of ${list(ITEM_KINDS)}.`);
				break;
			case 'is':
				if ((IS_VALUES as readonly string[]).includes(raw))
					out.filters.push({ key, value: raw as IsValue, not });
				else fail(t, `"${t.text}": is: takes one of ${list(IS_VALUES)}.`);
				break;
			case 'due':
				if ((DUE_VALUES as readonly string[]).includes(raw))
					out.filters.push({ key, value: raw as DueValue, not });
				else fail(t, `"${t.text}": due: takes one of ${list(DUE_VALUES)}.`);
				break;
			case 'flag': {
				const byName = (FLAGS as readonly string[]).indexOf(raw);
				const colour = byName >= 0 ? byName : /^[0-4]$/.test(raw) ? Number(raw) : -1;
				if (colour >= 0) out.filters.push({ key, value: colour as FlagColour, not });
				else fail(t, `"${t.text}": flag: takes red, orange, green, blue, none, or 0–4.`);
				break;
			}
			case 'prop': {
				const m = /^([a-z]+)(<=|>=|<|>|=)(-?\d+(?:\.\d+)?|-?\.\d+)$/.exec(raw);
				if (!m) {
					fail(t, `"${t.text}": write a property, a comparison and a number, like prop:r<0.8.`);
					break;
				}
				if (!(PROPS as readonly string[]).includes(m[1]!)) {
					fail(t, `"${t.text}": the properties are d (difficulty), s (stability), r (recall), lapses, reps.`);
					break;
				}
				out.filters.push({ key, prop: m[1] as Prop, op: m[2] as Compare, value: Number(m[3]), not });
				break;
			}
			case 'sort': {
				const desc = raw.startsWith('-');
				const name = desc ? raw.slice(1) : raw;
				if (not) fail(t, `"${t.text}": sort cannot be negated; write sort:-${name} for the other way round.`);
				else if ((SORT_KEYS as readonly string[]).includes(name)) out.sort = { key: name as SortKey, desc };
				else fail(t, `"${t.text}": sort: takes one of ${list(SORT_KEYS)}, with - for descending.`);
				break;
			}
		}
	}
	return out;
}

/** One filter as the syntax writes it. */
export function formatFilter(f: Filter): string {
	const sign = f.not ? '-' : '';
	if (f.key === 'prop') return `${sign}prop:${f.prop}${f.op}${f.value}`;
	if (f.key === 'flag') return `${sign}flag:${FLAGS[f.value]}`;
	return `${sign}${f.key}:${f.value}`;
}

/** A query written back as text; reading it again gives the same query (errors aside). */
export function formatQuery(q: Pick<Query, 'words' | 'phrases' | 'filters' | 'sort'>): string {
	return [
		...q.filters.map(formatFilter),
		...q.words,
		...q.phrases.map((p) => `"${p}"`),
		...(q.sort ? [`sort:${q.sort.desc ? '-' : ''}${q.sort.key}`] : [])
	].join(' ');
}

/**
 * The query with the filters of one key replaced (the browser's controls each set one key): `value`
 * null removes them.
 */
export function withFilter(q: Query, key: Filter['key'], value: Filter | null): Query {
	return { ...q, filters: [...q.filters.filter((f) => f.key !== key), ...(value ? [value] : [])] };
}
