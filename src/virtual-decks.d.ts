declare module 'virtual:rehearse/decks' {
	import type { Deck } from '$lib/decks/types';
	const decks: Deck[];
	export default decks;
}
