/**
 * 32-bit FNV-1a of a string's UTF-16 code units, as an unsigned number: not a security hash, only a
 * spreader and change detector that is the same on every device and in the build.
 *
 * @example fnv1a('') // 0x811c9dc5, the offset basis
 */
export function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}
