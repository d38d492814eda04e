import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeDeckFiles } from './merge';
import { frontmatter, putItem, splitDeck } from './write';

const head = frontmatter({ id: 'my-kafka', title: 'Kafka', topic: 'databases', description: 'Ours.' });
const card = (id: string, answer: string) => `## Question ${id}? {#${id}}\n\n${answer}`;
const deck = (...cards: [string, string][]) =>
	cards.reduce((file, [id, answer]) => putItem(file, id, card(id, answer)), `${head}\n`);

describe('merging a deck changed on two devices', () => {
	const base = deck(['a', 'A.'], ['b', 'B.']);

	it('keeps a card added on each side', () => {
		const ours = putItem(base, 'c', card('c', 'C.'));
		const theirs = putItem(base, 'd', card('d', 'D.'));
		expect(mergeDeckFiles(base, ours, theirs, 'theirs')).toBe(deck(['a', 'A.'], ['b', 'B.'], ['d', 'D.'], ['c', 'C.']));
	});

	it('keeps an edit on one side and a removal on the other', () => {
		const ours = putItem(base, 'a', card('a', 'A, edited.'));
		const theirs = putItem(base, 'b', null);
		expect(mergeDeckFiles(base, ours, theirs, 'ours')).toBe(deck(['a', 'A, edited.']));
	});

	it('gives a card both sides changed to the later side, and a renamed deck to the side that renamed it', () => {
		const renamed = frontmatter({ id: 'my-kafka', title: 'Kafka at work', topic: 'databases', description: 'Ours.' });
		const ours = putItem(base, 'a', card('a', 'Ours.')).replace(head, renamed);
		const theirs = putItem(base, 'a', card('a', 'Theirs.'));
		const merged = mergeDeckFiles(base, ours, theirs, 'theirs');
		expect(merged).toContain('Kafka at work');
		expect(merged).toContain('Theirs.');
		expect(mergeDeckFiles(base, ours, theirs, 'ours')).toContain('Ours.');
	});

	it('keeps both of two different cards added under the same id, the earlier one under a new id', () => {
		const ours = putItem(base, 'q', card('q', 'Ours.'));
		const theirs = putItem(base, 'q', card('q', 'Theirs.'));
		const merged = mergeDeckFiles(base, ours, theirs, 'theirs')!;
		expect(splitDeck(merged).items.map((i) => [i.id, i.text])).toEqual([
			['a', card('a', 'A.')],
			['b', card('b', 'B.')],
			['q', card('q', 'Theirs.')],
			['q-2', card('q-2', 'Ours.').replace('Question q-2?', 'Question q?')]
		]);
	});

	it('gives up (null) on a file whose item ids it cannot read or that repeats one', () => {
		const unread = `${base}\n## Question c? { #c }\n\nC.\n`;
		expect(mergeDeckFiles(base, unread, putItem(base, 'a', null), 'ours')).toBeNull();
		const twice = `${base}\n${card('a', 'Again.')}\n`;
		expect(mergeDeckFiles(base, twice, base, 'ours')).toBeNull();
	});

	it('property: one side unchanged gives the other side; the same change on both gives that change', () => {
		const answers = fc.array(fc.constantFrom('A.', 'B.', 'C.', null), { minLength: 4, maxLength: 4 });
		const file = (xs: (string | null)[]) =>
			xs.reduce<string>((f, x, i) => (x === null ? f : putItem(f, `k${i}`, card(`k${i}`, x))), `${head}\n`);
		// What a deck file holds, whatever the order of its items.
		const content = (f: string) => {
			const { head, items } = splitDeck(f);
			return { head: head.trimEnd(), items: Object.fromEntries(items.map((i) => [i.id, i.text])) };
		};
		fc.assert(
			fc.property(answers, answers, fc.constantFrom('ours' as const, 'theirs' as const), (x, y, later) => {
				const [b, other] = [file(x), file(y)];
				expect(content(mergeDeckFiles(b, b, other, later)!)).toEqual(content(other));
				expect(content(mergeDeckFiles(b, other, b, later)!)).toEqual(content(other));
				expect(content(mergeDeckFiles(b, other, other, later)!)).toEqual(content(other));
			}),
			{ numRuns: 500 }
		);
	});
});
