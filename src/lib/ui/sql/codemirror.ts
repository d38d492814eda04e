import {
	autocompletion,
	closeBrackets,
	closeCompletion,
	closeBracketsKeymap,
	completionKeymap
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, schemaCompletionSource, sql } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';

// The SQL editor (CodeMirror 6), loaded only with an SQL exercise. Colours follow the app's light and
// dark themes through CSS's light-dark(); Tab is left to move focus (no indentWithTab), so the page stays
// usable by keyboard, and Ctrl+Enter / Ctrl+Shift+Enter run and submit.

const highlight = HighlightStyle.define([
	{ tag: tags.keyword, color: 'light-dark(#8f1c9c, #d7a0ff)', fontWeight: '600' },
	{ tag: [tags.string, tags.special(tags.string)], color: 'light-dark(#1b6e3a, #8fd6a4)' },
	{ tag: [tags.number, tags.bool, tags.null], color: 'light-dark(#a14a00, #f3b06a)' },
	{ tag: [tags.lineComment, tags.blockComment], color: 'light-dark(#5b616b, #a6acb6)', fontStyle: 'italic' },
	{ tag: [tags.typeName, tags.standard(tags.name)], color: 'light-dark(#1f5fbf, #8ab8ff)' },
	{ tag: tags.operator, color: 'light-dark(#3a3f47, #d0d4da)' }
]);

const theme = EditorView.theme({
	'&': {
		backgroundColor: 'var(--code-bg)',
		color: 'var(--text)',
		borderRadius: 'var(--radius)',
		fontSize: '0.95rem'
	},
	'&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '2px' },
	'.cm-content': { fontFamily: 'var(--mono)', minHeight: '7.5rem', caretColor: 'var(--text)' },
	'.cm-gutters': { backgroundColor: 'transparent', color: 'var(--muted)', border: 'none' },
	'.cm-cursor': { borderLeftColor: 'var(--text)' },
	'.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
		backgroundColor: 'light-dark(#c9dcff, #2f4a78)'
	},
	'.cm-tooltip': {
		backgroundColor: 'var(--surface)',
		color: 'var(--text)',
		border: '1px solid var(--border)'
	}
});

export interface SqlEditorOptions {
	parent: HTMLElement;
	doc: string;
	label: string;
	onChange(doc: string): void;
	onRun(): void;
	onSubmit(): void;
}

/**
 * Completion of the dataset's tables and columns, swapped in when they are known. Only the completion
 * source changes: reconfiguring the whole SQL language instead re-parsed the text and cost a frame of
 * 70 ms just as the exercise became ready.
 */
const tables = new Compartment();
const tableCompletion = (schema: Record<string, string[]>) =>
	PostgreSQL.language.data.of({ autocomplete: schemaCompletionSource({ dialect: PostgreSQL, schema }) });

/** Gives the editor the dataset's tables for completion (the editor shows before PostgreSQL is up). */
export function setSchema(view: EditorView, schema: Record<string, string[]>): void {
	view.dispatch({ effects: tables.reconfigure(tableCompletion(schema)) });
}

/** Mounts the editor; returns the view (call `destroy()` when done). */
export function createSqlEditor(o: SqlEditorOptions): EditorView {
	const run = (submit: boolean) => (view: EditorView) => {
		closeCompletion(view);
		if (submit) o.onSubmit();
		else o.onRun();
		return true;
	};
	return new EditorView({
		parent: o.parent,
		state: EditorState.create({
			doc: o.doc,
			extensions: [
				keymap.of([
					{ key: 'Mod-Enter', run: run(false) },
					{ key: 'Mod-Shift-Enter', run: run(true) },
					...closeBracketsKeymap,
					...defaultKeymap,
					...historyKeymap,
					...completionKeymap
				]),
				lineNumbers(),
				history(),
				indentOnInput(),
				bracketMatching(),
				closeBrackets(),
				autocompletion({ icons: false }),
				sql({ dialect: PostgreSQL, upperCaseKeywords: true }),
				tables.of([]),
				syntaxHighlighting(highlight),
				theme,
				EditorView.lineWrapping,
				placeholder('SELECT …'),
				EditorView.contentAttributes.of({ 'aria-label': o.label, 'aria-multiline': 'true' }),
				EditorView.updateListener.of((u) => {
					if (u.docChanged) o.onChange(u.state.doc.toString());
				})
			]
		})
	});
}
