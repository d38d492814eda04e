import { LEVELS, type Level, type SqlDataset, type SqlExercise } from '../types.ts';
import type { ItemContext, ItemDraft } from './context.ts';
import { readList, sectionsByName } from './fields.ts';
import { isBlank, textOf, type Line } from './lines.ts';
import type { Reporter } from './report.ts';
import { tokenize } from './sections.ts';
import { htmlToText } from './text.ts';

/**
 * An SQL exercise (`.sql dataset=… level=…`): an optional stem, `### Model query` (one `sql` code block),
 * optional `### Hints` (a list) and `### Explanation`. Whether `dataset=` names a dataset of the deck is
 * checked once the whole deck is read (a dataset may come after its exercises).
 */
export function parseSqlExercise({ base, attrs, preamble, sections }: ItemDraft, ctx: ItemContext): SqlExercise | null {
	const { report, options } = ctx;
	const byName = sectionsByName(sections, ['model query', 'hints', 'explanation'], report);
	let ok = true;
	const fail = (line: number, message: string) => {
		report.at(line, message);
		ok = false;
	};
	const level = (LEVELS as readonly string[]).includes(attrs.level ?? '') ? (attrs.level as Level) : null;
	if (!level) {
		fail(base.line, `an SQL exercise needs level=junior, level=mid or level=senior${attrs.level ? ` (got '${attrs.level}')` : ''}`);
	}
	if (!attrs.dataset) fail(base.line, 'an SQL exercise needs dataset=<id>: the id of one of the deck’s datasets');
	if (!byName) return null;

	const model = byName.get('model query');
	const modelSql = model ? onlySqlBlock(model.lines, "'### Model query'", report) : null;
	if (!model) fail(base.line, "missing '### Model query': the query whose result is the right answer");
	else if (modelSql === null) ok = false;

	const hintsSection = byName.get('hints');
	const hints = hintsSection ? readList(hintsSection, 'hint', report) : { entries: [], ok: true };
	if (!hints.ok) ok = false;

	const explanation = textOf(byName.get('explanation')?.lines ?? []);
	if (!explanation) fail(byName.get('explanation')?.line ?? base.line, "missing '### Explanation': say why the model query is right");
	if (!ok || !level || !attrs.dataset || modelSql === null || !model) return null;

	const stem = textOf(preamble);
	return {
		...base,
		kind: 'sql',
		level,
		dataset: attrs.dataset,
		ordered: attrs.ordered === true,
		namedColumns: attrs.columns === true,
		stemHtml: stem ? options.renderer.block(stem) : '',
		modelSql,
		modelHtml: options.renderer.block(textOf(model.lines)),
		hintsHtml: hints.entries.map((h) => options.renderer.inline(h)),
		explanationHtml: options.renderer.block(explanation)
	};
}

/**
 * A dataset (`## Dataset: title {#id .dataset}`): an optional description and exactly one `sql` code
 * block that creates and fills its tables. It is not an item: no sections, links or tags.
 */
export function parseDataset(
	{ base, prompt, preamble, sections }: ItemDraft,
	hasMeta: boolean,
	ctx: ItemContext
): SqlDataset | null {
	const { report, options } = ctx;
	let ok = true;
	if (sections[0]) {
		report.at(sections[0].line, 'a dataset has no ### sections: a description, then one ```sql block');
		ok = false;
	}
	if (hasMeta) {
		report.at(base.line, 'links: and tags: belong on exercises, not on a dataset');
		ok = false;
	}
	const fences = sqlFences(preamble);
	if (fences.length !== 1) {
		report.at(
			fences[1]?.line ?? base.line,
			`a dataset needs exactly one \`\`\`sql block (its CREATE TABLE and INSERT statements), found ${fences.length}`
		);
		ok = false;
	}
	const fence = fences[0];
	if (!ok || !fence) return null;
	const description = textOf(preamble.filter((l) => l.line < fence.line || l.line > fence.end));
	const title = htmlToText(options.renderer.inline(prompt.replace(/^dataset:\s*/i, '')));
	return { id: base.id, line: base.line, title, descriptionHtml: description ? options.renderer.block(description) : '', sql: fence.code };
}

interface SqlFence {
	line: number;
	/** The last line of the block (its closing fence, or the last line when it is never closed). */
	end: number;
	info: string;
	code: string;
}

/** The fenced code blocks among the lines, with their code. */
function sqlFences(lines: Line[]): SqlFence[] {
	const fences: SqlFence[] = [];
	for (const t of tokenize(lines.map((l) => l.text).join('\n'))) {
		if (t.type !== 'fence' || !t.map) continue;
		const first = lines[t.map[0]];
		const last = lines[t.map[1] - 1];
		if (first && last) fences.push({ line: first.line, end: last.line, info: t.info.trim(), code: t.content.trim() });
	}
	return fences;
}

/** The code of the one `sql` block that must be all of a section; null (reported) otherwise. */
function onlySqlBlock(lines: Line[], where: string, report: Reporter): string | null {
	const fences = sqlFences(lines);
	const fence = fences[0];
	const start = lines.find((l) => !isBlank(l))?.line ?? 0;
	if (fences.length !== 1 || !fence) {
		report.at(fence?.line ?? start, `${where} holds exactly one \`\`\`sql block, found ${fences.length}`);
		return null;
	}
	if (fence.info.split(/\s+/)[0] !== 'sql') {
		report.at(fence.line, `${where} is a \`\`\`sql block (found '${fence.info || 'no language'}')`);
		return null;
	}
	const outside = lines.find((l) => !isBlank(l) && (l.line < fence.line || l.line > fence.end));
	if (outside) {
		report.at(outside.line, `${where} holds only the query's code block; put words in '### Explanation'`);
		return null;
	}
	if (!fence.code) {
		report.at(fence.line, `${where} is empty`);
		return null;
	}
	return fence.code;
}
