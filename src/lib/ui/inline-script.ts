/**
 * A classic `<script>` element for a prerendered page (the boot scripts in home-boot.ts and
 * review-boot.ts), escaped so that nothing in `code` can end the element early.
 */
export function inlineScript(code: string): string {
	return `<script>${code.replace(/<\//g, '<\\/').replace(/<!--/g, '<\\!--')}</script>`;
}
