import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestGrade, TARGET_MS, type ExerciseOutcome } from './suggest';

const base: ExerciseOutcome = { solved: true, wrongSubmissions: 0, hintsShown: 0, ms: 60_000, level: 'mid' };

describe('suggestGrade', () => {
	it('says Again when the exercise was not solved, however fast', () => {
		expect(suggestGrade({ ...base, solved: false, ms: 1_000 })).toBe(1);
	});

	it('says Hard after a wrong submission, a hint, or past the target time', () => {
		expect(suggestGrade({ ...base, wrongSubmissions: 1 })).toBe(2);
		expect(suggestGrade({ ...base, hintsShown: 1 })).toBe(2);
		expect(suggestGrade({ ...base, ms: TARGET_MS.mid + 1 })).toBe(2);
	});

	it('says Easy within half the target at the first try, Good up to the target', () => {
		expect(suggestGrade({ ...base, ms: TARGET_MS.mid / 2 })).toBe(4);
		expect(suggestGrade({ ...base, ms: TARGET_MS.mid / 2 + 1 })).toBe(3);
		expect(suggestGrade({ ...base, ms: TARGET_MS.mid })).toBe(3);
	});

	it('gives seniors more time than juniors for the same grade', () => {
		const ms = TARGET_MS.mid;
		expect(suggestGrade({ ...base, level: 'junior', ms })).toBe(2);
		expect(suggestGrade({ ...base, level: 'senior', ms })).toBe(3);
	});

	it('never suggests a better grade for more help or more time', () => {
		const outcome = fc.record({
			solved: fc.boolean(),
			wrongSubmissions: fc.nat(5),
			hintsShown: fc.nat(3),
			ms: fc.nat(20 * 60_000),
			level: fc.constantFrom('junior' as const, 'mid' as const, 'senior' as const)
		});
		fc.assert(
			fc.property(outcome, fc.nat(2), fc.nat(2), fc.nat(600_000), (o, wrong, hints, ms) => {
				const worse = {
					...o,
					wrongSubmissions: o.wrongSubmissions + wrong,
					hintsShown: o.hintsShown + hints,
					ms: o.ms + ms
				};
				expect(suggestGrade(worse)).toBeLessThanOrEqual(suggestGrade(o));
			})
		);
	});
});
