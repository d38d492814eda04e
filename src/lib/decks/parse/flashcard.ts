import type { Flashcard } from '../types.ts';
import type { ItemContext, ItemDraft } from './context.ts';
import { textOf } from './lines.ts';
import type { Reporter } from './report.ts';
import { tokenize } from './sections.ts';
import { htmlToText } from './text.ts';

/** Longest flashcard answer, in characters of prose outside code blocks. See decks/README.md. */
export const MAX_ANSWER_PROSE = 500;
/** Longest code block in a flashcard answer, in lines. */
export const MAX_ANSWER_CODE_LINES = 15;

/** A cloze deletion, `{{hidden words}}`. Not global: a global regex keeps state between calls. */
const DELETION = /\{\{([^{}]+)\}\}/;
const DELETION_MARK = 'XQCLOZEMARKQX';

/** The hidden parts of a cloze prompt, in order: `a {{b}} c {{d}}` → `['b', 'd']`. */
export function deletionsIn(prompt: string): string[] {
	return [...prompt.matchAll(new RegExp(DELETION, 'g'))].map((m) => m[1] ?? '');
}

/**
 * A flashcard: the answer is everything under the heading, and there are no `### ` sections. A cloze
 * card (`.cloze`) has no answer text; its prompt hides exactly one `{{deletion}}`.
 */
export function parseFlashcard({ base, attrs, prompt, preamble, sections }: ItemDraft, ctx: ItemContext): Flashcard | null {
	const { report, options } = ctx;
	const cloze = attrs.kind === 'cloze';
	let ok = true;
	const fail = (line: number, message: string) => {
		report.at(line, message);
		ok = false;
	};
	const [section] = sections;
	if (section) {
		fail(
			section.line,
			`a flashcard has no '### ' sections; mark the heading .quiz or .interview if '${section.name}' belongs to one`
		);
	}
	const answer = textOf(preamble);
	if (!cloze && !answer) fail(base.line, 'missing answer: write it under the heading');
	if (base.links.length) fail(base.line, 'links: belongs on quiz and interview questions, not on flashcards');
	// The length limits are house style for shipped cards; a person's own cards are theirs to size.
	if (!options.own && !checkAnswerSize(answer, base.line, report)) ok = false;

	let promptHtml = '';
	let clozeHtml = '';
	if (cloze) {
		const deletions = deletionsIn(prompt);
		if (deletions.length !== 1) {
			fail(base.line, `a cloze card needs exactly one {{deletion}} in its prompt, found ${deletions.length}`);
		} else {
			const hidden = deletions[0]!.trim();
			const rendered = options.renderer.inline(prompt.replace(DELETION, DELETION_MARK));
			promptHtml = rendered.replace(DELETION_MARK, '<span class="cloze-blank">[…]</span>');
			clozeHtml = rendered.replace(DELETION_MARK, `<mark class="cloze">${options.renderer.inline(hidden)}</mark>`);
		}
	} else if (DELETION.test(prompt)) {
		fail(base.line, 'the prompt has a {{deletion}} but the heading is not marked .cloze');
	}
	if (!ok) return null;
	return {
		...base,
		kind: 'flashcard',
		cloze,
		clozeHtml,
		promptHtml,
		promptText: promptHtml ? htmlToText(promptHtml) : '',
		answerHtml: answer ? options.renderer.block(answer) : ''
	};
}

/**
 * Keeps answers short enough to recall in one go (limits above). The answer is measured on its own
 * text, without the metadata lines above it, so it is tokenised here once more.
 */
function checkAnswerSize(answer: string, line: number, report: Reporter): boolean {
	let ok = true;
	let prose = 0;
	for (const t of tokenize(answer)) {
		if (t.type === 'inline') prose += t.content.length;
		if ((t.type === 'fence' || t.type === 'code_block') && t.content.split('\n').length - 1 > MAX_ANSWER_CODE_LINES) {
			report.at(line, `a code block in the answer is longer than ${MAX_ANSWER_CODE_LINES} lines: shorten it or split the card`);
			ok = false;
		}
	}
	if (prose > MAX_ANSWER_PROSE) {
		report.at(line, `the answer has ${prose} characters of prose (limit ${MAX_ANSWER_PROSE}): split the card or trim it`);
		ok = false;
	}
	return ok;
}
