import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordEncoder, unzigzag, zigzag } from './binary-record.js';
import { RecordDecoder } from './record-decoder.js';
import { FRAME_HEADER_BYTES } from './record-framing.js';

/** Encodes with `write`, then reads the tables back and returns a decoder at the body. */
function roundTrip(write: (encoder: RecordEncoder) => void): RecordDecoder {
  const encoder = new RecordEncoder();
  encoder.begin();
  write(encoder);
  const decoder = new RecordDecoder(encoder.frame(9).subarray(FRAME_HEADER_BYTES));
  expect(decoder.version).toBe(9);
  decoder.readTables();
  return decoder;
}

describe('binary records', () => {
  it('reads back every integer, float, string and map it wrote', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('uint' as const), value: fc.maxSafeNat() }),
            fc.record({
              kind: fc.constant('uint' as const),
              value: fc.constantFrom(
                0,
                127,
                128,
                2 ** 28 - 1,
                2 ** 28,
                2 ** 31,
                2 ** 32,
                2 ** 53 - 1,
              ),
            }),
            fc.record({ kind: fc.constant('f64' as const), value: fc.double() }),
            fc.record({ kind: fc.constant('str' as const), value: fc.string({ unit: 'binary' }) }),
            fc.record({
              kind: fc.constant('map' as const),
              value: fc.dictionary(fc.string({ unit: 'binary' }), fc.string(), {
                maxKeys: 4,
                noNullPrototype: true,
              }),
            }),
          ),
          { maxLength: 30 },
        ),
        (items) => {
          // given / when
          const decoder = roundTrip((encoder) => {
            for (const item of items) {
              if (item.kind === 'map') encoder.map(item.value);
              else if (item.kind === 'str') encoder.str(item.value);
              else encoder[item.kind](item.value);
            }
          });

          // then
          for (const item of items) {
            const read =
              item.kind === 'map'
                ? decoder.map()
                : item.kind === 'str'
                  ? decoder.str()
                  : decoder[item.kind]();
            expect(read).toEqual(item.value);
          }
          expect(decoder.done).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stores a repeated string or map once, and a map of many pairs whole', () => {
    // given a map past one byte of pair count, and text UTF-8 cannot carry alone
    const big = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, `v${i % 7}`]));
    const odd = 'lone \ud800 surrogate, ünïcödé, 한글';

    // when
    const decoder = roundTrip((encoder) => {
      for (let i = 0; i < 3; i++) {
        encoder.map(big);
        encoder.str(odd);
      }
    });

    // then
    for (let i = 0; i < 3; i++) {
      expect(decoder.map()).toEqual(big);
      expect(decoder.str()).toBe(odd);
    }
    expect(decoder.done).toBe(true);
  });

  it('zigzag maps signed differences to unsigned varints and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52) + 1, max: 2 ** 52 - 1 }), (n) => {
        expect(unzigzag(zigzag(n))).toBe(n);
        expect(zigzag(n)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
      }),
    );
  });

  it('throws on references and counts the record does not hold', () => {
    // given
    const decoder = roundTrip((encoder) => encoder.uint(5));

    // when / then
    expect(() => decoder.str()).toThrow(/string 5 is not in the record's table/);
    expect(() => decoder.uint()).toThrow(/ends early/);
  });
});
