import type { FlowFile } from '../../flowfile/flowfile.js';

/**
 * The lower-cased attribute values of a run of records as one string, records one after another
 * (values and records separated by NUL), with where each record starts. A filter then runs as
 * `indexOf` over one string per swap file, which V8 does natively, instead of a call per value;
 * and the string costs about a byte a character, where the records it stands for cost hundreds
 * of bytes each.
 */
export interface AttributeText {
  readonly text: string;
  /** Start of each record in `text`, then the end: `count + 1` offsets. */
  readonly starts: Uint32Array;
}

const SEPARATOR = '\u0000';

/** The text of every attribute value of each record, or of one attribute's. */
export function attributeText(
  records: readonly FlowFile[],
  attribute: string | undefined,
): AttributeText {
  const parts: string[] = new Array<string>(records.length);
  const starts = new Uint32Array(records.length + 1);
  let offset = 0;
  for (let i = 0; i < records.length; i++) {
    const attributes = records[i]!.attributes;
    let values: string;
    if (attribute === undefined) {
      values = '';
      const id = attributes['uuid'];
      for (const key in attributes) {
        const value = attributes[key]!;
        // The filename is often the uuid: searching one copy finds the same records.
        if (key === 'uuid' || value !== id) values += value + SEPARATOR;
      }
    } else {
      values = (attributes[attribute] ?? '') + SEPARATOR;
    }
    // Lower-cased record by record: lower-casing can change a string's length ('İ'), and the
    // offsets must be those of the lower-cased text.
    const lower = values.toLowerCase();
    starts[i] = offset;
    parts[i] = lower;
    offset += lower.length;
  }
  starts[records.length] = offset;
  return { text: parts.join(''), starts };
}

/** Indices of the records whose text contains `needle` (lower-cased, without NUL). */
export function searchText(haystack: AttributeText, needle: string): Uint32Array {
  const { text, starts } = haystack;
  const found: number[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    const record = recordAt(starts, at);
    found.push(record);
    // One hit is enough for a record: go on from the next one.
    from = starts[record + 1]!;
  }
  return Uint32Array.from(found);
}

/** The record holding text offset `at` (binary search over the starts). */
function recordAt(starts: Uint32Array, at: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** True when a needle can be searched in attribute text (NUL separates values there). */
export function searchable(needle: string): boolean {
  return !needle.includes(SEPARATOR);
}
