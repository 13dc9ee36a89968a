import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../flowfile/flowfile.js';
import { attributeText, searchText } from './attribute-text.js';
import { matcherOf } from './listing-filter.js';

const record = (attributes: Record<string, string>): FlowFile => ({
  id: attributes['uuid'] ?? 'x',
  attributes,
  claim: null,
  size: 0,
  entryDate: 0,
  lineageStartDate: 0,
  penalizedUntil: 0,
});

describe('attribute text', () => {
  const records = [
    record({ filename: 'Report.CSV', kind: 'daily' }),
    record({ filename: 'notes.txt' }),
    record({ filename: 'weekly.csv', kind: 'report' }),
  ];

  it('finds records by any value, ignoring case, each record once', () => {
    expect([...searchText(attributeText(records, undefined), 'report')]).toEqual([0, 2]);
    expect([...searchText(attributeText(records, undefined), '.csv')]).toEqual([0, 2]);
  });

  it('finds records by one attribute only', () => {
    expect([...searchText(attributeText(records, 'kind'), 'report')]).toEqual([2]);
    expect([...searchText(attributeText(records, 'kind'), 'notes')]).toEqual([]);
  });

  it('never matches across two values', () => {
    expect([...searchText(attributeText(records, undefined), 'csvdaily')]).toEqual([]);
  });

  it('agrees with the record-by-record matcher', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'İ', 'ß', '-'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c'), value), { maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'i', '-'), minLength: 1, maxLength: 3 }),
        fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
        (attributes, text, attribute) => {
          const all = attributes.map(record);
          const matcher = matcherOf({ text, ...(attribute ? { attribute } : {}) })!;
          const expected = all.flatMap((r, i) => (matcher(r.attributes) ? [i] : []));
          expect([...searchText(attributeText(all, attribute), text.toLowerCase())]).toEqual(
            expected,
          );
        },
      ),
    );
  });
});
