import { DECK_SCHEMA_VERSION, isCard, TOPICS, type Deck, type DeckIndex } from './types';
import { flashcardsVersion } from './version';

/** The deck index served at `/api/decks.json`. */
export function buildIndex(decks: Deck[]): DeckIndex {
	return {
		schema: DECK_SCHEMA_VERSION,
		topics: TOPICS.map((t) => ({ slug: t.slug, title: t.title })),
		decks: decks.map((d) => ({
			id: d.id,
			title: d.title,
			topic: d.topic,
			description: d.description,
			counts: {
				flashcards: d.items.filter((i) => i.kind === 'flashcard').length,
				quiz: d.items.filter((i) => i.kind === 'quiz').length,
				interview: d.items.filter((i) => i.kind === 'interview').length,
				sql: d.items.filter((i) => i.kind === 'sql').length
			},
			flashcardsVersion: flashcardsVersion(d.items.filter(isCard).map((i) => `${d.id}/${i.id}`))
		}))
	};
}
