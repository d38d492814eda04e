import type { Reporter } from './report.ts';

/** One line of a deck file with its 1-based line number, so it can be reported wherever it ends up. */
export interface Line {
	line: number;
	text: string;
}

/** The file's lines, numbered from 1, without a byte-order mark and with `\n` line ends. */
export function readLines(source: string): Line[] {
	return source
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((text, i) => ({ line: i + 1, text }));
}

/** The lines as one Markdown text, without leading and trailing blank space. */
export function textOf(lines: readonly Line[]): string {
	return lines
		.map((l) => l.text)
		.join('\n')
		.trim();
}

export function isBlank(line: Line): boolean {
	return line.text.trim() === '';
}

/** Replaces HTML comments by blank lines, so they vanish from the output but keep line numbers. */
export function blankComments(lines: readonly Line[], report: Reporter): Line[] {
	let openedAt: number | null = null;
	const out = lines.map(({ line, text }) => {
		let rest = text;
		let kept = '';
		for (;;) {
			if (openedAt !== null) {
				const close = rest.indexOf('-->');
				if (close < 0) break;
				rest = rest.slice(close + 3);
				openedAt = null;
			} else {
				const open = rest.indexOf('<!--');
				if (open < 0) {
					kept += rest;
					break;
				}
				kept += rest.slice(0, open);
				rest = rest.slice(open + 4);
				openedAt = line;
			}
		}
		return { line, text: kept.trim() === '' ? '' : kept };
	});
	if (openedAt !== null) report.at(openedAt, "an HTML comment '<!--' is never closed with '-->'");
	return out;
}
