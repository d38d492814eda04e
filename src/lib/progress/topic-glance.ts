import { liveQuery } from 'dexie';
import type { DeckIndex } from '$lib/decks/types';
import type { RehearseDB } from '$lib/db/schema';
import { packDecks, readMemory } from '$lib/db/stats';
import { curveDecay, makeScheduler, recallAt } from '$lib/scheduling/fsrs';
import { topicGlance, type TopicGlance } from '$lib/stats/glance';

/**
 * Keeps the home page's topic map up to date: computed from the stored card states now and again
 * after every change to them or to the settings (an answer in another tab, a sync, an interview date).
 * The home page loads this module once it is idle, so the scheduler and the read of every card stay
 * off its first paint. Returns the function that stops it.
 */
export function watchTopicGlance(
	db: RehearseDB,
	index: DeckIndex,
	now: () => number,
	onChange: (glance: Map<string, TopicGlance>) => void
): () => void {
	const deckIds = index.decks.map((d) => d.id);
	const subscription = liveQuery(() => readMemory(db, deckIds)).subscribe({
		next: ({ settings, cards, unpacked }) => {
			// Decks read card by card are packed for the next read (which this write brings about).
			if (unpacked.length > 0) void packDecks(db, unpacked).catch(() => undefined);
			const t = now();
			const scheduler = makeScheduler({ retention: settings.retention, parameters: settings.fsrsParameters });
			const recall = recallAt(scheduler);
			onChange(
				topicGlance({
					index,
					cards,
					now: t,
					dayStartHour: settings.dayStartHour,
					retention: settings.retention,
					recall: (card) => recall(card, t),
					interview: settings.interview
						? {
								plan: settings.interview,
								decay: curveDecay(scheduler),
								recallAt: recall
							}
						: undefined
				})
			);
		},
		// The map is a glance: if it cannot be read, the rest of the page still stands.
		error: () => undefined
	});
	return () => subscription.unsubscribe();
}
