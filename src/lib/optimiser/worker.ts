/// <reference lib="webworker" />
import init from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { readOptimiserLog } from '$lib/db/parameters';
import { RehearseDB } from '$lib/db/schema';
import { cardHistories, historySize, type CardHistory } from './dataset';
import { fitParameters } from './fit';
import { evaluate } from './metrics';
import { parseEpoch, type FitMessage, type FitRequest } from './protocol';

// The optimiser's worker: it reads the log itself, and measures and fits off the page's thread,
// single-threaded. fsrs-rs is synchronous, so progress is the line it logs after each epoch, posted as
// it is logged.

const post = (m: FitMessage) => postMessage(m);
const log = console.log.bind(console);
console.log = (line: unknown, ...rest: unknown[]) => {
	const epoch = parseEpoch(line);
	if (epoch) post({ kind: 'epoch', ...epoch });
	else log(line, ...rest);
};

let histories: CardHistory[] = [];

/**
 * fsrs-rs's wasm (1.7 MB), fetched and compiled once: begun while the log is measured, so that Start
 * does not wait for it. A failure (offline, say) is reported by the fit that needs it, which tries again.
 */
let compiled: Promise<unknown> | null = null;
function compileOptimiser(): Promise<unknown> {
	compiled ??= init({ module_or_path: wasmUrl }).catch((err: unknown) => {
		compiled = null;
		throw err;
	});
	return compiled;
}

onmessage = async (e: MessageEvent<FitRequest>) => {
	try {
		if (e.data.kind === 'measure') {
			compileOptimiser().catch(() => {});
			const db = new RehearseDB();
			try {
				const { entries, parameters } = await readOptimiserLog(db);
				histories = cardHistories(entries);
				const size = historySize(histories);
				post({ kind: 'measured', size, before: size.enough ? evaluate(histories, parameters) : null });
			} finally {
				db.close();
			}
		} else {
			await compileOptimiser();
			const t = performance.now();
			const parameters = fitParameters(histories);
			const fitMs = performance.now() - t;
			post({ kind: 'done', parameters, after: evaluate(histories, parameters), fitMs });
		}
	} catch (err) {
		post({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
