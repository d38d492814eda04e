import { CARD, type CardState } from '$lib/scheduling/card';
import { dayEndsAt, dayOf, dayStartsAt } from '$lib/scheduling/day';
import { isLeech, type CardMarks } from '$lib/scheduling/marks';
import { isCardDoc, type SearchDoc } from './documents';
import type { Compare, Filter, Query, Sort } from './query';

// The browser's filters and sorts over the search documents, the cards' stored states and their marks.
// Only flashcards and SQL exercises are cards: quiz and interview questions have no state, so a filter
// on a state, a due date, a mark or an FSRS property never matches them (a negated one always does).

/** What the filters read besides the documents: all of it from storage, read once per change. */
export interface FilterContext {
	now: number;
	dayStartHour: number;
	leechLapses: number;
	topicOf: (deckId: string) => string | undefined;
	states: ReadonlyMap<string, CardState>;
	marks: ReadonlyMap<string, CardMarks>;
	/** The probability of recalling a studied card now (0–1), from the person's FSRS parameters. */
	recall: (card: CardState) => number;
}

function compare(a: number, op: Compare, b: number): boolean {
	switch (op) {
		case '<':
			return a < b;
		case '<=':
			return a <= b;
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		case '=':
			return Math.abs(a - b) < 1e-9;
	}
}

/** Whether one filter (without its negation) holds for a document. */
function holds(doc: SearchDoc, f: Filter, ctx: FilterContext): boolean {
	switch (f.key) {
		case 'deck':
			return f.value.endsWith('*') ? doc.d.startsWith(f.value.slice(0, -1)) : doc.d === f.value;
		case 'topic':
			return ctx.topicOf(doc.d) === f.value;
		case 'kind':
			return doc.k === f.value;
		case 'tag':
			return doc.t.some((t) => t.toLowerCase() === f.value);
		default:
			break;
	}
	if (!isCardDoc(doc)) return false;
	const state = ctx.states.get(doc.id);
	const studied = state !== undefined && state.state !== CARD.New;
	const marks = ctx.marks.get(doc.id);
	const today = dayOf(ctx.now, ctx.dayStartHour);
	switch (f.key) {
		case 'is':
			switch (f.value) {
				case 'new':
					return !studied;
				case 'learning':
					return state?.state === CARD.Learning;
				case 'review':
					return state?.state === CARD.Review;
				case 'relearning':
					return state?.state === CARD.Relearning;
				case 'due':
					return studied && state.due < dayEndsAt(ctx.now, ctx.dayStartHour);
				case 'overdue':
					return studied && state.due < dayStartsAt(today, ctx.dayStartHour);
				case 'suspended':
					return marks?.suspended === true;
				case 'buried':
					return marks !== undefined && marks.buriedUntil > ctx.now;
				case 'flagged':
					return marks !== undefined && marks.flag !== 0;
				case 'leech':
					return isLeech(state, ctx.leechLapses);
			}
			break;
		case 'due':
			if (!studied) return false;
			if (f.value === 'overdue') return state.due < dayStartsAt(today, ctx.dayStartHour);
			return state.due < dayStartsAt(today + (f.value === 'today' ? 1 : 7), ctx.dayStartHour);
		case 'flag':
			return (marks?.flag ?? 0) === f.value;
		case 'prop': {
			if (!studied) return false;
			const value =
				f.prop === 'd'
					? state.difficulty
					: f.prop === 's'
						? state.stability
						: f.prop === 'r'
							? ctx.recall(state)
							: f.prop === 'lapses'
								? state.lapses
								: state.reps;
			return compare(value, f.op, f.value);
		}
	}
	return false;
}

/** Whether a document passes every filter of the query. */
export function passes(doc: SearchDoc, filters: readonly Filter[], ctx: FilterContext): boolean {
	for (const f of filters) if (holds(doc, f, ctx) === f.not) return false;
	return true;
}

/** The value a sort orders a document by; undefined (sorted last, either way) when it has none. */
function sortValue(doc: SearchDoc, key: Sort['key'], ctx: FilterContext): number | undefined {
	const state = ctx.states.get(doc.id);
	if (!state || state.state === CARD.New) return undefined;
	switch (key) {
		case 'due':
			return state.due;
		case 'difficulty':
			return state.difficulty;
		case 'stability':
			return state.stability;
		case 'retrievability':
			return ctx.recall(state);
		case 'lapses':
			return state.lapses;
		case 'last':
			return state.last_review ?? undefined;
		case 'relevance':
			return undefined;
	}
}

/**
 * The documents that match the query, in its order. `hits` are the text search's scores by id (null
 * when the query has no words or phrases: every document is a candidate); `docs` are in deck order,
 * which is the order of a query without text or sort. Relevance is the default order of a query with
 * text; a sort by a property puts documents without it (new cards, questions) last, in deck order.
 */
export function matching(
	docs: readonly SearchDoc[],
	hits: ReadonlyMap<string, number> | null,
	query: Pick<Query, 'filters' | 'sort'>,
	ctx: FilterContext
): SearchDoc[] {
	const found = docs.filter((doc) => (hits === null || hits.has(doc.id)) && passes(doc, query.filters, ctx));
	const sort = query.sort ?? (hits ? { key: 'relevance' as const, desc: false } : null);
	if (!sort) return found;
	if (sort.key === 'relevance') {
		if (!hits) return sort.desc ? found.reverse() : found;
		return byScore(found, hits, sort.desc);
	}
	const keyed = found.map((doc, i) => ({ doc, i, v: sortValue(doc, sort.key, ctx) }));
	keyed.sort((a, b) => {
		if (a.v === undefined || b.v === undefined)
			return a.v === undefined && b.v === undefined ? a.i - b.i : a.v === undefined ? 1 : -1;
		return (sort.desc ? b.v - a.v : a.v - b.v) || a.i - b.i;
	});
	return keyed.map((k) => k.doc);
}

/**
 * Highest score first (lowest when reversed), equal scores in deck order. The documents are grouped by
 * score and only the distinct scores sorted: a common word in a large collection gives tens of
 * thousands of documents a handful of ranks (text-index.ts), and a comparison sort of them all would
 * cost a keystroke more than the search did.
 */
function byScore(found: SearchDoc[], hits: ReadonlyMap<string, number>, desc: boolean): SearchDoc[] {
	const groups = new Map<number, SearchDoc[]>();
	for (const doc of found) {
		const score = hits.get(doc.id) ?? 0;
		const group = groups.get(score);
		if (group) group.push(doc);
		else groups.set(score, [doc]);
	}
	const scores = [...groups.keys()].sort((a, b) => (desc ? a - b : b - a));
	return scores.flatMap((score) => groups.get(score)!);
}
