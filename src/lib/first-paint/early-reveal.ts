/**
 * Whether Space or Enter was pressed, or the Show answer button tapped, on the stored copy of this card
 * before the app loaded (the boot script, boot/review.ts, notes it on the root element);
 * the note is used once.
 */
export function takeEarlyReveal(cardId: string): boolean {
	const root = document.documentElement;
	const early = root.dataset.revealEarly;
	if (early === undefined) return false;
	delete root.dataset.revealEarly;
	return early === cardId;
}
