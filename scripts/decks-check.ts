// Validates every deck and prints all errors as `decks/<topic>/<deck>.md:LINE: message`.
import { compileDecks } from '../src/lib/decks/collection';
import { formatDeckError } from '../src/lib/decks/types';

const { decks, errors } = await compileDecks(process.cwd());
if (errors.length) {
	for (const e of errors) console.error(formatDeckError(e));
	console.error(`\n${errors.length} deck error(s). See decks/README.md for the format.`);
	process.exit(1);
}
const items = decks.reduce((n, d) => n + d.items.length, 0);
console.log(`decks: ${decks.length} decks, ${items} items, no errors`);
