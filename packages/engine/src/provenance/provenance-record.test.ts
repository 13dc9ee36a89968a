import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeJsonFrame, FRAME_HEADER_BYTES } from '../repository/record-framing.js';
import {
  PROVENANCE_EVENT_TYPES,
  type NewProvenanceEvent,
  type ProvenanceEvent,
} from './provenance-event.js';
import { recordFilter } from './provenance-query.js';
import {
  decodeProvenanceRecord,
  encodeProvenanceRecord,
  PROVENANCE_RECORD_VERSION,
} from './provenance-record.js';

/** Any string, lone surrogates and non-ASCII included. */
const text = fc.string({ unit: 'binary', maxLength: 16 });
const id = fc.oneof(fc.constantFrom('ff-1', 'ff-2', 'ff-3'), text);
const attributes = fc.dictionary(fc.oneof(text, fc.constantFrom('__proto__', 'filename')), id, {
  maxKeys: 5,
  noNullPrototype: true,
});
const time = fc.oneof(
  fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  fc.nat(),
  fc.double(),
);
const count = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double());

const event: fc.Arbitrary<NewProvenanceEvent> = fc.record(
  {
    type: fc.constantFrom(...PROVENANCE_EVENT_TYPES),
    time,
    flowFileId: id,
    componentId: fc.oneof(fc.constantFrom('generate', 'replace'), text),
    componentType: fc.constantFrom('GenerateFlowFile', 'ReplaceText'),
    attributes,
    previousAttributes: attributes,
    size: count,
    contentClaim: fc.option(fc.record({ file: text, offset: count, length: count }), {
      nil: null,
    }),
    lineageStartDate: time,
    previousContentClaim: fc.record({ file: text, offset: count, length: count }),
    parentIds: fc.array(id, { maxLength: 3 }),
    childIds: fc.array(id, { maxLength: 3 }),
    relationship: text,
    details: text,
    transitUri: text,
    durationMs: count,
  },
  {
    requiredKeys: [
      'type',
      'time',
      'flowFileId',
      'componentId',
      'componentType',
      'attributes',
      'size',
      'contentClaim',
      'lineageStartDate',
    ],
  },
);

function payloadOf(frame: Buffer): Buffer {
  return frame.subarray(FRAME_HEADER_BYTES);
}

function withIds(firstEventId: number, events: readonly NewProvenanceEvent[]): ProvenanceEvent[] {
  return events.map((e, i) => ({ ...e, eventId: firstEventId + i }));
}

/** The events of one W1 flowfile as ReplaceText's session records them. */
function replaceEvents(flowFileId: string): NewProvenanceEvent[] {
  const base = {
    time: 1_764_150_000_123,
    flowFileId,
    componentId: 'replace',
    componentType: 'ReplaceText',
    attributes: { uuid: flowFileId, filename: flowFileId, path: './' },
    size: 1067,
    contentClaim: { file: '42.claim', offset: 1067, length: 1067 },
    lineageStartDate: 1_764_150_000_100,
  };
  return [
    { ...base, type: 'CONTENT_MODIFIED' },
    {
      ...base,
      type: 'DROP',
      details: 'Auto-terminated by success relationship',
      relationship: 'success',
    },
  ];
}

