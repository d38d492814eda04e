// Relative imports: the browser tests decode packs with the codec, which imports this.
import type { LogPack } from './schema';

// The layout of a pack's numbers (db/log-pack.ts): each row takes `WIDTH` numbers, its entry's `ENTRY`
// first (rating, time, duration, day, retention, source), then the card's state before and after. Apart
// from the codec so that a bucket's summary (db/log-bucket.ts), which the schema's upgrade needs, reads a
// pack's days without bringing the codec into every page's first load (README, row 5).

/** The numeric fields of a card state, in the order they are stored. */
export const STATE_FIELDS = [
	'due',
	'stability',
	'difficulty',
	'elapsed_days',
	'scheduled_days',
	'learning_steps',
	'reps',
	'lapses',
	'state',
	'last_review',
	'rev'
] as const;
export const ENTRY = 6;
export const WIDTH = ENTRY + 2 * STATE_FIELDS.length;
/** Where a row's review day is among its numbers. */
export const DAY = 3;

/** The greatest review day among a pack's rows (-Infinity for none), read from the numbers: no row is made. */
export function lastDayOfPack(pack: LogPack): number {
	if (pack.rows) return pack.rows.reduce((d, r) => Math.max(d, r.day), -Infinity);
	let last = -Infinity;
	for (let i = 0; i < pack.ids.length; i++) last = Math.max(last, pack.cols![i * WIDTH + DAY]!);
	return last;
}
