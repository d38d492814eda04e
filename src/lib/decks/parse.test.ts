import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse';
import { createPlainRenderer } from './render';
import type { Flashcard, InterviewQuestion, QuizQuestion } from './types';

const renderer = createPlainRenderer();
const FILE = 'decks/databases/db-test.md';
const HEAD = ['---', 'id: db-test', 'title: Test deck', 'topic: databases', 'description: For tests.', '---', ''];

/** A deck source: the standard frontmatter (lines 1–6), a blank line 7, then `body` from line 8. */
function deck(...body: string[]): string {
	return [...HEAD, ...body].join('\n');
}

function errorsOf(source: string, file = FILE) {
	return parseDeck(source, { file, renderer }).errors.map((e) => `${e.line}: ${e.message}`);
}

describe('parseDeck: valid items', () => {
	it('parses a flashcard, a cloze, a quiz, a typed quiz and an interview question', () => {
		const { deck: parsed, errors } = parseDeck(
			deck(
				'## What does `EXPLAIN` show? {#explain}',
				'',
				'The **plan** the planner chose.',
				'',
				'## Rows are sorted by {{the key}} in a B-tree. {#btree-order .cloze}',
				'',
				'## Which keyword filters groups? {#having .quiz}',
				'links: explain',
				'tags: sql, grouping',
				'',
				'### Choices',
				'- [ ] WHERE',
				'- [x] HAVING',
				'- [ ] ORDER BY',
				'',
				'### Explanation',
				'HAVING runs after grouping.',
				'',
				'## Name the keyword that removes duplicate rows. {#distinct .quiz}',
				'',
				'### Accept',
				'- DISTINCT',
				'',
				'### Explanation',
				'It dedupes the result.',
				'',
				'## How do you debug a slow query? {#slow .interview level=mid minutes=4}',
				'links: explain',
				'',
				'### Key points',
				'- Read the plan — match: explain, query plan',
				'- Check statistics — match: analyze, statistics — links: btree-order',
				'- Measure after a change — match: measure, benchmark',
				'',
				'### Model answer',
				'I read the plan first.',
				'',
				'### Follow-ups',
				'- What if the plan looks fine?'
			),
			{ file: FILE, renderer }
		);
		expect(errors).toEqual([]);
		expect(parsed?.items.map((i) => [i.id, i.kind, i.line])).toEqual([
			['explain', 'flashcard', 8],
			['btree-order', 'flashcard', 12],
			['having', 'quiz', 14],
			['distinct', 'quiz', 26],
			['slow', 'interview', 34]
		]);
		const [card, cloze, quiz, typed, interview] = parsed!.items as [
			Flashcard,
			Flashcard,
			QuizQuestion,
			QuizQuestion,
			InterviewQuestion
		];
		expect(card.promptHtml).toBe('What does <code>EXPLAIN</code> show?');
		expect(card.promptText).toBe('What does EXPLAIN show?');
		expect(card.answerHtml).toBe('<p>The <strong>plan</strong> the planner chose.</p>\n');
		expect(cloze.cloze).toBe(true);
		expect(cloze.promptHtml).toContain('<span class="cloze-blank">[…]</span>');
		expect(cloze.promptHtml).not.toContain('the key');
		expect(cloze.clozeHtml).toContain('<mark class="cloze">the key</mark>');
		expect(quiz.answerType).toBe('single');
		expect(quiz.choices.map((c) => c.correct)).toEqual([false, true, false]);
		expect(quiz.links).toEqual(['db-test/explain']);
		expect(quiz.tags).toEqual(['sql', 'grouping']);
		expect(typed.answerType).toBe('typed');
		expect(typed.accept).toEqual(['DISTINCT']);
		expect(interview.level).toBe('mid');
		expect(interview.minutes).toBe(4);
		expect(interview.keyPoints.map((k) => k.match)).toEqual([
			['explain', 'query plan'],
			['analyze', 'statistics'],
			['measure', 'benchmark']
		]);
		expect(interview.keyPoints.map((k) => k.links)).toEqual([
			['db-test/explain'],
			['db-test/btree-order'],
			['db-test/explain']
		]);
		expect(interview.followUps).toEqual(['What if the plan looks fine?']);
	});

	it('treats a ## inside a code block as code, not as a new item', () => {
		const { deck: parsed, errors } = parseDeck(
			deck('## How do you write a heading in Markdown? {#md-heading}', '', '```text', '## like this', '```'),
			{ file: FILE, renderer }
		);
		expect(errors).toEqual([]);
		expect(parsed?.items).toHaveLength(1);
	});

	it('makes a question with two right choices select-all, and .multi forces it', () => {
		const choices = ['### Choices', '- [x] a', '- [x] b', '- [ ] c', '', '### Explanation', 'Because.'];
		const two = parseDeck(deck('## Pick? {#q .quiz}', ...choices), { file: FILE, renderer });
		expect((two.deck?.items[0] as QuizQuestion).answerType).toBe('multiple');
		const one = ['### Choices', '- [x] a', '- [ ] b', '- [ ] c', '', '### Explanation', 'Because.'];
		const forced = parseDeck(deck('## Pick? {#q .quiz .multi}', ...one), { file: FILE, renderer });
		expect((forced.deck?.items[0] as QuizQuestion).answerType).toBe('multiple');
	});
	it('gives each key point without links its own copy of the question links, not a shared array', () => {
		const { deck: parsed, errors } = parseDeck(
			deck(
				'## Explain it {#card}',
				'',
				'An answer.',
				'',
				'## How do you debug it? {#why .interview level=mid minutes=3}',
				'links: card',
				'',
				'### Key points',
				'- Read the plan — match: plan',
				'- Check the stats — match: stats',
				'- Measure — match: measure',
				'',
				'### Model answer',
				'Read the plan, check the stats, measure.'
			),
			{ file: FILE, renderer }
		);
		expect(errors).toEqual([]);
		const question = parsed!.items[1] as InterviewQuestion;
		const [first, second] = question.keyPoints;
		expect(first!.links).toEqual(['db-test/card']);
		expect(first!.links).not.toBe(question.links);
		expect(first!.links).not.toBe(second!.links);
		first!.links.push('db-test/other');
		expect(question.links).toEqual(['db-test/card']);
		expect(second!.links).toEqual(['db-test/card']);
	});

	it('checks every prompt for a stray {{deletion}}, not only the first one it meets', () => {
		// A global regex used with .test() starts where its last match ended, so the second, shorter
		// prompt would be searched from past its deletion and pass unreported.
		expect(
			errorsOf(deck('## A long prompt with a {{deletion}} in it {#a}', '', 'A.', '', '## {{b}} first {#b}', '', 'B.'))
		).toEqual([
			'8: the prompt has a {{deletion}} but the heading is not marked .cloze',
			'12: the prompt has a {{deletion}} but the heading is not marked .cloze'
		]);
	});
});

