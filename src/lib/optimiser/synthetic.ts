import { default_w, fsrs, generatorParameters, type FSRSState } from 'ts-fsrs';
import { logEntryId } from '../id';
import { seededRandom } from '../random';
import type { Grade } from 'ts-fsrs';
import type { LogEntry } from '../scheduling/log';

/** A simulated learner whose memory follows FSRS with `parameters` (its "true" weights). */
export interface LearnerOptions {
	parameters: readonly number[];
	cards: number;
	/** How many new cards the learner meets a day. */
	newPerDay: number;
	/** Days simulated; the log ends then. */
	days: number;
	seed: number;
	/** The first day's start (ms); review day numbers count from 0. */
	start: number;
}

const DAY = 86_400_000;

/**
 * The weights of a learner who forgets faster at first and slower later than FSRS's defaults assume:
 * a fit to such a learner's log predicts it better than the defaults do.
 */
export const UNLIKE_DEFAULTS: readonly number[] = Object.assign([...default_w], {
	0: 0.1,
	1: 0.6,
	2: 0.9,
	3: 3.5,
	8: 2.3,
	10: 1.3,
	20: 0.45
});

/**
 * A review log made by the simulated learner: each card is first answered on the day it is met, then
 * reviewed after an interval drawn around the one the true model gives at 90 % retention (from half to
 * twice it, so recall varies), recalled with the true model's probability, graded Hard, Good or Easy when
 * recalled (15/75/10 %) and Again when not (then seen again the next day). Deterministic for a seed.
 *
 * @example simulateLearnerLog({ parameters: w, cards: 300, newPerDay: 10, days: 200, seed: 7, start })
 */
export function simulateLearnerLog(o: LearnerOptions): LogEntry[] {
	const model = fsrs(
		generatorParameters({ w: [...o.parameters], request_retention: 0.9, enable_fuzz: false })
	);
	const random = seededRandom(o.seed);
	const entries: LogEntry[] = [];
	let counter = 0;
	for (let c = 0; c < o.cards; c++) {
		const cardId = `sim/card-${String(c).padStart(5, '0')}`;
		let day = Math.floor(c / o.newPerDay);
		let state: FSRSState | null = null;
		let elapsed = 0;
		while (day < o.days) {
			let grade: Grade;
			if (!state) grade = pick(random(), [0.2, 0.15, 0.55, 0.1]);
			else
				grade =
					random() < model.forgetting_curve(elapsed, state.stability)
						? pick(random(), [0, 0.15, 0.75, 0.1])
						: 1;
			const reviewedAt = o.start + day * DAY + Math.floor(random() * 8 * 3_600_000);
			entries.push({
				id: logEntryId(reviewedAt, ++counter),
				cardId,
				rating: grade,
				reviewedAt,
				durationMs: 5000,
				source: 'review',
				day,
				retention: 0.9
			});
			state = model.next_state(state, elapsed, grade);
			const interval =
				grade === 1
					? 1
					: Math.max(1, Math.round(model.next_interval(state.stability, 0) * (0.5 + 1.5 * random())));
			elapsed = interval;
			day += interval;
		}
	}
	return entries;
}

function pick(x: number, weights: readonly number[]): Grade {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) {
		sum += weights[i]!;
		if (x < sum) return (i + 1) as Grade;
	}
	return 4;
}
