import { ANY_NUMBER, LEVELS, type InterviewQuestion, type KeyPoint, type Level } from '../types.ts';
import type { Attributes, ItemContext, ItemDraft } from './context.ts';
import { readList, sectionsByName } from './fields.ts';
import { isBlank, textOf, type Line } from './lines.ts';
import { resolveLinks } from './links.ts';
import type { Reporter } from './report.ts';
import type { Section } from './sections.ts';
import { splitList } from './text.ts';

export const MIN_KEY_POINTS = 3;
export const MAX_KEY_POINTS = 8;
const MAX_MINUTES = 30;

/**
 * An interview question (`.interview level=… minutes=…`): an optional stem, then `### Key points`,
 * `### Model answer` and optional `### Follow-ups`. A key point without its own links takes the
 * question's links.
 */
export function parseInterview({ base, attrs, preamble, sections }: ItemDraft, ctx: ItemContext): InterviewQuestion | null {
	const { report, options } = ctx;
	const byName = sectionsByName(sections, ['key points', 'model answer', 'follow-ups'], report);
	const level = readLevel(attrs, base.line, report);
	const minutes = readMinutes(attrs, base.line, report);
	if (!byName) return null;

	const keySection = byName.get('key points');
	if (!keySection) report.at(base.line, "missing '### Key points'");
	const keyPoints = keySection ? readKeyPoints(keySection, ctx) : null;

	const model = byName.get('model answer');
	const modelText = textOf(model?.lines ?? []);
	if (!modelText) report.at(model?.line ?? base.line, "missing '### Model answer'");

	const followSection = byName.get('follow-ups');
	const followUps = followSection ? readList(followSection, 'follow-up question', report) : { entries: [], ok: true };

	if (!level || minutes === null || !keyPoints?.ok || !modelText || !followUps.ok) return null;
	const links = [...base.links, ...keyPoints.links];
	const stem = textOf(preamble);
	return {
		...base,
		links,
		kind: 'interview',
		level,
		minutes,
		stemHtml: stem ? options.renderer.block(stem) : '',
		keyPoints: keyPoints.points.map((p) => (p.links.length ? p : { ...p, links: [...links] })),
		modelAnswerHtml: options.renderer.block(modelText),
		followUps: followUps.entries.map((f) => options.renderer.inline(f))
	};
}

function readLevel({ level }: Attributes, line: number, report: Reporter): Level | null {
	if (level && (LEVELS as readonly string[]).includes(level)) return level as Level;
	report.at(line, `an interview question needs level=junior, level=mid or level=senior${level ? ` (got '${level}')` : ''}`);
	return null;
}

function readMinutes({ minutes }: Attributes, line: number, report: Reporter): number | null {
	const n = Number(minutes);
	if (minutes && Number.isInteger(n) && n >= 1 && n <= MAX_MINUTES) return n;
	report.at(line, `an interview question needs minutes=N, a whole number from 1 to ${MAX_MINUTES}`);
	return null;
}

/**
 * The `- what must be said — match: phrase, phrase — wrong: claim — links: id` lines of `### Key points`. A
 * `links:` line among them belongs to the whole question (it may close the section, as in
 * decks/README.md's example); those links come back in `links`.
 */
function readKeyPoints(section: Section, ctx: ItemContext): { points: KeyPoint[]; links: string[]; ok: boolean } {
	const points: KeyPoint[] = [];
	const links: string[] = [];
	let ok = true;
	for (const l of section.lines) {
		if (isBlank(l)) continue;
		const questionLinks = /^links:\s*(.*)$/i.exec(l.text);
		if (questionLinks) {
			const resolved = resolveLinks(splitList(questionLinks[1] ?? ''), l.line, ctx);
			if (resolved) links.push(...resolved);
			else ok = false;
			continue;
		}
		const read = readKeyPoint(l, ctx);
		if (read.point) points.push(read.point);
		if (!read.ok) ok = false;
	}
	// 3–8 points is house style for shipped questions; a person's own question needs one point at least.
	if (ctx.options.own ? points.length === 0 : points.length < MIN_KEY_POINTS || points.length > MAX_KEY_POINTS) {
		const range = ctx.options.own ? 'at least one key point' : `${MIN_KEY_POINTS}–${MAX_KEY_POINTS} key points`;
		ctx.report.at(section.line, `an interview question needs ${range}, found ${points.length}`);
		ok = false;
	}
	return { points, links, ok };
}

/** One key point line. `point` is there whenever the line is a `- ` item, even a faulty one, so it counts. */
function readKeyPoint({ line, text }: Line, ctx: ItemContext): { point?: KeyPoint; ok: boolean } {
	const { report } = ctx;
	const bullet = /^\s*[-*] (.+)$/.exec(text);
	if (!bullet?.[1]) {
		report.at(line, "each key point is one line '- what must be said — match: phrase, phrase'");
		return { ok: false };
	}
	const [said, ...fields] = bullet[1].split(/\s+[—–]\s+|\s+--?\s+(?=(?:match|wrong|links):)/);
	let ok = true;
	let match: string[] = [];
	let wrong: string[] | null = null;
	let links: string[] = [];
	for (const field of fields) {
		const kv = /^(match|wrong|links):\s*(.*)$/i.exec(field.trim());
		const key = kv?.[1]?.toLowerCase();
		if (!kv) {
			report.at(line, `unexpected '${field.trim()}' in a key point (expected '— match: …', '— wrong: …' or '— links: …')`);
			ok = false;
		} else if (key === 'match') match = splitList(kv[2] ?? '');
		else if (key === 'wrong') wrong = splitList(kv[2] ?? '');
		else {
			const resolved = resolveLinks(splitList(kv[2] ?? ''), line, ctx);
			if (resolved) links = resolved;
			else ok = false;
		}
	}
	if (match.length === 0) {
		report.at(line, "a key point needs '— match: phrase, phrase' (the words that show it was said)");
		ok = false;
	}
	for (const phrase of match)
		if (phrase.trim() === ANY_NUMBER) {
			report.at(line, `'${ANY_NUMBER}' alone would credit any number: put it in a phrase, e.g. 'went from ${ANY_NUMBER}'`);
			ok = false;
		}
	if (wrong && !readWrong(wrong, match, line, report)) ok = false;
	const point: KeyPoint = { text: said?.trim() ?? '', match, links };
	if (wrong?.length) point.wrong = wrong;
	return { point, ok };
}

/**
 * Checks a `— wrong: claim, claim` list: the misconceptions that contradict the point. Each claim
 * needs two or more words (one word cannot state a claim) and must not repeat a match phrase.
 */
function readWrong(wrong: string[], match: readonly string[], line: number, report: Reporter): boolean {
	if (wrong.length === 0) {
		report.at(line, "'— wrong:' is empty: list the wrong claims, separated by commas, or drop the field");
		return false;
	}
	let ok = true;
	for (const claim of wrong) {
		if (claim.split(/\s+/).length < 2) {
			report.at(line, `the wrong claim '${claim}' is one word: write the claim a person would say, e.g. 'quicksort is stable'`);
			ok = false;
		}
		if (match.some((m) => m.toLowerCase() === claim.toLowerCase())) {
			report.at(line, `'${claim}' is both a match phrase and a wrong claim`);
			ok = false;
		}
	}
	return ok;
}
