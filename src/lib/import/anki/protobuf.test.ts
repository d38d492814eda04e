import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { encodeMessage, type Field } from './fixtures';
import { decodeProto, protoBytesList, protoNumber, protoString } from './protobuf';

describe('decodeProto', () => {
	test('reads the examples of the protobuf encoding guide, written out by hand', () => {
		// Field 1 = 150; field 2 = "testing"; field 3 = embedded { field 1 = 150 }.
		const bytes = new Uint8Array([
			0x08, 0x96, 0x01, 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67, 0x1a, 0x03, 0x08, 0x96, 0x01
		]);
		const message = decodeProto(bytes);
		expect(protoNumber(message, 1)).toBe(150);
		expect(protoString(message, 2)).toBe('testing');
		expect(protoNumber(decodeProto(protoBytesList(message, 3)[0]!), 1)).toBe(150);
	});

	test('gives the defaults for absent fields, as proto3 omits them', () => {
		const message = decodeProto(new Uint8Array(0));
		expect(protoNumber(message, 1)).toBe(0);
		expect(protoNumber(message, 1, 7)).toBe(7);
		expect(protoString(message, 2)).toBe('');
		expect(protoBytesList(message, 3)).toEqual([]);
	});

	test('skips 64-bit and 32-bit fields and reads a field number that takes two bytes', () => {
		const bytes = new Uint8Array([
			...[0x09, 1, 2, 3, 4, 5, 6, 7, 8], // field 1, fixed64
			...[0x15, 1, 2, 3, 4], // field 2, fixed32
			...[0xfa, 0x0f, 0x02, 0xaa, 0xbb], // field 255, 2 bytes
			...[0x20, 0x01] // field 4 = 1
		]);
		const message = decodeProto(bytes);
		expect(protoNumber(message, 4)).toBe(1);
		expect(protoBytesList(message, 255)).toEqual([new Uint8Array([0xaa, 0xbb])]);
	});

	test('reads varints up to 2^53 exactly', () => {
		const big = 2 ** 53 - 1;
		expect(protoNumber(decodeProto(encodeMessage([[1, big]])), 1)).toBe(big);
		expect(protoNumber(decodeProto(encodeMessage([[1, 1_700_000_000_123]])), 1)).toBe(1_700_000_000_123);
	});

	test('keeps every value of a repeated field in order, and the last one for a scalar', () => {
		const message = decodeProto(
			encodeMessage([
				[1, 'a'],
				[2, 5],
				[1, 'b'],
				[2, 6]
			])
		);
		expect(protoBytesList(message, 1).map((b) => new TextDecoder().decode(b))).toEqual(['a', 'b']);
		expect(protoNumber(message, 2)).toBe(6);
	});

	test.each([
		['a varint cut short', [0x08, 0x96]],
		['a length past the end', [0x12, 0x07, 0x74]],
		['a group (wire type 3)', [0x0b]],
		['field number 0', [0x00, 0x01]],
		['an 11-byte varint', [0x08, ...Array<number>(10).fill(0xff), 0x01]]
	])('throws on %s', (_, bytes) => {
		expect(() => decodeProto(new Uint8Array(bytes))).toThrow(/protobuf/);
	});

	test('throws when a field has the wrong wire type for what is asked', () => {
		const message = decodeProto(encodeMessage([[1, 'text']]));
		expect(() => protoNumber(message, 1)).toThrow(/not a varint/);
		expect(() => protoString(decodeProto(encodeMessage([[1, 3]])), 1)).toThrow(/not length-delimited/);
	});

	test('reads back whatever the fixture writer writes', () => {
		const field = fc.tuple(
			fc.integer({ min: 1, max: 2 ** 29 - 1 }),
			fc.oneof(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.string(), fc.uint8Array({ maxLength: 40 }))
		);
		fc.assert(
			fc.property(fc.array(field, { maxLength: 12 }), (fields) => {
				const message = decodeProto(encodeMessage(fields as Field[]));
				for (const [number, value] of fields) {
					const values = message.get(number)!;
					const written = fields.filter(([n]) => n === number).map(([, v]) => v);
					expect(values).toHaveLength(written.length);
					const index = written.indexOf(value);
					const read = values[index]!;
					if (typeof value === 'number') expect(read).toBe(value);
					else if (typeof value === 'string')
						expect(new TextDecoder().decode(read as Uint8Array)).toBe(value);
					else expect(read).toEqual(value);
				}
			})
		);
	});
});
