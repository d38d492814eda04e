import type { DeckError } from '../types.ts';

/**
 * Collects the problems found in one deck file. Lines are 1-based, as an editor shows them, so every
 * caller passes the line it holds and no one converts indexes.
 *
 * @example
 * const report = new Reporter('decks/git/git-basics.md');
 * report.at(12, "missing '### Model answer'");
 */
export class Reporter {
	readonly errors: DeckError[] = [];

	constructor(readonly file: string) {}

	at(line: number, message: string): void {
		this.errors.push({ file: this.file, line, message });
	}
}
