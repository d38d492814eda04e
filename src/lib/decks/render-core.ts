import MarkdownIt from 'markdown-it';
import type { Renderer } from './parse.ts';

// What the build's renderer (render.ts) and the browser's (my-decks/renderer.ts) share, so that an
// own deck renders exactly as a shipped one: the Markdown options, the languages and the colours.
// Nothing here loads shiki: the browser loads its small core and only the grammars a deck uses.

/**
 * Code-block languages a deck may use (aliases map onto shiki grammars). Plain text is `text`.
 * Adding one here makes the highlighter load its grammar at build time; the client ships none.
 */
export const GRAMMARS = [
	'sql',
	'typescript',
	'javascript',
	'python',
	'java',
	'csharp',
	'go',
	'bash',
	'json',
	'yaml',
	'http',
	'php',
	'ruby',
	'dockerfile',
	'html',
	'xml',
	'kotlin',
	'graphql',
	'proto',
	'c',
	'cpp',
	'rust',
	'ini',
	'toml',
	'diff',
	'hcl'
] as const;

export const ALIASES: Record<string, string> = {
	ts: 'typescript',
	js: 'javascript',
	py: 'python',
	cs: 'csharp',
	sh: 'bash',
	shell: 'bash',
	yml: 'yaml',
	protobuf: 'proto',
	terraform: 'hcl'
};

export const PLAIN = new Set(['text', 'txt', 'plaintext']);

export const CODE_LANGUAGES: ReadonlySet<string> = new Set([...GRAMMARS, ...Object.keys(ALIASES), ...PLAIN]);

/**
 * github-dark's comment grey (#6a737d) is 3.05:1 on its own background (#24292e), below the 4.5:1
 * that text of this size needs; #959da5, the theme's own lighter grey, is 5.34:1.
 */
export const DARK_CONTRAST: Record<string, string> = { '#6a737d': '#959da5' };

/** The shiki grammar a fence's info string names: an alias resolved, `text` for plain or none. */
export function grammarOf(info: string): string {
	const name = info.trim().split(/\s+/)[0] ?? '';
	return PLAIN.has(name) || !name ? 'text' : (ALIASES[name] ?? name);
}

/** The options every shiki call uses: both themes as CSS light-dark() colours, the dark greys lifted. */
export const SHIKI_OPTIONS = {
	themes: { light: 'github-light', dark: 'github-dark' },
	defaultColor: 'light-dark()',
	colorReplacements: { 'github-dark': DARK_CONTRAST }
} as const;

/** CommonMark without raw HTML, with `highlight` for fenced code. */
export function markdownRenderer(highlight?: (code: string, lang: string) => string): Renderer {
	const md = new MarkdownIt('commonmark', {
		html: false,
		highlight: highlight ? (code, info) => highlight(code.replace(/\n$/, ''), grammarOf(info)) : undefined
	});
	return { block: (m) => md.render(m), inline: (m) => md.renderInline(m) };
}
