// Prints counts per topic and kind against the targets in CARD-RULES, subtopic coverage, and the
// longest flashcard answers. Run: npm run decks:stats
import { compileDecks } from '../src/lib/decks/collection';
import { createPlainRenderer } from '../src/lib/decks/render';
import { TOPICS, type Item } from '../src/lib/decks/types';
import { SUBTOPICS } from './subtopics';

const TARGETS: Record<string, [number, number, number]> = {
	dsa: [160, 60, 20],
	databases: [160, 60, 20],
	apis: [110, 45, 15],
	'web-networking': [100, 40, 12],
	security: [90, 40, 12],
	'cloud-deployment': [100, 40, 12],
	'system-design': [130, 40, 20],
	'languages-frameworks': [280, 90, 24],
	'software-design': [70, 30, 10],
	git: [50, 25, 8],
	concurrency: [70, 30, 10],
	testing: [60, 25, 8],
	behavioral: [40, 10, 25]
};

const { decks, errors } = await compileDecks(process.cwd(), createPlainRenderer());
if (errors.length) console.warn(`(${errors.length} deck errors: run npm run decks:check)\n`);

const text = (html: string) =>
	html
		.replace(/<pre[\s\S]*?<\/pre>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
const itemText = (i: Item): string => {
	if (i.kind === 'flashcard') return `${i.promptText} ${text(i.clozeHtml)} ${text(i.answerHtml)}`;
	if (i.kind === 'quiz')
		return `${i.promptText} ${i.choices.map((c) => text(c.html)).join(' ')} ${text(i.explanationHtml)}`;
	if (i.kind === 'sql') return `${i.promptText} ${text(i.stemHtml)} ${i.modelSql} ${text(i.explanationHtml)}`;
	return `${i.promptText} ${i.keyPoints.map((k) => k.text).join(' ')} ${text(i.modelAnswerHtml)}`;
};

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
	`${pad('topic', 22)}${lpad('decks', 6)}${lpad('flashcards', 16)}${lpad('quiz', 12)}${lpad('interview', 14)}`
);
const totals = [0, 0, 0, 0];
for (const t of TOPICS) {
	const own = decks.filter((d) => d.topic === t.slug);
	const items = own.flatMap((d) => d.items);
	const n = [
		items.filter((i) => i.kind === 'flashcard').length,
		items.filter((i) => i.kind === 'quiz').length,
		items.filter((i) => i.kind === 'interview').length
	];
	const target = TARGETS[t.slug] ?? [0, 0, 0];
	const cell = (k: number) => `${n[k]}/${target[k]}${n[k]! >= target[k]! ? ' ✓' : '  '}`;
	console.log(
		`${pad(t.slug, 22)}${lpad(own.length, 6)}${lpad(cell(0), 16)}${lpad(cell(1), 12)}${lpad(cell(2), 14)}`
	);
	totals[0]! += own.length;
	for (let k = 0; k < 3; k++) totals[k + 1]! += n[k]!;
}
console.log(
	`${pad('total', 22)}${lpad(totals[0]!, 6)}${lpad(totals[1]!, 16)}${lpad(totals[2]!, 12)}${lpad(totals[3]!, 14)}`
);

console.log('\nSubtopics (items that mention each; fewer than 3 is marked thin):');
for (const t of TOPICS) {
	const items = decks.filter((d) => d.topic === t.slug).flatMap((d) => d.items);
	const rows = (SUBTOPICS[t.slug] ?? []).map(([name, pattern]) => {
		const count = items.filter((i) => pattern.test(itemText(i))).length;
		return `${name} ${count}${count < 3 ? ' (thin)' : ''}`;
	});
	const covered = rows.filter((r) => !r.endsWith('(thin)')).length;
	console.log(`  ${t.slug} — ${covered}/${rows.length} covered: ${rows.join('; ')}`);
}

console.log('\nLongest flashcard answers (characters of prose, limit 500):');
const answers = decks.flatMap((d) =>
	d.items.flatMap((i) =>
		i.kind === 'flashcard' ? [{ where: `${d.file}:${i.line}`, length: text(i.answerHtml).length }] : []
	)
);
for (const a of answers.sort((x, y) => y.length - x.length).slice(0, 10))
	console.log(`  ${lpad(a.length, 4)}  ${a.where}`);
