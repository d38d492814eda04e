import { formatFilter, parseQuery, type Filter, type Query } from '$lib/search/query';

// The browser's drop-down controls: each sets one part of the query text, so the text, the address
// and the controls always say the same thing (the syntax is the truth; a control is a shortcut to it).

export type ControlName = 'deck' | 'kind' | 'state' | 'due' | 'marks' | 'flag' | 'sort';

interface Control {
	name: ControlName;
	label: string;
	/** The option that sets nothing. */
	any: string;
	/** Each option: the query text it stands for. The deck control lists the decks instead. */
	options: { value: string; label: string }[];
	/** The filters this control owns (it replaces them). */
	owns: (f: Filter) => boolean;
}

const isOneOf = (values: string[]) => (f: Filter) => f.key === 'is' && values.includes(f.value);

export const CONTROLS: Control[] = [
	{ name: 'deck', label: 'Deck', any: 'All decks', options: [], owns: (f) => f.key === 'deck' },
	{
		name: 'kind',
		label: 'Kind',
		any: 'Any kind',
		options: [
			{ value: 'kind:flashcard', label: 'Flashcards' },
			{ value: 'kind:cloze', label: 'Cloze cards' },
			{ value: 'kind:sql', label: 'SQL exercises' },
			{ value: 'kind:quiz', label: 'Quiz questions' },
			{ value: 'kind:interview', label: 'Interview questions' }
		],
		owns: (f) => f.key === 'kind'
	},
	{
		name: 'state',
		label: 'State',
		any: 'Any state',
		options: [
			{ value: 'is:new', label: 'New' },
			{ value: 'is:learning', label: 'Learning' },
			{ value: 'is:review', label: 'Review' },
			{ value: 'is:relearning', label: 'Relearning' }
		],
		owns: isOneOf(['new', 'learning', 'review', 'relearning'])
	},
	{
		name: 'due',
		label: 'Due',
		any: 'Any time',
		options: [
			{ value: 'is:due', label: 'Due today' },
			{ value: 'is:overdue', label: 'Overdue' },
			{ value: 'due:week', label: 'Due this week' }
		],
		owns: (f) => isOneOf(['due', 'overdue'])(f) || f.key === 'due'
	},
	{
		name: 'marks',
		label: 'Marks',
		any: 'Any',
		options: [
			{ value: 'is:suspended', label: 'Suspended' },
			{ value: '-is:suspended', label: 'Not suspended' },
			{ value: 'is:buried', label: 'Buried' },
			{ value: 'is:leech', label: 'Leeches' },
			{ value: 'is:flagged', label: 'Flagged' }
		],
		owns: isOneOf(['suspended', 'buried', 'leech', 'flagged'])
	},
	{
		name: 'flag',
		label: 'Flag',
		any: 'Any flag',
		options: ['red', 'orange', 'green', 'blue', 'none'].map((c) => ({ value: `flag:${c}`, label: c })),
		owns: (f) => f.key === 'flag'
	},
	{
		name: 'sort',
		label: 'Order',
		any: 'Best match, or deck order',
		options: [
			{ value: 'sort:due', label: 'Due first' },
			{ value: 'sort:-difficulty', label: 'Hardest first' },
			{ value: 'sort:stability', label: 'Least stable first' },
			{ value: 'sort:retrievability', label: 'Least likely recalled first' },
			{ value: 'sort:-lapses', label: 'Most lapses first' },
			{ value: 'sort:-last', label: 'Last answered first' }
		],
		owns: () => false
	}
];

const byName = new Map(CONTROLS.map((c) => [c.name, c]));

/** The option a control shows for a query: the text of the first filter it owns ('' for none). */
export function controlValue(q: Query, name: ControlName): string {
	if (name === 'sort') return q.sort ? `sort:${q.sort.desc ? '-' : ''}${q.sort.key}` : '';
	const owned = q.filters.find(byName.get(name)!.owns);
	if (!owned) return '';
	return name === 'deck' && owned.key === 'deck' && !owned.not ? owned.value : formatFilter(owned);
}

/** The query with a control set to `value` (an option's text, a deck id, or '' for none). */
export function setControl(q: Query, name: ControlName, value: string): Query {
	if (name === 'sort') return { ...q, sort: value ? parseQuery(value).sort : null };
	const control = byName.get(name)!;
	const text = name === 'deck' && value ? `deck:${value}` : value;
	const added = text ? parseQuery(text).filters : [];
	return { ...q, filters: [...q.filters.filter((f) => !control.owns(f)), ...added] };
}
