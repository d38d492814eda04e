import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { readAnkiFile } from './client';
import { AnkiImportError } from './errors';
import { packReviews, unpackReviews, type ReadMessage, type ReadRequest } from './protocol';
import type { AnkiCollection } from './types';

/** Stands in for the browser's Worker: records what the page does and lets the test answer. */
class FakeWorker {
	static last: FakeWorker | null = null;
	onmessage: ((e: MessageEvent<ReadMessage>) => void) | null = null;
	onerror: ((e: ErrorEvent) => void) | null = null;
	onmessageerror: (() => void) | null = null;
	posted: { message: ReadRequest; transfer: Transferable[] } | null = null;
	terminated = false;
	readonly received: Promise<void>;
	#receive!: () => void;

	constructor(
		readonly url: URL,
		readonly options: WorkerOptions
	) {
		this.received = new Promise((resolve) => (this.#receive = resolve));
		FakeWorker.last = this;
	}
	postMessage(message: ReadRequest, transfer: Transferable[]) {
		this.posted = { message, transfer };
		this.#receive();
	}
	terminate() {
		this.terminated = true;
	}
	answer(message: ReadMessage) {
		this.onmessage?.({ data: message } as MessageEvent<ReadMessage>);
	}
}

const COLLECTION: AnkiCollection = {
	format: 'anki21b',
	notetypes: [],
	notes: [],
	cards: [],
	reviews: [
		{ id: 1_700_000_000_123, cardId: 1_600_000_000_001, ease: 3, type: 1, timeMs: 4_250 },
		{ id: 1_700_000_060_000, cardId: 1_600_000_000_002, ease: 1, type: 0, timeMs: 61_000 }
	],
	media: {},
	skippedMedia: []
};

/** Starts a read of a small file and waits until its bytes reach the (fake) worker. */
async function start(onProgress?: Parameters<typeof readAnkiFile>[1]) {
	const file = new File([new Uint8Array([1, 2, 3])], 'deck.apkg');
	const read = readAnkiFile(file, onProgress);
	const worker = FakeWorker.last!;
	await worker.received;
	return { read, worker };
}

beforeEach(() => {
	FakeWorker.last = null;
	vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('readAnkiFile', () => {
	test('starts a module worker, transfers the bytes, relays progress and ends the worker with the result', async () => {
		const progress: string[] = [];
		const { read, worker } = await start((done, total, step) => progress.push(`${done}/${total} ${step}`));
		expect(worker.url.pathname).toMatch(/worker\.ts$/);
		expect(worker.options).toEqual({ type: 'module' });
		const { message, transfer } = worker.posted!;
		expect(new Uint8Array(message.bytes)).toEqual(new Uint8Array([1, 2, 3]));
		expect(transfer).toEqual([message.bytes]);

		worker.answer({ kind: 'progress', done: 1, total: 6, step: 'unzipped' });
		worker.answer({ kind: 'progress', done: 2, total: 6, step: 'opened' });
		expect(worker.terminated).toBe(false);
		const { reviews, ...rest } = COLLECTION;
		worker.answer({ kind: 'done', collection: rest, reviews: packReviews(reviews) });
		await expect(read).resolves.toEqual(COLLECTION);
		expect(progress).toEqual(['1/6 unzipped', '2/6 opened']);
		expect(worker.terminated).toBe(true);
	});

	test("rejects with an AnkiImportError carrying the worker's problem and message", async () => {
		const { read, worker } = await start();
		worker.answer({ kind: 'error', problem: 'not-zip', message: 'This is not an Anki package.' });
		const error = await read.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AnkiImportError);
		expect(error).toMatchObject({ problem: 'not-zip', message: 'This is not an Anki package.' });
		expect(worker.terminated).toBe(true);
	});

	test('rejects, and ends the worker, when the worker itself fails', async () => {
		const { read, worker } = await start();
		const preventDefault = vi.fn();
		worker.onerror!({ message: 'wasm failed to load', preventDefault } as unknown as ErrorEvent);
		await expect(read).rejects.toMatchObject({
			problem: 'reader-failed',
			message: expect.stringContaining('wasm failed to load')
		});
		expect(preventDefault).toHaveBeenCalled();
		expect(worker.terminated).toBe(true);
	});

	test('refuses a file over the size limit without starting a worker or reading the file', async () => {
		const arrayBuffer = vi.fn();
		const huge = { size: 101 * 1024 * 1024, name: 'huge.colpkg', arrayBuffer } as unknown as File;
		await expect(readAnkiFile(huge)).rejects.toMatchObject({
			problem: 'too-large',
			message: expect.stringContaining('up to 100 MB')
		});
		expect(FakeWorker.last).toBeNull();
		expect(arrayBuffer).not.toHaveBeenCalled();
	});
});

describe('the reviews between the worker and the page', () => {
	test('come back as they went, every number exact', () => {
		const reviews = [
			...COLLECTION.reviews,
			{ id: 1_700_000_000_999, cardId: 7, ease: 0 as const, type: 4, timeMs: Number.NaN }
		];
		expect(unpackReviews(packReviews(reviews))).toEqual(reviews);
		expect(unpackReviews(packReviews([]))).toEqual([]);
	});
});
