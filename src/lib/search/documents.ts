import type { Deck, Item } from '$lib/decks/types';

/** What the browser can tell items apart by: a cloze card is a flashcard with a deletion. */
export const ITEM_KINDS = ['flashcard', 'cloze', 'quiz', 'interview', 'sql'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * One item as search sees it: its words as plain text, and what the filters need. Short keys: the
 * shipped decks' documents are prerendered files (`/api/search/<deck>.json`) the browser page fetches.
 */
export interface SearchDoc {
	/** `deck-id/item-id` */
	id: string;
	/** The deck id. */
	d: string;
	/** The kind. */
	k: ItemKind;
	/** The prompt. */
	p: string;
	/** The rest of the item: answer, stem and choices, key points and model answer, hints and model query. */
	b: string;
	/** The tags. */
	t: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of rendered HTML, for searching only (never shown as HTML): tags dropped, the entities the
 * renderer writes decoded, white space collapsed.
 */
export function plainText(html: string): string {
	return html
		.replace(/<(?:br|\/p|\/li|\/h\d|\/pre|\/tr|\/td|\/th)\b[^>]*>/gi, ' ')
		.replace(/<[^>]*>/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
			if (name[0] === '#') {
				const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
				return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
			}
			return ENTITIES[name.toLowerCase()] ?? whole;
		})
		.replace(/\s+/g, ' ')
		.trim();
}

/** The kind of an item as the browser names it. */
export function kindOf(item: Item): ItemKind {
	return item.kind === 'flashcard' && item.cloze ? 'cloze' : item.kind;
}

/** The words of an item beyond its prompt. */
function bodyOf(item: Item): string {
	switch (item.kind) {
		case 'flashcard':
			return plainText(`${item.clozeHtml} ${item.answerHtml}`);
		case 'quiz':
			return plainText(
				[item.stemHtml, ...item.choices.map((c) => c.html), item.accept.join(' '), item.explanationHtml].join(
					' '
				)
			);
		case 'interview':
			return plainText(
				[item.stemHtml, ...item.keyPoints.map((k) => k.text), item.modelAnswerHtml, ...item.followUps].join(
					' '
				)
			);
		case 'sql':
			return (
				plainText([item.stemHtml, ...item.hintsHtml, item.explanationHtml].join(' ')) + ` ${item.modelSql}`
			);
	}
}

/** Every item of a deck as a search document. */
export function docsOfDeck(deck: Pick<Deck, 'id' | 'items'>): SearchDoc[] {
	return deck.items.map((item) => ({
		id: `${deck.id}/${item.id}`,
		d: deck.id,
		k: kindOf(item),
		p: item.promptText,
		b: bodyOf(item),
		t: item.tags
	}));
}

/** A flashcard, a cloze card or an SQL exercise: an item with a memory state, that card actions apply to. */
export function isCardDoc(doc: Pick<SearchDoc, 'k'>): boolean {
	return doc.k === 'flashcard' || doc.k === 'cloze' || doc.k === 'sql';
}
