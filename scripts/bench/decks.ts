import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedItemId } from '../../src/lib/db/seed.ts';
import { TOPICS } from '../../src/lib/decks/types.ts';

/** Ids of the synthetic bench decks: `bench-00` … `bench-49`. */
export function benchDeckIds(count: number): string[] {
	return Array.from({ length: count }, (_, i) => `bench-${String(i).padStart(2, '0')}`);
}

/**
 * One synthetic deck as Markdown in the format of decks/README.md: flashcards only, with the item ids
 * `seedCardIds` gives the seeded history, and prompts unique across the whole collection.
 */
export function benchDeckMarkdown(deckId: string, topic: string, cards: number): string {
	const head = [
		'---',
		`id: ${deckId}`,
		`title: Bench deck ${deckId}`,
		`topic: ${topic}`,
		'description: Synthetic flashcards for the performance benchmark.',
		'---',
		''
	];
	const items = Array.from({ length: cards }, (_, i) => {
		const id = seedItemId(i);
		return [
			`## [${deckId}] Which value does bench card number ${i} of this deck stand for, and why? {#${id}}`,
			'',
			`The value **${i}** of deck \`${deckId}\`: an answer about as long as a real one, so the deck`,
			'files weigh what a real collection weighs when the review screen loads them.',
			''
		].join('\n');
	});
	return [...head, ...items].join('\n');
}

/**
 * Writes `count` synthetic decks under `root/decks/<topic>/`, spread over the topics like real
 * content, and returns their ids.
 */
export async function writeBenchDecks(root: string, count: number, cardsPerDeck: number): Promise<string[]> {
	const ids = benchDeckIds(count);
	for (const [i, id] of ids.entries()) {
		const topic = TOPICS[i % TOPICS.length]!.slug;
		const dir = path.join(root, 'decks', topic);
		await mkdir(dir, { recursive: true });
		await writeFile(path.join(dir, `${id}.md`), benchDeckMarkdown(id, topic, cardsPerDeck));
	}
	return ids;
}
