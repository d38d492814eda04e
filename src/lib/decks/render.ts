import { createHighlighter } from 'shiki';
import type { Renderer } from './parse.ts';
import { GRAMMARS, SHIKI_OPTIONS, markdownRenderer } from './render-core.ts';

export { CODE_LANGUAGES } from './render-core.ts';

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
	return markdownRenderer((code, lang) => highlighter.codeToHtml(code, { lang, ...SHIKI_OPTIONS }));
}

/** A renderer without highlighting, for tests of the parser. */
export function createPlainRenderer(): Renderer {
	return markdownRenderer();
}
