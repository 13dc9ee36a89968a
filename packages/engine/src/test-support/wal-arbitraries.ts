import fc from 'fast-check';
import type { FlowFile } from '../flowfile/flowfile.js';
import type { WalOperation } from '../repository/wal-operation.js';

/** Any string, lone surrogates and non-ASCII included. */
export const anyText = fc.string({ unit: 'binary', maxLength: 20 });

/** What the generated numbers and attribute keys may be: each codec says what it must carry. */
export interface WalArbitraryOptions {
  readonly number?: fc.Arbitrary<number>;
  readonly key?: fc.Arbitrary<string>;
  /** Queue names for puts (besides any text). */
  readonly queue?: fc.Arbitrary<string>;
}

/** Flowfiles and WAL operations for the property tests of the WAL codecs. */
export function walArbitraries(options: WalArbitraryOptions = {}) {
  const number = options.number ?? fc.nat();
  const record = fc.dictionary(options.key ?? anyText, anyText, {
    maxKeys: 6,
    noNullPrototype: true,
  });
  const flowFile: fc.Arbitrary<FlowFile> = fc.record(
    {
      id: anyText,
      attributes: record,
      claim: fc.option(fc.record({ file: anyText, offset: number, length: number }), {
        nil: null,
      }),
      size: number,
      entryDate: number,
      lineageStartDate: number,
      penalizedUntil: number,
      queueOrder: number,
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
    fc.record({ op: fc.constant('put' as const), queue: options.queue ?? anyText, flowFile }),
    fc.record({ op: fc.constant('put' as const), queue: anyText, flowFile }),
    fc.record({ op: fc.constant('delete' as const), id: anyText }),
    fc.record({
      op: fc.constant('swapOut' as const),
      swap: fc.record(
        {
          file: anyText,
          queue: anyText,
          count: fc.nat(),
          bytes: fc.nat(),
          firstQueueOrder: fc.nat(),
          claimReferences: fc.dictionary(anyText, fc.nat(), { maxKeys: 3, noNullPrototype: true }),
        },
        { requiredKeys: ['file', 'queue', 'count', 'bytes', 'claimReferences'] },
      ),
      ids: fc.array(anyText, { maxLength: 5 }),
    }),
    fc.record({ op: fc.constant('swapIn' as const), queue: anyText, file: anyText }),
    fc.record({
      op: fc.constant('state' as const),
      component: anyText,
      state: fc.option(record, { nil: null }),
    }),
  );
  return { record, flowFile, operation };
}
