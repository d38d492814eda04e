import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testClock } from '$lib/testing/decks';
import { Countdown, Stopwatch, formatClock } from './countdown.svelte';

const START = Date.parse('2026-01-05T09:00:00Z');

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
	vi.useRealTimers();
});

describe('Countdown', () => {
	it('counts down from the deadline on each tick and expires once', () => {
		const clock = testClock(START);
		const onExpire = vi.fn();
		const countdown = new Countdown({ now: clock.now, onExpire });
		countdown.set(START + 3000);
		expect(countdown.remaining).toBe(3000);
		clock.advance(1000);
		vi.advanceTimersByTime(1000);
		expect(countdown.remaining).toBe(2000);
		// A late tick (a throttled tab) still shows the true time left.
		clock.advance(1500);
		vi.advanceTimersByTime(1000);
		expect(countdown.remaining).toBe(500);
		expect(countdown.expired).toBe(false);
		clock.advance(5000);
		vi.advanceTimersByTime(5000);
		expect(countdown.remaining).toBe(0);
		expect(countdown.expired).toBe(true);
		expect(onExpire).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('expires at once for a deadline already past, and starts no timer', () => {
		const clock = testClock(START);
		const onExpire = vi.fn();
		new Countdown({ now: clock.now, onExpire }).set(START - 1);
		expect(onExpire).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('stops its timer when cleared or disposed', () => {
		const clock = testClock(START);
		const onExpire = vi.fn();
		const countdown = new Countdown({ now: clock.now, onExpire });
		countdown.set(START + 60_000);
		expect(vi.getTimerCount()).toBe(1);
		countdown.dispose();
		expect(vi.getTimerCount()).toBe(0);
		expect(countdown.remaining).toBeNull();
		clock.advance(120_000);
		vi.advanceTimersByTime(120_000);
		expect(onExpire).not.toHaveBeenCalled();
	});

	it('a new deadline replaces the old one and can expire again', () => {
		const clock = testClock(START);
		const onExpire = vi.fn();
		const countdown = new Countdown({ now: clock.now, onExpire });
		countdown.set(START);
		countdown.set(START + 2000);
		expect(vi.getTimerCount()).toBe(1);
		clock.advance(2000);
		vi.advanceTimersByTime(1000);
		expect(onExpire).toHaveBeenCalledTimes(2);
	});
});

describe('Stopwatch', () => {
	it('counts up from its start moment on each tick, and keeps its value once stopped', () => {
		const clock = testClock(START);
		const watch = new Stopwatch({ now: clock.now });
		expect(watch.elapsed).toBe(0);
		clock.advance(4000);
		watch.start(START);
		expect(watch.elapsed).toBe(4000);
		clock.advance(1000);
		vi.advanceTimersByTime(1000);
		expect(watch.elapsed).toBe(5000);
		watch.dispose();
		expect(vi.getTimerCount()).toBe(0);
		clock.advance(3000);
		vi.advanceTimersByTime(3000);
		expect(watch.elapsed).toBe(5000);
	});

	it('a new start replaces the old timer', () => {
		const watch = new Stopwatch({ now: testClock(START).now });
		watch.start(START);
		watch.start(START - 1000);
		expect(vi.getTimerCount()).toBe(1);
		expect(watch.elapsed).toBe(1000);
	});
});

describe('formatClock', () => {
	it.each([
		[0, '0:00'],
		[-5, '0:00'],
		[1, '0:01'],
		[59_001, '1:00'],
		[299_000, '4:59'],
		[3_600_000, '60:00']
	])('%d ms → %s', (ms, text) => {
		expect(formatClock(ms)).toBe(text);
	});
});
