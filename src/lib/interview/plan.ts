import type { Level } from '$lib/decks/types';
import { seededRandom, shuffled } from '$lib/random';

/** An interview question that could go into a session. */
export interface Candidate {
	ref: string;
	topic: string;
	level: Level;
	minutes: number;
}

export interface PlanRequest {
	level: Level;
	/** Topics to draw from; empty means every topic. */
	topics: readonly string[];
	length: { kind: 'questions' | 'minutes'; value: number };
	seed: number;
}

export interface Plan {
	questions: Candidate[];
	/** Set when the session could not be what was asked for, said plainly. */
	note: string | null;
}

/** Ready-made topic mixes for the setup screen. */
export const PRESETS: { id: string; title: string; topics: string[] }[] = [
	{
		id: 'general-backend',
		title: 'General backend',
		topics: ['databases', 'apis', 'web-networking', 'security', 'system-design', 'concurrency']
	},
	{ id: 'system-design', title: 'System design round', topics: ['system-design'] },
	{ id: 'behavioral', title: 'Behavioral round', topics: ['behavioral'] },
	{ id: 'everything', title: 'Everything', topics: [] }
];

const NEAR: Record<Level, Level[]> = {
	junior: ['junior', 'mid', 'senior'],
	mid: ['mid', 'junior', 'senior'],
	senior: ['senior', 'mid', 'junior']
};

/**
 * Picks the questions of a session: questions of the chosen level first, then the nearest levels when
 * there are not enough; topics are interleaved so a mix does not start with five database questions.
 * A minutes budget is filled with whole questions without going over it.
 */
export function planSession(pool: readonly Candidate[], request: PlanRequest): Plan {
	const random = seededRandom(request.seed);
	const inTopics = pool.filter((c) => request.topics.length === 0 || request.topics.includes(c.topic));
	if (inTopics.length === 0)
		return { questions: [], note: 'There are no interview questions for these topics yet.' };

	const ordered = NEAR[request.level].flatMap((level) =>
		interleave(
			shuffled(
				inTopics.filter((c) => c.level === level),
				random
			)
		)
	);
	const { kind, value } = request.length;
	let questions: Candidate[];
	let note: string | null = null;
	if (kind === 'questions') {
		questions = ordered.slice(0, Math.max(1, value));
		if (questions.length < value)
			note = `Only ${questions.length === 1 ? '1 question matches' : `${questions.length} questions match`} your choice, so the session has ${questions.length}.`;
	} else {
		questions = [];
		let total = 0;
		for (const c of ordered) {
			if (total + c.minutes > value) continue;
			questions.push(c);
			total += c.minutes;
		}
		if (questions.length === 0) {
			const shortest = [...ordered].sort((a, b) => a.minutes - b.minutes)[0]!;
			questions = [shortest];
			note = `No question fits in ${value} minutes; the session has one ${shortest.minutes}-minute question.`;
		} else if (total < value && questions.length === ordered.length) {
			note = `All ${questions.length} matching questions take ${total} minutes, less than the ${value} you asked for.`;
		}
	}
	const offLevel = questions.filter((q) => q.level !== request.level).length;
	if (offLevel && !note)
		note = `${offLevel} question${offLevel === 1 ? ' is' : 's are'} from another level, as there were not enough at ${request.level} level.`;
	return { questions, note };
}

/** Round-robin over topics, keeping each topic's order. */
function interleave(items: readonly Candidate[]): Candidate[] {
	const byTopic = new Map<string, Candidate[]>();
	for (const c of items) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
	const queues = [...byTopic.values()];
	const out: Candidate[] = [];
	while (queues.some((q) => q.length)) for (const q of queues) if (q.length) out.push(q.shift()!);
	return out;
}
