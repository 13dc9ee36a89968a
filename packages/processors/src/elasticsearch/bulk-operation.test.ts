import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulkLines, indexOperationOf, type BulkOperation } from './bulk-operation.js';

const op = (changes: Partial<BulkOperation>): BulkOperation => ({
  operation: 'index',
  index: 'logs',
  id: undefined,
  headerFields: {},
  document: '{"a":1}',
  ...changes,
});

describe('bulkLines', () => {
  it('puts any JSON object, however printed, on one line that parses back to the same value', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.constantFrom(0, 2, '\t'),
        fc.boolean(),
        (document, indent, crlf) => {
          const printed = JSON.stringify(document, null, indent);
          const text = crlf ? printed.replaceAll('\n', '\r\n') : printed;
          const [, line] = bulkLines(op({ document: text }));
          expect(line).not.toMatch(/[\r\n]/);
          expect(JSON.parse(line!)).toEqual(JSON.parse(JSON.stringify(document)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes each operation as the bulk API expects', () => {
    expect(bulkLines(op({ operation: 'create', id: '7' }))).toEqual([
      '{"create":{"_index":"logs","_id":"7"}}',
      '{"a":1}',
    ]);
    expect(bulkLines(op({ operation: 'update', id: '7' }))).toEqual([
      '{"update":{"_index":"logs","_id":"7"}}',
      '{"doc":{"a":1}}',
    ]);
    expect(bulkLines(op({ operation: 'upsert', id: '7' }))).toEqual([
      '{"update":{"_index":"logs","_id":"7"}}',
      '{"doc":{"a":1},"doc_as_upsert":true}',
    ]);
    expect(bulkLines(op({ operation: 'delete', id: '7' }))).toEqual([
      '{"delete":{"_index":"logs","_id":"7"}}',
    ]);
  });

  it('adds BULK: header fields after _index and _id, never replacing them, and skips blank ones', () => {
    const headerFields = Object.fromEntries([
      ['routing', 'acme'],
      ['_id', 'other'],
      ['pipeline', ' '],
      ['__proto__', 'y'],
    ]) as Record<string, string>;

    const [action] = bulkLines(op({ id: '7', headerFields }));

    expect(action).toBe('{"index":{"_index":"logs","_id":"7","routing":"acme","__proto__":"y"}}');
  });
});

describe('indexOperationOf', () => {
  it('reads the operations case-insensitively, as NiFi does', () => {
    expect(indexOperationOf(' UpSert ')).toBe('upsert');
    expect(indexOperationOf('merge')).toBeUndefined();
  });
});
