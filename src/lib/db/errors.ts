/** The card changed since this screen read it (another tab answered it). Nothing was written. */
export class StaleCardError extends Error {
	constructor(cardId: string) {
		super(`The card ${cardId} was answered in another tab; the queue has been refreshed.`);
		this.name = 'StaleCardError';
	}
}

/** An error's own words, without a doubled cause or a trailing full stop. */
export function errorDetail(error: unknown): string {
	const inner = (error as { inner?: { message?: unknown } | null } | null)?.inner;
	// Dexie's wrapping errors repeat their cause's name and message after their own: the cause says it once.
	const text =
		typeof inner?.message === 'string' && inner.message
			? inner.message
			: error instanceof Error
				? error.message
				: String(error);
	return text.trim().replace(/[.\s]+$/, '');
}

function errorNames(error: unknown): { name: string; inner: string } {
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
	return { name, inner };
}

const BLOCKED =
	'This browser does not let Rehearse store data (private browsing or storage turned off). Rehearse keeps your progress in your browser only, so it needs site storage: allow it for this site, or use a normal window.';

const NEWER =
	'Your saved data was made by a newer version of Rehearse. Reload the page to get the latest version.';

function blocked(name: string, inner: string): boolean {
	return (
		name === 'MissingAPIError' ||
		name === 'InvalidStateError' ||
		name === 'SecurityError' ||
		inner === 'SecurityError'
	);
}

/** Turns a failed write into a sentence a person can act on. */
export function describeStorageError(error: unknown): string {
	const { name, inner } = errorNames(error);
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
		return 'Your browser storage is full, so this answer was not saved. Free some space (or export and clear old data) and try again; nothing already saved was changed.';
	}
	if (blocked(name, inner)) return BLOCKED;
	if (name === 'VersionError' || inner === 'VersionError') return NEWER;
	return `Saving failed: ${errorDetail(error)}. Nothing already saved was changed.`;
}

/**
 * Turns a failure to open the database into a sentence: nothing was being saved then, so it speaks of
 * opening, not saving.
 */
export function describeOpenError(error: unknown): string {
	const { name, inner } = errorNames(error);
	if (blocked(name, inner)) return BLOCKED;
	if (name === 'VersionError' || inner === 'VersionError') return NEWER;
	return `Rehearse could not open your saved data: ${errorDetail(error)}. Nothing was changed. Reload the page; if this keeps happening, restart the browser.`;
}
