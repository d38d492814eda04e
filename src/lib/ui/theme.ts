import type { Theme } from '$lib/db/schema';

/** Applies a theme to the page now and remembers it for the next first paint (see app.html). */
export function applyTheme(theme: Theme): void {
	const root = document.documentElement;
	if (theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = theme;
	try {
		localStorage.setItem('rehearse-theme', theme);
	} catch {
		// Storage blocked: the theme still applies for this visit.
	}
}
