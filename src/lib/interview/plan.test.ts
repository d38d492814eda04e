import { describe, expect, it } from 'vitest';
import { planSession, type Candidate } from './plan';

const c = (ref: string, topic: string, level: Candidate['level'], minutes = 3): Candidate => ({
	ref,
	topic,
	level,
	minutes
});
const pool: Candidate[] = [
	c('db/1', 'databases', 'mid'),
	c('db/2', 'databases', 'mid'),
	c('db/3', 'databases', 'senior', 5),
	c('api/1', 'apis', 'mid'),
	c('api/2', 'apis', 'junior', 2),
	c('beh/1', 'behavioral', 'mid', 4)
];

describe('planSession', () => {
	it('takes questions of the chosen level first, interleaving topics, reproducibly', () => {
		const plan = planSession(pool, {
			level: 'mid',
			topics: ['databases', 'apis'],
			length: { kind: 'questions', value: 3 },
			seed: 5
		});
		expect(plan.questions.every((q) => q.level === 'mid')).toBe(true);
		expect(new Set(plan.questions.map((q) => q.topic))).toEqual(new Set(['databases', 'apis']));
		expect(plan.note).toBeNull();
		expect(
			planSession(pool, {
				level: 'mid',
				topics: ['databases', 'apis'],
				length: { kind: 'questions', value: 3 },
				seed: 5
			})
		).toEqual(plan);
	});

	it('fills up from the nearest level and says so', () => {
		const plan = planSession(pool, {
			level: 'senior',
			topics: ['databases'],
			length: { kind: 'questions', value: 2 },
			seed: 1
		});
		expect(plan.questions.map((q) => q.level)).toEqual(['senior', 'mid']);
		expect(plan.note).toBe('1 question is from another level, as there were not enough at senior level.');
	});

	it('says plainly when the pool is smaller than asked for', () => {
		const plan = planSession(pool, {
			level: 'mid',
			topics: ['behavioral'],
			length: { kind: 'questions', value: 5 },
			seed: 1
		});
		expect(plan.questions).toHaveLength(1);
		expect(plan.note).toBe('Only 1 question matches your choice, so the session has 1.');
	});

	it('fills a minutes budget with whole questions without going over', () => {
		const plan = planSession(pool, {
			level: 'mid',
			topics: [],
			length: { kind: 'minutes', value: 10 },
			seed: 3
		});
		const total = plan.questions.reduce((n, q) => n + q.minutes, 0);
		expect(total).toBeLessThanOrEqual(10);
		expect(total).toBeGreaterThanOrEqual(8);
	});

	it('gives one short question when none fits the minutes, and nothing for an empty topic', () => {
		const tight = planSession(pool, {
			level: 'mid',
			topics: ['apis'],
			length: { kind: 'minutes', value: 1 },
			seed: 3
		});
		expect(tight.questions.map((q) => q.ref)).toEqual(['api/2']);
		expect(tight.note).toBe('No question fits in 1 minutes; the session has one 2-minute question.');
		const none = planSession(pool, {
			level: 'mid',
			topics: ['git'],
			length: { kind: 'questions', value: 3 },
			seed: 3
		});
		expect(none.questions).toEqual([]);
		expect(none.note).toBe('There are no interview questions for these topics yet.');
	});
});