describe('parseDeck: every error kind, with its line', () => {
	const cases: [string, string, string[]][] = [
		['no frontmatter', '## Q {#q}\n\nA', ["1: the file must start with a frontmatter block: a line \"---\", id/title/topic/description, \"---\""]],
		['unclosed frontmatter', '---\nid: db-test\n', ['1: the frontmatter block is not closed: add a line "---" after the description']],
		['malformed frontmatter', '---\nid: [oops\n---\n## Q {#q}\n\nA', ['2: frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]']]
	];
	it.each(cases)('%s', (_name, source, expected) => {
		expect(errorsOf(source)).toEqual(expected);
	});

	it('reports unknown topic, missing keys, unknown keys and an id that does not match the file', () => {
		const source = ['---', 'id: other', 'title: T', 'topic: cooking', 'colour: red', '---', '', '## Q {#q}', '', 'A'].join('\n');
		expect(errorsOf(source)).toEqual([
			"5: frontmatter: unknown key 'colour' (expected id, title, topic, description)",
			"1: frontmatter: 'description' is missing or empty",
			"2: frontmatter: id 'other' must match the file name 'db-test.md'",
			"4: unknown topic 'cooking' (see the topic list in decks/README.md)"
		]);
	});

	it('reports a topic that does not match the folder', () => {
		const source = deck('## Q {#q}', '', 'A');
		expect(errorsOf(source, 'decks/git/db-test.md')).toEqual(["4: topic 'databases' does not match the folder 'git'"]);
	});

	it('reports duplicate ids, missing answers, missing ids and stray text, all at once', () => {
		expect(
			errorsOf(
				deck(
					'Some text before any item.',
					'',
					'## First {#same}',
					'',
					'An answer.',
					'',
					'## Second {#same}',
					'',
					'Another answer.',
					'',
					'## No answer here {#empty}',
					'',
					'## No id at all',
					'',
					'Text.'
				)
			)
		).toEqual([
			"8: text before the first item: items start with '## '",
			"14: duplicate item id 'same' (first used on line 10)",
			'18: missing answer: write it under the heading',
			'20: the heading has no id: end it with {#item-id}'
		]);
	});

	it('reports quiz problems: no correct choice, too few choices, no explanation, both sections', () => {
		expect(
			errorsOf(
				deck(
					'## No right answer? {#q1 .quiz}',
					'',
					'### Choices',
					'- [ ] a',
					'- [ ] b',
					'- [ ] c',
					'',
					'### Explanation',
					'Because.',
					'',
					'## Too few? {#q2 .quiz}',
					'',
					'### Choices',
					'- [x] a',
					'- [ ] b',
					'',
					'## Both? {#q3 .quiz}',
					'',
					'### Choices',
					'- [x] a',
					'- [ ] b',
					'- [ ] c',
					'### Accept',
					'- a',
					'### Explanation',
					'Because.'
				)
			)
		).toEqual([
			'10: no choice is marked correct: mark the right one(s) with - [x]',
			'20: a quiz question needs at least 3 choices, found 2',
			"18: missing '### Explanation': say why the right answer is right",
			"30: a quiz question has either '### Choices' or '### Accept', not both"
		]);
	});

	it('reports interview problems: level, minutes, too few key points, missing match, no model answer', () => {
		expect(
			errorsOf(
				deck(
					'## Explain it {#i1 .interview level=expert}',
					'',
					'### Key points',
					'- One — match: one',
					'- Two without phrases',
					'',
					'### Model answer',
					''
				)
			)
		).toEqual([
			"8: an interview question needs level=junior, level=mid or level=senior (got 'expert')",
			'8: an interview question needs minutes=N, a whole number from 1 to 30',
			"12: a key point needs '— match: phrase, phrase' (the words that show it was said)",
			'10: an interview question needs 3–8 key points, found 2',
			"14: missing '### Model answer'"
		]);
	});

	it('reads wrong claims of a key point, and reports empty, one-word and duplicated ones', () => {
		const ok = parseDeck(
			deck(
				'## Sort it {#s1 .interview level=mid minutes=4}',
				'',
				'### Key points',
				'- Merge sort is stable — match: stable, keeps equal order — wrong: merge sort is unstable, quicksort is stable',
				'- Quicksort sorts in place — wrong: quicksort needs extra memory — match: in place',
				'- Both are n log n on average — match: n log n',
				'',
				'### Model answer',
				'Merge sort is stable; quicksort sorts in place; both are n log n.'
			),
			{ file: FILE, renderer }
		);
		expect(ok.errors).toEqual([]);
		const q = ok.deck!.items[0] as InterviewQuestion;
		expect(q.keyPoints.map((k) => k.wrong)).toEqual([
			['merge sort is unstable', 'quicksort is stable'],
			['quicksort needs extra memory'],
			undefined
		]);
		expect(
			errorsOf(
				deck(
					'## Sort it {#s1 .interview level=mid minutes=4}',
					'',
					'### Key points',
					'- Merge sort is stable — match: stable — wrong:',
					'- Quicksort sorts in place — match: in place — wrong: , ,',
					'- Linear time — match: n log n — wrong: quadratic',
					'- Heap sort — match: heap sort — wrong: heap sort, heap sort is stable',
					'',
					'### Model answer',
					'Merge sort is stable; quicksort sorts in place; n log n; heap sort.'
				)
			)
		).toEqual([
			"11: '— wrong:' is empty: list the wrong claims, separated by commas, or drop the field",
			"12: '— wrong:' is empty: list the wrong claims, separated by commas, or drop the field",
			"13: the wrong claim 'quadratic' is one word: write the claim a person would say, e.g. 'quicksort is stable'",
			"14: 'heap sort' is both a match phrase and a wrong claim"
		]);
		expect(
			errorsOf(
				deck(
					'## Tell me about a win {#w1 .interview level=junior minutes=3}',
					'',
					'### Key points',
					'- Gives a measured result — match: #n, went from #n',
					'- Says what they did — match: I built',
					'- Says what they learned — match: I learned',
					'',
					'### Model answer',
					'I built a cache and p95 latency went from 900 ms to 120 ms. I learned to measure first.'
				)
			)
		).toEqual(["11: '#n' alone would credit any number: put it in a phrase, e.g. 'went from #n'"]);
	});

	it('reports cloze problems, unknown attributes, bad links, unknown sections and code languages', () => {
		const source = deck(
			'## Two {{a}} and {{b}} {#c1 .cloze}',
			'',
			'## Plain {{x}} {#c2}',
			'',
			'Answer.',
			'',
			'## Odd {#c3 .fancy}',
			'',
			'Answer.',
			'',
			'## Quiz {#c4 .quiz}',
			'links: Not A Link',
			'',
			'### Choices',
			'- [x] a',
			'- [ ] b',
			'- [ ] c',
			'### Explanation',
			'Why.',
			'### Hints',
			'Nope.',
			'',
			'## Code {#c5}',
			'',
			'```cobol',
			'DISPLAY 1.',
			'```'
		);
		const errors = parseDeck(source, { file: FILE, renderer, languages: new Set(['sql']) }).errors.map(
			(e) => `${e.line}: ${e.message}`
		);
		expect(errors).toEqual([
			'8: a cloze card needs exactly one {{deletion}} in its prompt, found 2',
			'10: the prompt has a {{deletion}} but the heading is not marked .cloze',
			"14: unknown attribute '.fancy' (expected #id, .cloze, .quiz, .interview, .sql, .dataset, .multi, .ordered, .columns, level=, minutes=, dataset=)",
			"19: link 'Not A Link' must be an item id or deck-id/item-id",
			"27: unknown section '### hints' (expected '### Choices', '### Accept', '### Explanation')",
			"32: unknown code language 'cobol' (known: sql)"
		]);
	});

	it('reports a flashcard answer over the size limit', () => {
		const long = 'word '.repeat(120);
		expect(errorsOf(deck('## Long? {#long}', '', long))).toEqual([
			'8: the answer has 599 characters of prose (limit 500): split the card or trim it'
		]);
	});

	it('reports an HTML comment that is never closed', () => {
		expect(errorsOf(deck('## Q {#q}', '', 'A', '<!-- oops'))).toEqual([
			"11: an HTML comment '<!--' is never closed with '-->'"
		]);
	});
});

