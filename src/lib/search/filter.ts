import { CARD, type CardState } from '$lib/scheduling/card';
import { dayEndsAt, dayOf, dayStartsAt } from '$lib/scheduling/day';
import { isLeech, type CardMarks } from '$lib/scheduling/marks';
import { isCardDoc, type SearchDoc } from './documents';
import type { Compare, Filter, Query, Sort } from './query';
import { NOT_FOUND, type ScoreAt } from './slots';

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

/** The review day's edges the due filters compare with: worked out once per search, not per document. */
interface DayEdges {
	/** When today's review day ends: a card due before then is due today. */
	endsAt: number;
	/** When today's review day began: a card due before then is overdue. */
	beganAt: number;
	/** When the review day a week from today begins. */
	weekEndsAt: number;
}

function dayEdges(ctx: FilterContext): DayEdges {
	const today = dayOf(ctx.now, ctx.dayStartHour);
	return {
		endsAt: dayEndsAt(ctx.now, ctx.dayStartHour),
		beganAt: dayStartsAt(today, ctx.dayStartHour),
		weekEndsAt: dayStartsAt(today + 7, ctx.dayStartHour)
	};
}

/** Whether one filter (without its negation) holds for a document. */
function holds(doc: SearchDoc, f: Filter, ctx: FilterContext, days: DayEdges): boolean {
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
					return studied && state.due < days.endsAt;
				case 'overdue':
					return studied && state.due < days.beganAt;
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
			if (f.value === 'overdue') return state.due < days.beganAt;
			return state.due < (f.value === 'today' ? days.endsAt : days.weekEndsAt);
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
function passes(doc: SearchDoc, filters: readonly Filter[], ctx: FilterContext, days: DayEdges): boolean {
	for (const f of filters) if (holds(doc, f, ctx, days) === f.not) return false;
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
 * The documents that match the query, in its order. `scoreAt` gives the text search's score of the
 * document at each position of `docs` (null when the query has no words or phrases: every document is a
 * candidate); `docs` are in deck order, which is the order of a query without text or sort. Relevance is
 * the default order of a query with text; a sort by a property puts documents without it (new cards,
 * questions) last, in deck order.
 */
export function matching(
	docs: readonly SearchDoc[],
	scoreAt: ScoreAt | null,
	query: Pick<Query, 'filters' | 'sort'>,
	ctx: FilterContext
): SearchDoc[] {
	const days = dayEdges(ctx);
	const found: SearchDoc[] = [];
	const scores: number[] = [];
	docs.forEach((doc, i) => {
		const score = scoreAt ? scoreAt(i) : 0;
		if (score === NOT_FOUND) return;
		if (!passes(doc, query.filters, ctx, days)) return;
		found.push(doc);
		scores.push(score);
	});
	const sort = query.sort ?? (scoreAt ? { key: 'relevance' as const, desc: false } : null);
	if (!sort) return found;
	if (sort.key === 'relevance') {
		if (!scoreAt) return sort.desc ? found.reverse() : found;
		return byScore(found, scores, sort.desc);
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
 * Highest score first (lowest when reversed), equal scores in deck order; `scores` are the documents'
 * own, in the same order. The documents are grouped by score and only the distinct scores sorted: a
 * common word in a large collection gives tens of thousands of documents a handful of ranks
 * (text-index.ts), and a comparison sort of them all would cost a keystroke more than the search did.
 */
function byScore(found: SearchDoc[], scores: readonly number[], desc: boolean): SearchDoc[] {
	const groups = new Map<number, SearchDoc[]>();
	found.forEach((doc, i) => {
		const score = scores[i]!;
		const group = groups.get(score);
		if (group) group.push(doc);
		else groups.set(score, [doc]);
	});
	const order = [...groups.keys()].sort((a, b) => (desc ? a - b : b - a));
	return order.flatMap((score) => groups.get(score)!);
}
