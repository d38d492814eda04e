/**
 * Reads a number typed into a settings box. An empty box, or one the browser could not read as a
 * number, gives null: "nothing typed" is not zero.
 *
 * @example numberTyped(' 25 ') === 25; numberTyped('') === null
 */
export function numberTyped(text: string): number | null {
	if (text.trim() === '') return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}
