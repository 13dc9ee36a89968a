import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../flowfile/flowfile.js';
import { decodeOperations, encodeOperations } from './wal-codec.js';
import type { WalOperation } from './wal-operation.js';

const text = fc.string({ unit: 'binary', maxLength: 20 });
const record = fc.dictionary(text, text, { maxKeys: 6, noNullPrototype: true });

const flowFile: fc.Arbitrary<FlowFile> = fc.record(
  {
    id: text,
    attributes: record,
    claim: fc.option(fc.record({ file: text, offset: fc.nat(), length: fc.nat() }), { nil: null }),
    size: fc.nat(),
    entryDate: fc.nat(),
    lineageStartDate: fc.nat(),
    penalizedUntil: fc.nat(),
    queueOrder: fc.nat(),
  },
  {
    requiredKeys: [
      'id',
      'attributes',
      'claim',
      'size',
      'entryDate',
      'lineageStartDate',
      'penalizedUntil',
    ],
  },
);

const operation: fc.Arbitrary<WalOperation> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), queue: text, flowFile }),
  fc.record({ op: fc.constant('delete' as const), id: text }),
  fc.record({
    op: fc.constant('swapOut' as const),
    swap: fc.record(
      {
        file: text,
        queue: text,
        count: fc.nat(),
        bytes: fc.nat(),
        firstQueueOrder: fc.nat(),
        claimReferences: fc.dictionary(text, fc.nat(), { maxKeys: 3, noNullPrototype: true }),
      },
      { requiredKeys: ['file', 'queue', 'count', 'bytes', 'claimReferences'] },
    ),
    ids: fc.array(text, { maxLength: 5 }),
  }),
  fc.record({ op: fc.constant('swapIn' as const), queue: text, file: text }),
  fc.record({
    op: fc.constant('state' as const),
    component: text,
    state: fc.option(record, { nil: null }),
  }),
);

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

  it('refuses a record of the wrong shape with a reason', () => {
    expect(() => decodeOperations({})).toThrow(/not an array/);
    expect(() => decodeOperations([[9, 'x']])).toThrow(/unknown operation kind 9/);
    expect(() => decodeOperations([[0, 'q', ['id', {}, null, 'big', 0, 0, 0]]])).toThrow(
      /expected a number, got string/,
    );
  });
});
