import { isBlank } from './lines.ts';
import type { Reporter } from './report.ts';
import type { Section } from './sections.ts';

/**
 * An item's sections by name. Reports (and returns null for) a section the kind does not have and a
 * section written twice.
 */
export function sectionsByName(sections: Section[], allowed: string[], report: Reporter): Map<string, Section> | null {
	const map = new Map<string, Section>();
	let ok = true;
	for (const s of sections) {
		if (!allowed.includes(s.name)) {
			report.at(s.line, `unknown section '### ${s.name}' (expected ${allowed.map((a) => `'### ${capitalise(a)}'`).join(', ')})`);
			ok = false;
		} else if (map.has(s.name)) {
			report.at(s.line, `section '### ${capitalise(s.name)}' appears twice`);
			ok = false;
		} else map.set(s.name, s);
	}
	return ok ? map : null;
}

/**
 * The entries of a section written as a `- ` list, one per line. Reports any other non-blank line
 * (`what` names an entry in the message); `ok` is false then, and `entries` holds the good lines.
 */
export function readList(section: Section, what: string, report: Reporter): { entries: string[]; ok: boolean } {
	const entries: string[] = [];
	let ok = true;
	for (const l of section.lines) {
		if (isBlank(l)) continue;
		const m = /^\s*[-*] (.+)$/.exec(l.text);
		if (!m?.[1]) {
			report.at(l.line, `each ${what} is one line starting with '- '`);
			ok = false;
		} else entries.push(m[1].trim());
	}
	return { entries, ok };
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
