import { describe, expect, it } from 'vitest';
import { CLOZE_CLOSE as C, CLOZE_OPEN as O } from '../deck-draft';
import { clozeQuestion, isEmptyField, parseTemplate, renderTemplate, shownFields } from './template';

const FIELDS = ['Front', 'Back', 'Extra'];

describe('parseTemplate', () => {
	it('reads fields, filters and sections', () => {
		expect(
			parseTemplate('{{ Front }}{{#Extra}}<i>{{text:Extra}}</i>{{/Extra}}{{^Back}}-{{/Back}}', FIELDS)
		).toEqual([
			{ kind: 'field', name: 'Front', filters: [] },
			{
				kind: 'section',
				name: 'Extra',
				inverted: false,
				body: [
					{ kind: 'text', html: '<i>' },
					{ kind: 'field', name: 'Extra', filters: ['text'] },
					{ kind: 'text', html: '</i>' }
				]
			},
			{ kind: 'section', name: 'Back', inverted: true, body: [{ kind: 'text', html: '-' }] }
		]);
	});

	it('cannot read what Anki could not render either', () => {
		expect(parseTemplate('{{Missing}}', FIELDS)).toBeNull();
		expect(parseTemplate('{{#Front}}open', FIELDS)).toBeNull();
		expect(parseTemplate('{{#Front}}{{#Back}}{{/Front}}{{/Back}}', FIELDS)).toBeNull();
		expect(parseTemplate('{{/Front}}', FIELDS)).toBeNull();
		expect(parseTemplate('{{front}} {{Tags}} {{Deck}}', FIELDS)).not.toBeNull();
	});

	it('knows which fields a question shows (not a typed answer box)', () => {
		const question = parseTemplate(
			'{{Front}}{{#Extra}}{{hint:Extra}}{{/Extra}}{{type:Back}}{{Tags}}',
			FIELDS
		)!;
		expect([...shownFields(question)]).toEqual(['front', 'extra']);
	});
});

describe('renderTemplate', () => {
	const fields = new Map([
		['front', 'F'],
		['back', 'B'],
		['extra', '<br>&nbsp;']
	]);

	it('renders sections by whether a field is empty, as Anki judges it', () => {
		expect(isEmptyField('<div><br></div>&nbsp; ')).toBe(true);
		const nodes = parseTemplate(
			'{{Front}}{{#Extra}}[{{Extra}}]{{/Extra}}{{^Extra}}(none){{/Extra}}',
			FIELDS
		)!;
		expect(renderTemplate(nodes, { fields, side: 'question', omit: new Set(), cloze: 0 }).html).toBe(
			'F(none)'
		);
	});

	it('shows each answer field once and leaves out what the question showed', () => {
		const nodes = parseTemplate('{{Front}}<hr>{{type:Back}}{{Back}}{{Tags}}', FIELDS)!;
		expect(renderTemplate(nodes, { fields, side: 'answer', omit: new Set(['front']), cloze: 0 }).html).toBe(
			'<hr>B'
		);
	});
});

describe('clozeQuestion', () => {
	it('marks every deletion of the number, shows the others, puts hints after', () => {
		expect(clozeQuestion('{{c1::a}} {{c2::b::hint}} {{c1::c}}', 2)).toEqual({
			html: `a ${O}b${C} (hint) c`,
			deletions: 1
		});
		expect(clozeQuestion('{{c1::a}} {{c2::b}} {{c1::c}}', 1)).toEqual({
			html: `${O}a${C} b ${O}c${C}`,
			deletions: 2
		});
		expect(clozeQuestion('{{c1::a}}', 3)).toEqual({ html: 'a', deletions: 0 });
	});

	it('reads nested deletions and leaves stray braces as text', () => {
		expect(clozeQuestion('{{c1::x {{c2::y}} z}}', 1).html).toBe(`${O}x y z${C}`);
		expect(clozeQuestion('{{c1::x {{c2::y}} z}}', 2).html).toBe(`x ${O}y${C} z`);
		expect(clozeQuestion('a }} b :: {{c', 1)).toEqual({ html: 'a }} b :: {{c', deletions: 0 });
		expect(clozeQuestion('<b>{{c1::<i>html</i>}}</b>', 1).html).toBe(`<b>${O}<i>html</i>${C}</b>`);
	});
});
