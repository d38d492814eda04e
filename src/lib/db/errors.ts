/** The card changed since this screen read it (another tab answered it). Nothing was written. */
export class StaleCardError extends Error {
	constructor(cardId: string) {
		super(`The card ${cardId} was answered in another tab; the queue has been refreshed.`);
		this.name = 'StaleCardError';
	}
}

/** Turns a storage failure into a sentence a person can act on. */
export function describeStorageError(error: unknown): string {
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
		return 'Your browser storage is full, so this answer was not saved. Free some space (or export and clear old data) and try again; nothing already saved was changed.';
	}
	if (
		name === 'MissingAPIError' ||
		name === 'InvalidStateError' ||
		name === 'SecurityError' ||
		inner === 'SecurityError'
	) {
		return 'This browser does not let Rehearse store data (private browsing or storage turned off). Rehearse keeps your progress in your browser only, so it needs site storage: allow it for this site, or use a normal window.';
	}
	if (name === 'VersionError') {
		return 'Your saved data was made by a newer version of Rehearse. Reload the page to get the latest version.';
	}
	const message = error instanceof Error ? error.message : String(error);
	return `Saving failed: ${message}. Nothing already saved was changed.`;
}
