// Times the Anki reader (src/lib/import/anki/read.ts) in Node on a generated package: 20,000 notes and
// 200,000 review-log rows in the newest format (zstd-compressed anki21b), plus the legacy anki21 for
// comparison. `npm run bench:anki` (`-- --runs 5` for more runs). Node only: in the browser the same
// code runs in a worker, whose speed is of the same order but not measured here.
import { makeAnkiPackage } from '../src/lib/import/anki/fixtures';
import { readAnkiPackage, READ_STEPS } from '../src/lib/import/anki/read';
import type { AnkiFormat } from '../src/lib/import/anki/types';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const GENERATE = { notes: 20_000, reviews: 200_000, seed: 20_260_101 };

for (const format of ['anki21b', 'anki21'] as AnkiFormat[]) {
	let t = performance.now();
	const { bytes, expected } = await makeAnkiPackage({ format, notes: [], generate: GENERATE });
	const buildMs = performance.now() - t;
	console.log(
		`${format}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB package, ${expected.notes.length} notes, ` +
			`${expected.cards.length} cards, ${expected.reviews.length} reviews (built in ${Math.round(buildMs)} ms)`
	);
	const totals: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const marks: number[] = [];
		t = performance.now();
		const collection = await readAnkiPackage(bytes, { onProgress: () => marks.push(performance.now() - t) });
		totals.push(performance.now() - t);
		if (collection.reviews.length !== expected.reviews.length) throw new Error('the read lost reviews');
		const steps = READ_STEPS.map((step, i) => `${step} ${Math.round(marks[i]! - (marks[i - 1] ?? 0))}`);
		console.log(`  run ${run + 1}: ${Math.round(totals[run]!)} ms (${steps.join(', ')} ms)`);
	}
	const sorted = [...totals].sort((a, b) => a - b);
	console.log(`  median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms over ${RUNS} runs`);
}