describe('provenance records, format version 2', () => {
  it('decodes exactly what it encoded, ids included, for any events', () => {
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.array(event, { minLength: 1, maxLength: 12 }),
        (firstId, events) => {
          // given ids that stay safe integers
          const firstEventId = Math.min(firstId, Number.MAX_SAFE_INTEGER - events.length);

          // when
          const decoded = decodeProvenanceRecord(
            payloadOf(encodeProvenanceRecord(firstEventId, events)),
          );

          // then
          expect(decoded).toEqual(withIds(firstEventId, events));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('still reads version 1 records (a JSON array of events)', () => {
    // given a record as version 1 wrote it
    const events = withIds(7, replaceEvents('f1'));
    const payload = payloadOf(encodeJsonFrame(events));

    // when / then
    expect(payload[0]).toBe('['.charCodeAt(0));
    expect(decodeProvenanceRecord(payload)).toEqual(events);
  });

  it('refuses a record cut anywhere short', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), fc.nat(), (events, cut) => {
        // given
        const payload = payloadOf(encodeProvenanceRecord(1, events));

        // when / then
        const end = Math.max(1, cut % payload.length);
        expect(() => decodeProvenanceRecord(payload.subarray(0, end))).toThrow();
      }),
    );
  });

  it('stores each flowfile id and attribute map once per record', () => {
    // given 1,000 flowfiles' CONTENT_MODIFIED and DROP
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `0b8f7c1e-4a2d-4f7a-9c3e-${String(i).padStart(12, '0')}`,
    );
    const events = ids.flatMap(replaceEvents);

    // when
    const binary = encodeProvenanceRecord(1, events);
    const json = encodeJsonFrame(withIds(1, events));

    // then
    expect(binary.length).toBeLessThan(json.length / 8);
    expect(decodeProvenanceRecord(payloadOf(binary))).toEqual(withIds(1, events));
  });

  it('lets a query skip records by their raw bytes without missing a match, in both versions', () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 8 }),
        fc.record(
          {
            flowFileId: id,
            componentId: fc.constantFrom('generate', 'replace'),
            filename: fc.oneof(text, fc.constantFrom('ff', '-1', 'é')),
            types: fc.subarray([...PROVENANCE_EVENT_TYPES], { minLength: 1 }),
          },
          { requiredKeys: [] },
        ),
        (events, query) => {
          // given a record of each version, and whether one of its events matches the query
          const matches = events.some(
            (e) =>
              (query.flowFileId === undefined || e.flowFileId === query.flowFileId) &&
              (query.componentId === undefined || e.componentId === query.componentId) &&
              (query.filename === undefined ||
                (e.attributes['filename']?.includes(query.filename) ?? false)) &&
              (query.types === undefined || query.types.includes(e.type)),
          );
          const binary = payloadOf(encodeProvenanceRecord(1, events));
          const json = payloadOf(encodeJsonFrame(withIds(1, events)));

          // when
          const accept = recordFilter(query);

          // then a record holding a match is never skipped
          if (accept !== undefined && matches) {
            expect(accept(binary)).toBe(true);
            expect(accept(json)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips a binary record by its type mask and ids', () => {
    // given
    const payload = payloadOf(encodeProvenanceRecord(1, replaceEvents('f1')));

    // when / then
    expect(payload[0]).toBe(PROVENANCE_RECORD_VERSION);
    expect(recordFilter({ types: ['DROP'] })!(payload)).toBe(true);
    expect(recordFilter({ types: ['CREATE', 'FORK'] })!(payload)).toBe(false);
    expect(recordFilter({ flowFileId: 'f1' })!(payload)).toBe(true);
    expect(recordFilter({ flowFileId: 'f2' })!(payload)).toBe(false);
    expect(recordFilter({ componentId: 'generate' })!(payload)).toBe(false);
    expect(recordFilter({ filename: 'f1' })!(payload)).toBe(true);
    expect(recordFilter({ filename: 'f2' })!(payload)).toBe(false);
  });

  it('finds a filename inside a value stored as UTF-16 (one with a lone surrogate)', () => {
    // given
    const [modified] = replaceEvents('f1');
    const odd = { ...modified!, attributes: { filename: 'report-\uD800.txt' } };
    const payload = payloadOf(encodeProvenanceRecord(1, [odd]));

    // when / then
    expect(recordFilter({ filename: 'report' })!(payload)).toBe(true);
    expect(recordFilter({ filename: 'invoice' })!(payload)).toBe(false);
  });

  it('reads the input content claim of an event, written as the last field', () => {
    // given a CONTENT_MODIFIED with its input content, between events without one
    const [modified, dropped] = replaceEvents('f1');
    const input = { file: '41.claim', offset: 12, length: 6 };
    const events = [dropped!, { ...modified!, previousContentClaim: input }, dropped!];

    // when
    const decoded = decodeProvenanceRecord(payloadOf(encodeProvenanceRecord(3, events)));

    // then
    expect(decoded.map((e) => e.previousContentClaim)).toEqual([undefined, input, undefined]);
  });
});
