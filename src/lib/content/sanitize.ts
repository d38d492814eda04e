import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

/**
 * Card content from strangers (Anki notes, CSV cells, pasted HTML) goes through this allow-list before
 * anything else reads it. Everything not named here is dropped: an allow-list fails closed when browsers
 * grow a new dangerous element or attribute, a block-list fails open.
 */
const ALLOWED_TAGS = [
	// Text formatting a card needs; none of these can run code or load anything.
	...[
		'p',
		'br',
		'div',
		'span',
		'b',
		'strong',
		'i',
		'em',
		'u',
		's',
		'del',
		'ins',
		'sub',
		'sup',
		'mark',
		'small'
	],
	// Code, the most common thing on this app's cards.
	...['code', 'pre', 'kbd', 'samp', 'var'],
	// Structure: quotes, lists, tables, headings, rules.
	...['blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr'],
	...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
	...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
	// Links and images, whose URLs are checked below.
	...['a', 'img']
];

/**
 * No `style` (CSS can overlay the app's own buttons, and `url()` loads from anywhere), no `id` (it can
 * clobber globals), no `target` (it gives the opened page a handle on ours), no `srcset` (a second URL
 * list that would need its own checks). `class` only as a code block's `language-…` (checked below):
 * any other class would pick up the app's own styles.
 */
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'start', 'class'];

const CODE_LANGUAGE = /^language-[a-z0-9+#-]{1,24}$/i;

/**
 * Removed together with everything inside: their content is code, raw text that would show up as
 * markup-looking noise, or a second document. SVG and MathML are on DOMPurify's own list already;
 * without them the namespace-confusion tricks have nothing to work with.
 */
const DROP_WITH_CONTENT = [
	'textarea',
	'select',
	'option',
	'button',
	'object',
	'embed',
	'iframe',
	'frame',
	'frameset'
];

const CONFIG: Config = {
	ALLOWED_TAGS,
	ALLOWED_ATTR,
	ADD_FORBID_CONTENTS: DROP_WITH_CONTENT,
	// data-* and aria-* would be harmless on their own, but nothing on a card needs them, and the app's
	// own scripts and styles key on data attributes.
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
	// Only these schemes, or no scheme at all, get through DOMPurify's own URL check (it lets `data:`
	// through on images by itself); the hook below is stricter still.
	ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^:]*$)/i,
	// Unknown tags and the contents of removed ones (except the list above) stay as text, so a note that
	// used `<font>` or `<center>` keeps its words.
	KEEP_CONTENT: true
};

/** Link targets a card may have: the web and e-mail. */
const LINK = /^(?:https?:\/\/|mailto:)/i;
/** Images inlined as raster data (what the importers make of media files). SVG can carry script: not allowed. */
export const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/]+={0,2}$/i;
/**
 * A media file's bare name, as Anki notes write it (`paste-1a2b.png`, `my photo.jpg`): no scheme, no
 * path, no query, nothing a URL parser could turn into another origin.
 */
export const MEDIA_NAME = /^(?!\.)[^:/\\?#\p{Cc}]+$/u;

/**
 * What a browser does to a URL attribute before reading its scheme: tabs and newlines vanish anywhere,
 * control characters and spaces at either end are trimmed. Checking the same string the browser will
 * see defeats `java&#9;script:` and friends.
 */
function urlAsBrowserReadsIt(value: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
	return value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

function checkAttributes(node: Element): void {
	const className = node.getAttribute('class');
	if (className !== null && !(node.tagName === 'CODE' && CODE_LANGUAGE.test(className)))
		node.removeAttribute('class');
	if (node.hasAttribute('href')) {
		const href = urlAsBrowserReadsIt(node.getAttribute('href') ?? '');
		if (node.tagName === 'A' && LINK.test(href)) {
			node.setAttribute('href', href);
			// The opened page gets no handle on this one and learns nothing of where the person came from.
			node.setAttribute('rel', 'noopener noreferrer');
		} else node.removeAttribute('href');
	}
	if (node.hasAttribute('src')) {
		const src = urlAsBrowserReadsIt(node.getAttribute('src') ?? '');
		const compact = src.replace(/\s+/g, '');
		if (node.tagName === 'IMG' && DATA_IMAGE.test(compact)) node.setAttribute('src', compact);
		else if (node.tagName === 'IMG' && MEDIA_NAME.test(src)) node.setAttribute('src', src);
		else node.removeAttribute('src');
	}
}

let purifier: Purifier | null = null;

/**
 * One DOMPurify instance of our own, made on first use: hooks added to it do not leak into any other
 * code that uses DOMPurify, and importing this module does nothing until a card needs cleaning.
 */
function getPurifier(): Purifier {
	if (purifier) return purifier;
	const instance = DOMPurify(window);
	instance.addHook('afterSanitizeAttributes', checkAttributes);
	purifier = instance;
	return instance;
}

/**
 * Cleans HTML from an untrusted source down to what a card may show: text formatting, lists, tables,
 * code, headings, web and e-mail links (opened without a handle on the app), and images that are inline
 * raster data or a bare media file name. Scripts, styles, event handlers, frames, forms, SVG and MathML
 * are removed. Needs a DOM: call it on the page (or under jsdom in tests).
 *
 * @example
 * sanitizeHtml('<b onclick="x()">Hi</b><script>x()</script>') // '<b>Hi</b>'
 */
export function sanitizeHtml(html: string): string {
	return getPurifier().sanitize(html, CONFIG);
}

/** The same cleaning, returning a detached fragment, for code that reads the result as a DOM. */
export function sanitizeToFragment(html: string): DocumentFragment {
	// DOMPurify gives null when nothing is left to return (a lone `<frameset>`), whatever its types say.
	const fragment = getPurifier().sanitize(html, {
		...CONFIG,
		RETURN_DOM_FRAGMENT: true
	}) as DocumentFragment | null;
	return fragment ?? document.createDocumentFragment();
}
