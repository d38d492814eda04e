declare module 'virtual:rehearse/boot' {
	/** Each boot script (lib/first-paint/boot/), bundled: defines `boot`, its default export. */
	export const home: string;
	export const review: string;
}
