import { describe, expect, it } from 'vitest';
import { checkAnswer, checkPoint, words } from './match';

const covered = (answer: string, phrases: string[]) => checkPoint(words(answer), phrases).covered;

describe('words', () => {
	it('keeps code-like tokens whole and drops apostrophes', () => {
		expect(words("Don't cause N+1 queries in node.js or C#.")).toEqual([
			'dont',
			'cause',
			'n+1',
			'queries',
			'in',
			'node.js',
			'or',
			'c#'
		]);
	});
});

describe('checkPoint against realistic answers', () => {
	const table: [string, string, string[], boolean][] = [
		['exact phrase', 'First I run EXPLAIN ANALYZE on the query.', ['explain analyze', 'query plan'], true],
		[
			'plural and verb forms (stemming)',
			'I would look at the indexes and check what is being indexed.',
			['index', 'composite index'],
			true
		],
		[
			'paraphrase with a listed synonym',
			'Check the execution plan the optimizer picked.',
			['explain analyze', 'query plan', 'execution plan'],
			true
		],
		[
			'paraphrase with no listed phrase is missed',
			'I would see how the database decides to run it.',
			['explain analyze', 'query plan', 'execution plan'],
			false
		],
		[
			'code term',
			'The ORM issues N+1 queries, one per row.',
			['n+1', 'select_related', 'eager loading'],
			true
		],
		['code term is not split into its parts', 'There are N queries plus 1.', ['n+1'], false],
		['negated mention does not count', 'I would not add an index here.', ['index'], false],
		[
			'negation only looks just before the phrase',
			'Not the first thing, but I would add an index on the foreign key.',
			['index'],
			true
		],
		[
			'one generic word in passing is not enough when the point lists several',
			'The result was fine.',
			['result', 'reduced', 'improved', 'percent'],
			false
		],
		[
			'two different words from the list are',
			'As a result latency was reduced by 40 percent.',
			['result', 'reduced', 'improved', 'percent'],
			true
		],
		[
			'a repeated single word still counts once',
			'result, result, result',
			['result', 'outcome', 'impact', 'effect'],
			false
		],
		[
			'a lone single-word phrase suffices',
			'Make the handler idempotent.',
			['idempotent', 'idempotency key'],
			true
		],
		['words out of order are not a phrase', 'analyze the explain output', ['explain analyze'], false],
		['case and punctuation do not matter', 'Use a CIRCUIT-BREAKER!', ['circuit breaker'], true]
	];
	it.each(table)('%s', (_name, answer, phrases, expected) => {
		expect(covered(answer, phrases)).toBe(expected);
	});
});

describe('checkAnswer', () => {
	it('reports each point with the phrases found', () => {
		const result = checkAnswer('I read the query plan, then ran ANALYZE to refresh statistics.', [
			{ match: ['explain analyze', 'query plan'] },
			{ match: ['statistics', 'autovacuum'] },
			{ match: ['covering index'] }
		]);
		expect(result).toEqual([
			{ covered: true, found: ['query plan'] },
			{ covered: true, found: ['statistics'] },
			{ covered: false, found: [] }
		]);
	});

	it('an empty answer covers nothing', () => {
		expect(checkAnswer('', [{ match: ['a'] }, { match: ['b c'] }]).map((r) => r.covered)).toEqual([
			false,
			false
		]);
	});
});
