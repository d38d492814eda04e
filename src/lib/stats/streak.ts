/**
 * Consecutive review days up to today. A streak is still alive if today has no answers yet but
 * yesterday did (the day is not over).
 *
 * @example streak([10, 11, 12], 12) === 3; streak([10, 11], 12) === 2; streak([9, 11], 12) === 1
 */
export function streak(activeDays: readonly number[], today: number): number {
	const days = new Set(activeDays);
	let day = days.has(today) ? today : today - 1;
	let count = 0;
	while (days.has(day)) {
		count++;
		day--;
	}
	return count;
}
