import type { QuizChoice, QuizQuestion } from '../types.ts';
import type { ItemContext, ItemDraft } from './context.ts';
import { readList, sectionsByName } from './fields.ts';
import { isBlank, textOf } from './lines.ts';
import type { Section } from './sections.ts';

export const MIN_CHOICES = 3;
/**
 * A person's own question may offer two choices (true/false, this or that): the third choice is house
 * style for shipped quizzes, while one right and one wrong choice are what any question needs.
 */
const MIN_OWN_CHOICES = 2;

/**
 * A quiz question (`.quiz`): the preamble is an optional stem, then `### Choices` (a `- [x]` / `- [ ]`
 * list) or `### Accept` (typed answers), and always `### Explanation`.
 */
export function parseQuiz({ base, attrs, preamble, sections }: ItemDraft, ctx: ItemContext): QuizQuestion | null {
	const { report, options } = ctx;
	const byName = sectionsByName(sections, ['choices', 'accept', 'explanation'], report);
	if (!byName) return null;
	let ok = true;
	const fail = (line: number, message: string) => {
		report.at(line, message);
		ok = false;
	};
	const choicesSection = byName.get('choices');
	const acceptSection = byName.get('accept');
	const explanation = byName.get('explanation');

	if (choicesSection && acceptSection) {
		fail(acceptSection.line, "a quiz question has either '### Choices' or '### Accept', not both");
	} else if (!choicesSection && !acceptSection) {
		fail(base.line, "a quiz question needs '### Choices' (a - [x] / - [ ] list) or '### Accept'");
	}
	let choices: QuizChoice[] = [];
	if (choicesSection) {
		const read = readChoices(choicesSection, ctx);
		choices = read.choices;
		if (!read.ok) ok = false;
	}
	let accept: string[] = [];
	if (acceptSection) {
		const read = readList(acceptSection, 'accepted answer', report);
		accept = read.entries;
		if (!read.ok) ok = false;
		if (accept.length === 0) fail(acceptSection.line, "'### Accept' needs at least one '- accepted answer' line");
	}
	const explanationText = textOf(explanation?.lines ?? []);
	if (!explanationText) {
		fail(explanation?.line ?? base.line, "missing '### Explanation': say why the right answer is right");
	}
	if (!ok) return null;

	const correct = choices.filter((c) => c.correct).length;
	const stem = textOf(preamble);
	return {
		...base,
		kind: 'quiz',
		answerType: acceptSection ? 'typed' : correct > 1 || attrs.multi ? 'multiple' : 'single',
		stemHtml: stem ? options.renderer.block(stem) : '',
		choices,
		accept,
		explanationHtml: options.renderer.block(explanationText)
	};
}

/** The `- [x] right` / `- [ ] wrong` lines of `### Choices`: at least three, some right, some wrong. */
function readChoices(section: Section, ctx: ItemContext): { choices: QuizChoice[]; ok: boolean } {
	const { report, options } = ctx;
	const choices: QuizChoice[] = [];
	const seen = new Set<string>();
	let ok = true;
	const fail = (line: number, message: string) => {
		report.at(line, message);
		ok = false;
	};
	for (const l of section.lines) {
		if (isBlank(l)) continue;
		const m = /^\s*[-*] \[( |x|X)\] (.+)$/.exec(l.text);
		if (!m || !m[2]) {
			fail(l.line, "each choice is one line '- [x] right answer' or '- [ ] wrong answer'");
			continue;
		}
		const text = m[2].trim();
		if (seen.has(text)) fail(l.line, `duplicate choice '${text}'`);
		seen.add(text);
		choices.push({ html: options.renderer.inline(text), correct: m[1] !== ' ' });
	}
	const least = options.own ? MIN_OWN_CHOICES : MIN_CHOICES;
	if (choices.length < least) {
		fail(section.line, `a quiz question needs at least ${least} choices, found ${choices.length}`);
	}
	if (choices.length && !choices.some((c) => c.correct)) {
		fail(section.line, 'no choice is marked correct: mark the right one(s) with - [x]');
	}
	if (choices.length && choices.every((c) => c.correct)) {
		fail(section.line, 'every choice is marked correct: a question needs at least one wrong choice');
	}
	return { choices, ok };
}
