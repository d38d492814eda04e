import { describe, expect, it } from 'vitest';
import { timeZone, WRITES_KEY } from '$lib/db/snapshot';
import { CARD_KEY, reviewBootScript, shownCardFor, type StoredCard } from './review-boot';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const stored: StoredCard = {
	v: 1,
	version: 'build-1',
	zone: timeZone(),
	scope: '?deck=git-basics',
	id: 'git-basics/rebase',
	until: NOW + 60_000,
	writes: 12,
	html: '<article data-card-id="git-basics/rebase"><h2 id="prompt">What does rebase do?</h2></article>'
};
/** `Date` at NOW: the script reads the clock and, for the time zone, makes dates. */
class FixedDate extends Date {
	static override now() {
		return NOW;
	}
}
const text = (change: Partial<StoredCard> = {}) => JSON.stringify({ ...stored, ...change });

describe('shownCardFor', () => {
	const zone = timeZone();
	it('gives the stored card while nothing could have changed the first pick', () => {
		expect(shownCardFor(text(), NOW, 'build-1', '?deck=git-basics', 12, zone)).toEqual({
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
			writes = 12,
			z = zone
		) => shownCardFor(t, now, version, scope, writes, z);
		expect(valid(text())).not.toBeNull();
		expect(valid(text(), NOW, 'build-1', '?deck=git-basics', 13)).toBeNull();
		expect(valid(text(), NOW + 60_000)).toBeNull();
		expect(valid(text(), NOW, 'build-1', '')).toBeNull();
		expect(valid(text(), NOW, 'build-2')).toBeNull();
		expect(valid(text(), NOW, 'build-1', '?deck=git-basics', 12, '-60,-120')).toBeNull();
		expect(valid(text({ until: Number.NaN }))).toBeNull();
		expect(valid('{"v":1')).toBeNull();
		expect(valid('null')).toBeNull();
	});
});

/** Runs the boot script on its own, as the browser does, with only the globals given here. */
function runBoot(items: Record<string, string>, search: string) {
	// The copy's Show answer button, where a layout would put it.
	const button = { getBoundingClientRect: () => ({ left: 100, right: 300, top: 400, bottom: 440 }) };
	const box = {
		innerHTML: '<p>Loading your cards…</p>',
		dataset: {} as Record<string, string>,
		isConnected: true,
		querySelector: (sel: string) => (sel === 'button.show' ? button : null)
	};
	const root = { dataset: {} as Record<string, string> };
	type Listener = (e: object) => void;
	const listeners: { type: string; listener: Listener }[] = [];
	const body = {};
	const document = {
		body,
		documentElement: root,
		querySelector: (sel: string) => (sel === '[data-review-boot]' ? box : null)
	};
	const localStorage = { getItem: (key: string) => items[key] ?? null };
	const addEventListener = (type: string, listener: Listener) => listeners.push({ type, listener });
	const removeEventListener = (type: string, listener: Listener) => {
		const at = listeners.findIndex((l) => l.type === type && l.listener === listener);
		if (at !== -1) listeners.splice(at, 1);
	};
	const dispatch = (type: string, event: object) => {
		for (const l of [...listeners]) if (l.type === type) l.listener(event);
	};
	const code = reviewBootScript('build-1').slice('<script>'.length, -'</script>'.length);
	new Function(
		'document',
		'localStorage',
		'location',
		'Date',
		'addEventListener',
		'removeEventListener',
		code
	)(document, localStorage, { search }, FixedDate, addEventListener, removeEventListener);
	const press = (key: string, target: object = body) => {
		let prevented = false;
		const event = {
			key,
			target,
			ctrlKey: false,
			altKey: false,
			metaKey: false,
			repeat: false,
			isComposing: false
		};
		dispatch('keydown', { ...event, preventDefault: () => (prevented = true) });
		return prevented;
	};
	const tap = (clientX: number, clientY: number) => dispatch('click', { clientX, clientY, target: body });
	return { box, root, listeners, press, tap };
}

describe('review boot script', () => {
	it('puts the stored card in the boot container, on its own', () => {
		const { box, root } = runBoot({ [CARD_KEY]: text(), [WRITES_KEY]: '12' }, '?deck=git-basics');
		expect(box.innerHTML).toBe(stored.html);
		expect(box.dataset.cardId).toBe(stored.id);
		expect(root.dataset.bootPainted).toBe('');
	});

	it('notes Space pressed on the copy for the app, and lets go of the keyboard once the copy is gone', () => {
		const boot = runBoot({ [CARD_KEY]: text(), [WRITES_KEY]: '12' }, '?deck=git-basics');
		expect(boot.press('a')).toBe(false);
		expect(boot.press('Enter', { tagName: 'A' }), 'Enter on a link stays the link’s').toBe(false);
		expect(boot.root.dataset.revealEarly).toBeUndefined();
		expect(boot.press(' ')).toBe(true);
		expect(boot.root.dataset.revealEarly).toBe(stored.id);
		boot.box.isConnected = false;
		expect(boot.press(' ')).toBe(false);
		expect(boot.listeners).toHaveLength(0);
	});

	it('notes a tap on the copy’s Show answer button, not one beside it, and lets go once the copy is gone', () => {
		const boot = runBoot({ [CARD_KEY]: text(), [WRITES_KEY]: '12' }, '?deck=git-basics');
		expect(boot.listeners.map((l) => l.type)).toEqual(['keydown', 'click']);
		boot.tap(99, 420);
		boot.tap(200, 441);
		expect(boot.root.dataset.revealEarly).toBeUndefined();
		boot.tap(100, 400);
		expect(boot.root.dataset.revealEarly).toBe(stored.id);
		delete boot.root.dataset.revealEarly;
		boot.tap(300, 440);
		expect(boot.root.dataset.revealEarly).toBe(stored.id);
		delete boot.root.dataset.revealEarly;
		boot.box.isConnected = false;
		boot.tap(200, 420);
		expect(boot.root.dataset.revealEarly).toBeUndefined();
		expect(boot.listeners, 'a tap after the copy is gone removes both listeners').toHaveLength(0);
	});

	it('leaves the placeholder when the collection changed since', () => {
		const boot = runBoot({ [CARD_KEY]: text(), [WRITES_KEY]: '13' }, '?deck=git-basics');
		expect(boot.box.innerHTML).toBe('<p>Loading your cards…</p>');
		expect(boot.root.dataset.bootPainted).toBeUndefined();
		expect(boot.listeners).toHaveLength(0);
	});

	it('cannot be ended early by its version string', () => {
		const html = reviewBootScript('</script><script>alert(1)//');
		expect(html.indexOf('</script>')).toBe(html.length - '</script>'.length);
	});
});
