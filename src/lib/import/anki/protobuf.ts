/**
 * Just enough of the protobuf wire format to read the few fields Rehearse needs from Anki's newer
 * collections and packages (a note type's kind, a template's question and answer, the media list, the
 * package's version). A generated decoder would bring a runtime and Anki's whole schema for five
 * fields; unknown fields are skipped, as protobuf intends, so newer Anki versions still read.
 */

/** A field's values by field number, in wire order: a varint as a number, anything else as its bytes. */
export type ProtoMessage = Map<number, (number | Uint8Array)[]>;

const utf8 = new TextDecoder();

/**
 * Splits one encoded message into its fields. Varints above 2^53 lose precision, which none of the
 * fields read here can reach. Throws on truncated or malformed input.
 *
 * @example decodeProto(new Uint8Array([0x08, 0x96, 0x01])).get(1) // [150]
 */
export function decodeProto(bytes: Uint8Array): ProtoMessage {
	const message: ProtoMessage = new Map();
	let at = 0;

	const varint = (): number => {
		let value = 0;
		let scale = 1;
		for (let i = 0; i < 10; i++) {
			if (at >= bytes.length) throw new Error('protobuf: a varint runs past the end');
			const byte = bytes[at++]!;
			value += (byte & 0x7f) * scale;
			if (byte < 0x80) return value;
			scale *= 128;
		}
		throw new Error('protobuf: a varint is longer than 10 bytes');
	};
	const take = (length: number): Uint8Array => {
		if (length > bytes.length - at) throw new Error('protobuf: a field runs past the end');
		const part = bytes.subarray(at, at + length);
		at += length;
		return part;
	};

	while (at < bytes.length) {
		const key = varint();
		const field = Math.floor(key / 8);
		const wireType = key % 8;
		if (field === 0) throw new Error('protobuf: field number 0');
		let value: number | Uint8Array;
		if (wireType === 0) value = varint();
		else if (wireType === 1) value = take(8);
		else if (wireType === 2) value = take(varint());
		else if (wireType === 5) value = take(4);
		else throw new Error(`protobuf: wire type ${wireType} is not supported`);
		const values = message.get(field);
		if (values) values.push(value);
		else message.set(field, [value]);
	}
	return message;
}

/** The last varint given for `field` (protobuf's rule for a repeated scalar), or `fallback` when absent. */
export function protoNumber(message: ProtoMessage, field: number, fallback = 0): number {
	const values = message.get(field);
	const last = values?.[values.length - 1];
	if (last === undefined) return fallback;
	if (typeof last !== 'number') throw new Error(`protobuf: field ${field} is not a varint`);
	return last;
}

/** The last string given for `field`, or `''` (protobuf's default) when absent. */
export function protoString(message: ProtoMessage, field: number): string {
	const values = message.get(field);
	const last = values?.[values.length - 1];
	if (last === undefined) return '';
	if (typeof last === 'number') throw new Error(`protobuf: field ${field} is not length-delimited`);
	return utf8.decode(last);
}

/** Every length-delimited value of a repeated `field` (e.g. embedded messages), in order. */
export function protoBytesList(message: ProtoMessage, field: number): Uint8Array[] {
	return (message.get(field) ?? []).map((value) => {
		if (typeof value === 'number') throw new Error(`protobuf: field ${field} is not length-delimited`);
		return value;
	});
}
