import { dayOf } from '../scheduling/day';
import { interviewOutlook, scopeDecks, type StatsInput } from './figures';
import { deckMastery, topicMastery } from './mastery';

// The home page's compact mastery map: per topic, the share of its cards recalled today and the cards
// seen, and with an interview date covering the topic, the share expected on the day if reviews are
// kept up. The full map, with decks, quizzes and what to study next, is the statistics page's.

export interface TopicGlance {
	/** Mean recall today over all the topic's cards (unseen ones count 0). */
	recall: number;
	seen: number;
	total: number;
	/** The interview day's expected share, reviews kept up; null without a plan covering the topic. */
	onDay: { day: number; share: number } | null;
}

/**
 * Every topic's glance, by slug, for topics with cards.
 *
 * @example topicGlance({ index, cards, now, dayStartHour: 4, retention: 0.9, recall }).get('databases')?.recall
 */
export function topicGlance(
	input: Pick<StatsInput, 'index' | 'cards' | 'now' | 'dayStartHour' | 'retention' | 'recall' | 'interview'>
): Map<string, TopicGlance> {
	const { index, cards, now, dayStartHour } = input;
	const decks = scopeDecks(index, { kind: 'all' });
	const perDeck = deckMastery(decks, cards, input.recall, new Map());
	const outlook = input.interview
		? interviewOutlook(input, input.interview, decks, cards, dayOf(now, dayStartHour))
		: null;
	const future = outlook && outlook.daysLeft > 0 ? outlook : null;
	const onDay = new Map(future?.topics.map((t) => [t.outlook.id, t.outlook.kept / t.outlook.total]));
	return new Map(
		topicMastery(index.topics, decks, perDeck).map((m) => [
			m.id,
			{
				recall: m.recall,
				seen: m.seen,
				total: m.total,
				onDay: future && onDay.has(m.id) ? { day: future.day, share: onDay.get(m.id)! } : null
			}
		])
	);
}
