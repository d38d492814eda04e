import type { RehearseDB } from '$lib/db/schema';
import { readSettings } from '$lib/db/settings';
import { applyTheme } from '$lib/ui/theme';

/**
 * Applies the stored theme to the page. If it cannot be read, the page keeps the theme app.html
 * applied from the browser's own copy. Every page runs this (the layout), so it stays apart from the
 * settings screen's state.
 */
export async function applyStoredTheme(db: RehearseDB): Promise<void> {
	try {
		applyTheme((await readSettings(db)).theme);
	} catch {
		// Keep the theme already on the page.
	}
}
