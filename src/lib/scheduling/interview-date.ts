import { dayOf } from './day';

// The interview date, as far as scheduling is concerned: when it is, and the higher desired retention
// the person may schedule with until then. What the day holds for each topic is stats/projection.ts.

/** The person's interview, as the settings keep it. */
export interface InterviewPlan {
	/** The day of the interview, local calendar date `YYYY-MM-DD`. */
	date: string;
	/** Topic slugs it covers; empty means every topic. */
	topics: string[];
	/** The share of a topic's cards the person wants to recall on the day (0.5–0.99; 0.9 unless set). */
	target: number;
	/** A higher desired retention to schedule with until the day; absent: the usual one. */
	retention?: number;
}

export const DEFAULT_TARGET = 0.9;
const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` date as a review day number (days since 1970-01-01), or null if it is no real date. */
export function planDay(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const t = Date.UTC(y, mo - 1, d);
	const back = new Date(t);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
	return t / DAY_MS;
}

/**
 * The desired retention to schedule an answer given at `now` with: the interview plan's higher one
 * until the interview day (not on it: the reviews that help are done by then), the person's own
 * otherwise. Each log entry keeps the retention it was rated with, so a replay gives the same states.
 *
 * @example desiredRetention({ retention: 0.9, dayStartHour: 4, interview: { date: '2027-03-01', topics: [], target: 0.9, retention: 0.95 } }, Date.parse('2027-02-01T12:00')) === 0.95
 */
export function desiredRetention(
	settings: { retention: number; dayStartHour: number; interview?: InterviewPlan | null },
	now: number
): number {
	const { retention, interview } = settings;
	if (interview?.retention === undefined) return retention;
	const day = planDay(interview.date);
	const today = dayOf(now, settings.dayStartHour);
	return day !== null && today < day ? Math.max(retention, interview.retention) : retention;
}
