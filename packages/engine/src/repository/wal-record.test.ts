import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, walArbitraries } from '../test-support/wal-arbitraries.js';
import { encodeFrame, encodeJsonFrame, FRAME_HEADER_BYTES } from './record-framing.js';
import { encodeOperations } from './wal-codec.js';
import type { WalOperation } from './wal-operation.js';
import { decodeWalRecord, encodeWalRecord, WAL_RECORD_VERSION } from './wal-record.js';

/** Keys include `__proto__`, which must stay an ordinary key. */
const key = fc.oneof(anyText, fc.constant('__proto__'));
/** Mostly the integers real flowfiles have; sometimes anything a number can be. */
const number = fc.oneof(
  fc.nat(),
  fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  fc.maxSafeNat(),
  fc.double(),
);
const queue = fc.constantFrom('q1', 'q2', 'a queue with a longer name');
const { operation } = walArbitraries({ number, key, queue });

function payloadOf(frame: Buffer): Buffer {
  return frame.subarray(FRAME_HEADER_BYTES);
}

/** A commit as the session makes them: flowfiles of one batch, into one queue. */
function batch(count: number): WalOperation[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `0b8f7c1e-4a2d-4f7a-9c3e-${String(i).padStart(12, '0')}`;
    return {
      op: 'put',
      queue: 'c7d1e2f0-1111-2222-3333-444455556666',
      flowFile: {
        id,
        attributes: { uuid: id, filename: id, path: './' },
        claim: { file: '17.claim', offset: 2048, length: 1024 },
        size: 1024,
        entryDate: 1_764_150_000_000,
        lineageStartDate: 1_764_150_000_000,
        penalizedUntil: 0,
        queueOrder: 1_764_150_000_000_000 + i,
      },
    };
  });
}

describe('WAL records, format version 2', () => {
  it('decodes exactly what it encoded, for any operations', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 12 }), (operations) => {
        // given / when
        const decoded = decodeWalRecord(payloadOf(encodeWalRecord(operations)));

        // then
        expect(decoded).toEqual(operations);
        for (const [i, op] of decoded.entries()) {
          const original = operations[i]!;
          if (op.op === 'put' && original.op === 'put') {
            // Own keys only: `__proto__` is an attribute, not the prototype.
            expect(Object.keys(op.flowFile.attributes)).toEqual(
              Object.keys(original.flowFile.attributes),
            );
            expect(Object.getPrototypeOf(op.flowFile.attributes)).toBe(Object.prototype);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('still reads version 1 records (JSON tuples), so logs written before stay readable', () => {
    fc.assert(
      fc.property(
        fc.array(
          operation.filter(
            // JSON has no NaN or Infinity: version 1 never held them.
            (op) => op.op !== 'put' || JSON.stringify(op).match(/null/) === null,
          ),
          { maxLength: 8 },
        ),
        (operations) => {
          // given a record as version 1 wrote it
          const frame = encodeJsonFrame(encodeOperations(operations));

          // when / then
          expect(decodeWalRecord(payloadOf(frame))).toEqual(JSON.parse(JSON.stringify(operations)));
        },
      ),
    );
  });

  it('refuses a record cut anywhere short, and one with bytes after its end', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (operations, cut) => {
          // given
          const payload = payloadOf(encodeWalRecord(operations));
          const end = cut % payload.length;

          // when / then: a shorter record is damage, never a smaller set of operations
          expect(() => decodeWalRecord(payload.subarray(0, Math.max(1, end)))).toThrow();
          expect(() => decodeWalRecord(Buffer.concat([payload, Buffer.from([0])]))).toThrow(
            /bytes after the last operation/,
          );
        },
      ),
    );
  });

  it('refuses damaged tables and kinds with a reason', () => {
    // given
    const payload = payloadOf(encodeWalRecord([{ op: 'delete', id: 'a' }]));

    // when an operation kind is damaged
    const badKind = Buffer.from(payload);
    badKind[badKind.length - 2] = 9;

    // then
    expect(() => decodeWalRecord(badKind)).toThrow(/unknown operation kind 9/);
    expect(() => decodeWalRecord(Buffer.from([WAL_RECORD_VERSION, 100]))).toThrow(
      /exceeds the record/,
    );
  });

  it('is a fraction of the size of version 1 for a session of 1,000 flowfiles', () => {
    // given
    const operations = batch(1000);

    // when
    const binary = encodeWalRecord(operations);
    const json = encodeJsonFrame(encodeOperations(operations));

    // then: every id once, dates and queue orders as small differences
    expect(binary.length).toBeLessThan(json.length / 3);
    expect(decodeWalRecord(payloadOf(binary))).toEqual(operations);
  });

  it('frames records like every other record of the repositories', () => {
    // given
    const frame = encodeWalRecord(batch(3));

    // when re-framed from its payload
    const reframed = encodeFrame(payloadOf(frame));

    // then the header (length, checksums) is the standard one
    expect(reframed.equals(frame)).toBe(true);
  });
});
