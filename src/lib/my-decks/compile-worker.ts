/// <reference lib="webworker" />
import { compileDecks } from './compile';
import type { CompileAnswer, CompileRequest } from './compile-off-thread';

// Compiles decks for an import off the page's thread: 20,000 notes of Markdown held it for about 2 s.
// One request per worker; compile-off-thread.ts ends it.

onmessage = async (e: MessageEvent<CompileRequest>) => {
	let answer: CompileAnswer;
	try {
		answer = { ok: true, decks: await compileDecks(e.data.sources) };
	} catch (err) {
		answer = { ok: false, message: err instanceof Error ? err.message : String(err) };
	}
	postMessage(answer);
};
