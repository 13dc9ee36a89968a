import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walArbitraries } from '../test-support/wal-arbitraries.js';
import { decodeOperations, encodeOperations } from './wal-codec.js';

const { operation } = walArbitraries();

describe('WAL codec', () => {
  it('decodes exactly what it encoded, for any operations', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 10 }), (operations) => {
        // given / when
        const decoded = decodeOperations(JSON.parse(JSON.stringify(encodeOperations(operations))));

        // then
        expect(decoded).toEqual(operations);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a claim file named __proto__ as a plain key (found by the property above)', () => {
    const operations = [
      {
        op: 'swapOut',
        swap: {
          file: '',
          queue: '',
          count: 0,
          bytes: 0,
          claimReferences: Object.fromEntries([['__proto__', 2]]),
        },
        ids: [],
      },
    ] as Parameters<typeof encodeOperations>[0];
    const decoded = decodeOperations(JSON.parse(JSON.stringify(encodeOperations(operations))));
    expect(decoded).toEqual(operations);
  });

  it('refuses a record of the wrong shape with a reason', () => {
    expect(() => decodeOperations({})).toThrow(/not an array/);
    expect(() => decodeOperations([[9, 'x']])).toThrow(/unknown operation kind 9/);
    expect(() => decodeOperations([[0, 'q', ['id', {}, null, 'big', 0, 0, 0]]])).toThrow(
      /expected a number, got string/,
    );
  });
});
