import { createHighlighterCore, type HighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import type { Renderer } from '$lib/decks/parse';
import { SHIKI_OPTIONS, grammarOf, markdownRenderer } from '$lib/decks/render-core';

/**
 * The browser's renderer for the person's own decks: the build's Markdown options and colours
 * (decks/render-core.ts), with shiki's small core and its JavaScript regex engine (no WebAssembly), and
 * only the grammars a deck's code blocks name, each its own chunk. Loaded by the editor and the
 * importers, never by review: own decks are stored compiled, as shipped ones are.
 */
type Grammar = () => Promise<{ default: LanguageRegistration[] }>;

const GRAMMAR_CHUNKS: Record<string, Grammar> = {
	sql: () => import('shiki/langs/sql.mjs'),
	typescript: () => import('shiki/langs/typescript.mjs'),
	javascript: () => import('shiki/langs/javascript.mjs'),
	python: () => import('shiki/langs/python.mjs'),
	java: () => import('shiki/langs/java.mjs'),
	csharp: () => import('shiki/langs/csharp.mjs'),
	go: () => import('shiki/langs/go.mjs'),
	bash: () => import('shiki/langs/bash.mjs'),
	json: () => import('shiki/langs/json.mjs'),
	yaml: () => import('shiki/langs/yaml.mjs'),
	http: () => import('shiki/langs/http.mjs'),
	php: () => import('shiki/langs/php.mjs'),
	ruby: () => import('shiki/langs/ruby.mjs'),
	dockerfile: () => import('shiki/langs/dockerfile.mjs'),
	html: () => import('shiki/langs/html.mjs'),
	xml: () => import('shiki/langs/xml.mjs'),
	kotlin: () => import('shiki/langs/kotlin.mjs'),
	graphql: () => import('shiki/langs/graphql.mjs'),
	proto: () => import('shiki/langs/proto.mjs'),
	c: () => import('shiki/langs/c.mjs'),
	cpp: () => import('shiki/langs/cpp.mjs'),
	rust: () => import('shiki/langs/rust.mjs'),
	ini: () => import('shiki/langs/ini.mjs'),
	toml: () => import('shiki/langs/toml.mjs'),
	diff: () => import('shiki/langs/diff.mjs'),
	hcl: () => import('shiki/langs/hcl.mjs')
};

let highlighter: Promise<HighlighterCore> | null = null;
const loaded = new Set<string>(['text']);

/** The grammars the fenced code blocks of `markdown` name (known ones only; the parser reports the rest). */
export function grammarsIn(markdown: string): string[] {
	const names = new Set<string>();
	for (const m of markdown.matchAll(/^\s{0,3}(?:`{3,}|~{3,})\s*([^\s`]*)/gm))
		names.add(grammarOf(m[1] ?? ''));
	return [...names].filter((n) => n in GRAMMAR_CHUNKS);
}

/**
 * A renderer ready for `markdown`: every grammar its code blocks use is loaded first, since rendering
 * itself is synchronous.
 */
export async function rendererFor(markdown: string): Promise<Renderer> {
	highlighter ??= Promise.all([
		import('shiki/themes/github-light.mjs'),
		import('shiki/themes/github-dark.mjs')
	]).then(([light, dark]) =>
		createHighlighterCore({
			themes: [light.default, dark.default],
			langs: [],
			engine: createJavaScriptRegexEngine()
		})
	);
	const h = await highlighter;
	const missing = grammarsIn(markdown).filter((g) => !loaded.has(g));
	for (const grammar of await Promise.all(missing.map((g) => GRAMMAR_CHUNKS[g]!()))) {
		await h.loadLanguage(...grammar.default);
	}
	for (const g of missing) loaded.add(g);
	return markdownRenderer((code, lang) =>
		h.codeToHtml(code, { lang: loaded.has(lang) ? lang : 'text', ...SHIKI_OPTIONS })
	);
}
