/** A new unique id for a stored record (a quiz attempt, an interview). */
export function newId(): string {
	return typeof crypto !== 'undefined' && 'randomUUID' in crypto
		? crypto.randomUUID()
		: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The random part of the last id made, and its millisecond: ids made within one millisecond count up. */
const last = { ms: -1, bytes: new Uint8Array(16) };

/**
 * A UUIDv7 (RFC 9562) for a review-log entry: the first 48 bits are `ms`, the moment of the answer, so
 * ids sort by time and two devices never make the same one. The other 74 bits are random, counting up
 * from one id to the next within a millisecond, so ids made here also sort in the order they were made.
 * `counter` fills them instead, so that ids made from existing rows (an upgrade, a seeded history) come
 * out the same every time and keep the rows' order within a millisecond.
 *
 * Written here rather than taken from a library: it is the lines below, and it rides on the review's
 * first load, which has about a kilobyte to spare.
 *
 * @example logEntryId(Date.parse('2026-01-05T09:00:00Z'), 1) === '019b8d62-7a80-7000-8000-000000000001'
 */
export function logEntryId(ms: number, counter?: number): string {
	const bytes = new Uint8Array(16);
	if (counter !== undefined) {
		for (let i = 15, n = counter; i >= 8; i--, n = Math.floor(n / 256)) bytes[i] = n % 256;
	} else {
		if (ms === last.ms) {
			for (let i = 15; i >= 9 && ++last.bytes[i]! === 256; i--) last.bytes[i] = 0;
		} else {
			crypto.getRandomValues(last.bytes);
			last.bytes[9]! &= 0x7f; // room to count up without reaching the variant bits
			last.ms = ms;
		}
		bytes.set(last.bytes);
	}
	for (let i = 5, t = ms; i >= 0; i--, t = Math.floor(t / 256)) bytes[i] = t % 256;
	bytes[6] = 0x70 | (bytes[6]! & 0x0f);
	bytes[8] = 0x80 | (bytes[8]! & 0x3f);
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An id for an entry made in the same millisecond as `previous` that sorts after it: `previous` with its
 * random bits counted up by a random step (1 to 2^24), so that two devices making the next entry of one
 * card from the same previous one still make different ids. Used when a card's last entry has the same
 * time as the new answer but was made elsewhere (another page load), whose ids this page cannot count from.
 */
export function logEntryIdAfter(previous: string): string {
	const hex = previous.replace(/-/g, '');
	const head = hex.slice(0, 17); // time, version and the first variant nibble: kept
	const step = BigInt(1 + Math.floor(Math.random() * 2 ** 24));
	const tail = (BigInt(`0x${hex.slice(17)}`) + step).toString(16).padStart(15, '0');
	if (tail.length > 15) throw new Error(`no id after ${previous} within its millisecond`);
	const next = head + tail;
	return `${next.slice(0, 8)}-${next.slice(8, 12)}-${next.slice(12, 16)}-${next.slice(16, 20)}-${next.slice(20)}`;
}
