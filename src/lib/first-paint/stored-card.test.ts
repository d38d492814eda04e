import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENERATION_KEY, timeZone } from './format';
import { bumpGeneration } from './store';
import { shownCardFor, StepWatch, type StoredCard } from './stored-card';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const stored: StoredCard = {
	v: 1,
	version: 'build-1',
	zone: timeZone(),
	scope: '?deck=git-basics',
	id: 'git-basics/rebase',
	until: NOW + 60_000,
	generation: 'g12',
	html: '<article data-card-id="git-basics/rebase"><h2 id="prompt">What does rebase do?</h2></article>'
};
const text = (change: Partial<StoredCard> = {}) => JSON.stringify({ ...stored, ...change });

describe('shownCardFor', () => {
	const zone = timeZone();
	it('gives the stored card while nothing could have changed the first pick', () => {
		expect(shownCardFor(text(), NOW, 'build-1', '?deck=git-basics', 'g12', zone)).toEqual({
			id: stored.id,
			html: stored.html
		});
	});

	it('refuses it after a write, at or after its deadline, for another scope, zone or app version', () => {
		const valid = (
			t: string,
			now = NOW,
			version = 'build-1',
			scope = '?deck=git-basics',
			gen = 'g12',
			z = zone
		) => shownCardFor(t, now, version, scope, gen, z);
		expect(valid(text())).not.toBeNull();
		expect(valid(text(), NOW, 'build-1', '?deck=git-basics', 'g13')).toBeNull();
		expect(valid(text(), NOW + 60_000)).toBeNull();
		expect(valid(text(), NOW, 'build-1', '')).toBeNull();
		expect(valid(text(), NOW, 'build-2')).toBeNull();
		expect(valid(text(), NOW, 'build-1', '?deck=git-basics', 'g12', '-60,-120')).toBeNull();
		expect(valid(text({ until: Number.NaN }))).toBeNull();
		expect(valid('{"v":1')).toBeNull();
		expect(valid('null')).toBeNull();
	});
});

describe('StepWatch', () => {
	let items: Map<string, string>;
	let page: EventTarget;
	/** A `storage` event, as another tab's write delivers it to this one. */
	const otherTabWrites = (value: string) => {
		items.set(GENERATION_KEY, value);
		page.dispatchEvent(Object.assign(new Event('storage'), { key: GENERATION_KEY, newValue: value }));
	};

	beforeEach(() => {
		items = new Map([[GENERATION_KEY, 'g1']]);
		page = new EventTarget();
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => items.get(k) ?? null,
			setItem: (k: string, v: string) => void items.set(k, v),
			removeItem: (k: string) => void items.delete(k)
		});
		vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
		vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
	});
	afterEach(() => vi.unstubAllGlobals());

	it('stays in step through this tab’s own writes', () => {
		const watch = new StepWatch();
		watch.queueRead();
		expect(watch.inStep()).toBe('g1');
		bumpGeneration();
		expect(watch.inStep()).toBe(items.get(GENERATION_KEY));
		watch.dispose();
	});

	it('latches out of step when another tab writes, until the queue is read again (B8)', () => {
		const watch = new StepWatch();
		watch.queueRead();
		otherTabWrites('g2');
		// This tab's next write hides the other tab's generation; the latch remembers it.
		bumpGeneration();
		expect(watch.inStep()).toBeNull();
		bumpGeneration();
		expect(watch.inStep()).toBeNull();
		watch.queueRead();
		expect(watch.inStep()).toBe(items.get(GENERATION_KEY));
		watch.dispose();
	});

	it('notices another tab’s generation even before its storage event arrives', () => {
		const watch = new StepWatch();
		watch.queueRead();
		items.set(GENERATION_KEY, 'g2');
		expect(watch.inStep()).toBeNull();
		watch.dispose();
	});
});
