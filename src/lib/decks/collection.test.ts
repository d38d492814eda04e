import { describe, expect, it } from 'vitest';
import { compileDecks, compileSources } from './collection';
import { buildIndex } from './deck-index';
import { createPlainRenderer, createRenderer } from './render';
import { formatDeckError } from './types';
import { flashcardsVersion } from './version';

const renderer = createPlainRenderer();

function source(id: string, topic: string, body: string): { file: string; source: string } {
	return {
		file: `decks/${topic}/${id}.md`,
		source: `---\nid: ${id}\ntitle: ${id}\ntopic: ${topic}\ndescription: d\n---\n\n${body}`
	};
}

describe('compileSources: checks across the collection', () => {
	it('reports duplicate deck ids, repeated prompts and links that do not resolve to a flashcard', () => {
		const { errors } = compileSources(
			[
				source('git-a', 'git', '## What is HEAD? {#head}\n\nA pointer.\n'),
				source('git-a', 'testing', '## Something else? {#x}\n\nY.\n'),
				source(
					'git-b',
					'git',
					[
						'## What is  HEAD ? {#head}',
						'',
						'The same prompt.',
						'',
						'## Quiz? {#q .quiz}',
						'links: git-a/head, git-a/missing, q',
						'',
						'### Accept',
						'- yes',
						'### Explanation',
						'Why.'
					].join('\n')
				)
			],
			renderer
		);
		expect(errors.map(formatDeckError)).toEqual([
			'decks/git/git-b.md:8: the same prompt is already used at decks/git/git-a.md:8',
			"decks/git/git-b.md:13: link 'git-a/missing' does not exist",
			"decks/git/git-b.md:13: link 'git-b/q' is not a flashcard",
			"decks/testing/git-a.md:2: duplicate deck id 'git-a' (also used by decks/git/git-a.md)"
		]);
	});

	it('builds an index with counts and the fingerprint of the flashcard ids in deck order', () => {
		const { decks } = compileSources(
			[source('git-a', 'git', '## One? {#one}\n\n1\n\n## Two? {#two}\n\n2\n\n## Q? {#q .quiz}\nlinks: one\n\n### Accept\n- 1\n### Explanation\nE.\n')],
			renderer
		);
		expect(buildIndex(decks).decks).toEqual([
			{
				id: 'git-a',
				title: 'git-a',
				topic: 'git',
				description: 'd',
				counts: { flashcards: 2, quiz: 1, interview: 0, sql: 0 },
				flashcardsVersion: flashcardsVersion(['git-a/one', 'git-a/two'])
			}
		]);
	});
});

describe('the shipped decks', () => {
	it('parse clean, with code highlighted, and cover every topic with at least 15 flashcards', async () => {
		const { decks, errors } = await compileDecks(process.cwd(), await createRenderer());
		expect(errors.map(formatDeckError)).toEqual([]);
		const index = buildIndex(decks);
		for (const topic of index.topics) {
			const flashcards = index.decks.filter((d) => d.topic === topic.slug).reduce((n, d) => n + d.counts.flashcards, 0);
			expect(flashcards, topic.slug).toBeGreaterThanOrEqual(15);
		}
		const highlighted = decks.some((d) =>
			d.items.some((i) => i.kind === 'flashcard' && i.answerHtml.includes('<pre class="shiki'))
		);
		expect(highlighted).toBe(true);
	}, 60_000);
});