describe('parseDeck never throws', () => {
	const pieces = fc.constantFrom(
		'---',
		'id: db-test',
		'topic: databases',
		'title: x',
		'description: y',
		'## Q {#q}',
		'## Q {#q .quiz}',
		'## Q {#q .interview level=mid minutes=3}',
		'## {{a}} {#c .cloze}',
		'### Choices',
		'### Accept',
		'### Explanation',
		'### Key points',
		'### Model answer',
		'- [x] a',
		'- [ ] b',
		'- p — match: a',
		'links: q, other/x',
		'```sql',
		'```',
		'<!--',
		'-->',
		'',
		'{#',
		'# H1'
	);

	it('returns errors, never throws, on arbitrary text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 400 }), (text) => {
				const result = parseDeck(text, { file: FILE, renderer });
				expect(Array.isArray(result.errors)).toBe(true);
				if (result.deck === null) expect(result.errors.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 }
		);
	});

	it('returns errors, never throws, on deck-shaped line soup', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 20 })), { maxLength: 40 }), (lines) => {
				const result = parseDeck(lines.join('\n'), { file: FILE, renderer });
				for (const e of result.errors) {
					expect(e.line).toBeGreaterThanOrEqual(1);
					expect(e.line).toBeLessThanOrEqual(lines.length + 1);
				}
				if (result.deck === null) expect(result.errors.length).toBeGreaterThan(0);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('parseDeck: own decks', () => {
	const OWN_FILE = 'my/my-spanish.md';
	const ownHead = (id: string) => ['---', `id: ${id}`, 'title: Spanish', 'topic: behavioral', 'description: Mine.', '---', ''];
	const own = (id: string, ...body: string[]) => [...ownHead(id), ...body].join('\n');
	const ownErrors = (source: string, file = OWN_FILE) =>
		parseDeck(source, { file, renderer, own: true }).errors.map((e) => `${e.line}: ${e.message}`);

	it('accepts a my- id in any file and folder, and applies none of the shipped limits', () => {
		const long = 'word '.repeat(300);
		const code = ['```text', ...Array.from({ length: 40 }, (_, n) => `line ${n}`), '```'];
		const source = own(
			'my-spanish',
			'## Long? {#long}',
			'',
			long,
			'',
			...code,
			'',
			'## True or false: the sky is green. {#tf .quiz}',
			'',
			'### Choices',
			'- [ ] True',
			'- [x] False',
			'',
			'### Explanation',
			'It is blue.',
			'',
			'## Say one thing. {#one .interview level=junior minutes=2}',
			'',
			'### Key points',
			'- Greet — match: hello',
			'',
			'### Model answer',
			'Hello.'
		);
		for (const file of [OWN_FILE, 'decks/git/anything.md', 'x.md']) {
			const result = parseDeck(source, { file, renderer, own: true });
			expect(result.errors).toEqual([]);
			expect(result.deck?.items.map((i) => i.id)).toEqual(['long', 'tf', 'one']);
		}
	});

	it('requires the my- prefix, and keeps every grammar error with its line', () => {
		expect(ownErrors(own('spanish', '## Q {#q}', '', 'A'))).toEqual([
			"2: frontmatter: the id of your own deck must start with 'my-' (got 'spanish')"
		]);
		expect(ownErrors(own('my-spanish', '## Q {#q}', '', '## Q2 {#q .quiz}', '', '### Choices', '- [x] a'))).toEqual([
			'8: missing answer: write it under the heading',
			'12: a quiz question needs at least 2 choices, found 1',
			'12: every choice is marked correct: a question needs at least one wrong choice',
			"10: missing '### Explanation': say why the right answer is right"
		]);
		expect(ownErrors(own('my-spanish', '## Nothing {#q .interview level=mid minutes=3}', '', '### Key points', '', '### Model answer', 'A.'))).toEqual([
			'10: an interview question needs at least one key point, found 0'
		]);
	});

	it("reads a copy of a shipped deck's item with own rules, the shipped id, and its links in that deck", () => {
		const copy = (id: string, ...body: string[]) =>
			parseDeck(own(id, ...body), { file: 'your copy', renderer, own: true, copyOf: 'db-test' });
		const long = 'word '.repeat(300);
		const { deck: parsed, errors } = copy(
			'db-test',
			'## Long? {#long}',
			'',
			long,
			'',
			'## Which? {#which .quiz}',
			'links: other, git-basics/head',
			'',
			'### Choices',
			'- [x] This',
			'- [ ] That',
			'',
			'### Explanation',
			'Because.'
		);
		expect(errors).toEqual([]);
		expect(parsed?.id).toBe('db-test');
		expect(parsed?.items[1]?.links).toEqual(['db-test/other', 'git-basics/head']);
		expect(copy('my-spanish', '## Q {#q}', '', 'A').errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
			"2: frontmatter: a copy of items of 'db-test' keeps that deck's id (got 'my-spanish')"
		]);
		// Its datasets stay in the shipped file: an exercise's dataset is not looked for in the copy.
		const exercise = [
			'## Count the rows. {#count .sql dataset=shop level=junior}',
			'',
			'### Model query',
			'```sql',
			'SELECT count(*) FROM t;',
			'```',
			'',
			'### Explanation',
			'A count.'
		];
		expect(copy('db-test', ...exercise).errors).toEqual([]);
	});

	it('keeps the shipped limits and file checks for shipped decks, and refuses the my- namespace there', () => {
		expect(errorsOf(deck('## Q {#q .quiz}', '', '### Choices', '- [x] a', '- [ ] b', '', '### Explanation', 'Why.'))).toEqual([
			'10: a quiz question needs at least 3 choices, found 2'
		]);
		const mine = ['---', 'id: my-test', 'title: T', 'topic: databases', 'description: D.', '---', '', '## Q {#q}', '', 'A'];
		expect(errorsOf(mine.join('\n'), 'decks/databases/my-test.md')).toEqual([
			"2: frontmatter: ids starting with 'my-' belong to people's own decks; pick another id"
		]);
	});
});
