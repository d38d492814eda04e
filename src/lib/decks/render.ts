import MarkdownIt from 'markdown-it';
import { createHighlighter } from 'shiki';
import type { Renderer } from './parse.ts';

/**
 * Code-block languages a deck may use (aliases map onto shiki grammars). Plain text is `text`.
 * Adding one here makes the highlighter load its grammar at build time; the client ships none.
 */
const GRAMMARS = [
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

const ALIASES: Record<string, string> = {
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

const PLAIN = new Set(['text', 'txt', 'plaintext']);

export const CODE_LANGUAGES: ReadonlySet<string> = new Set([...GRAMMARS, ...Object.keys(ALIASES), ...PLAIN]);

/**
 * github-dark's comment grey (#6a737d) is 3.05:1 on its own background (#24292e), below the 4.5:1
 * that text of this size needs; #959da5, the theme's own lighter grey, is 5.34:1.
 */
const DARK_CONTRAST: Record<string, string> = { '#6a737d': '#959da5' };

/**
 * The build-time renderer: CommonMark without raw HTML, code highlighted by shiki with a light and a
 * dark theme as CSS light-dark() colours (the page's color-scheme picks one). Async because shiki
 * loads its grammars once.
 */
export async function createRenderer(): Promise<Renderer> {
	const highlighter = await createHighlighter({
		themes: ['github-light', 'github-dark'],
		langs: [...GRAMMARS]
	});
	const md = new MarkdownIt('commonmark', {
		html: false,
		highlight(code, info) {
			const name = info.trim().split(/\s+/)[0] ?? '';
			const lang = PLAIN.has(name) || !name ? 'text' : (ALIASES[name] ?? name);
			return highlighter.codeToHtml(code.replace(/\n$/, ''), {
				lang,
				themes: { light: 'github-light', dark: 'github-dark' },
				defaultColor: 'light-dark()',
				colorReplacements: { 'github-dark': DARK_CONTRAST }
			});
		}
	});
	return {
		block: (markdown) => md.render(markdown),
		inline: (markdown) => md.renderInline(markdown)
	};
}

/** A renderer without highlighting, for tests of the parser. */
export function createPlainRenderer(): Renderer {
	const md = new MarkdownIt('commonmark', { html: false });
	return { block: (m) => md.render(m), inline: (m) => md.renderInline(m) };
}
