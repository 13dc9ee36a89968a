import { describe, expect, it } from 'vitest';
import { withAttributes, withContent, type FlowFile } from './flowfile.js';

const original: FlowFile = {
  id: 'ff-1',
  attributes: { uuid: 'ff-1', filename: 'a.txt' },
  claim: null,
  size: 0,
  entryDate: 10,
  lineageStartDate: 5,
  penalizedUntil: 20,
  queueOrder: 3,
};

describe('withContent', () => {
  it('replaces the content and keeps everything else, as a spread would', () => {
    // given
    const claim = { file: '1.claim', offset: 8, length: 4 };
    // when
    const next = withContent(original, claim, 4);
    // then
    expect(next).toStrictEqual({ ...original, claim, size: 4 });
    expect(original.claim).toBeNull();
  });

  it('sets the queue order when given, and leaves it out when there is none', () => {
    // given
    const { queueOrder: _dropped, ...unordered } = original;
    // when / then
    expect(withContent(original, null, 0, 9)).toStrictEqual({ ...original, queueOrder: 9 });
    expect(withContent(unordered, null, 0)).toStrictEqual(unordered);
    expect('queueOrder' in withContent(unordered, null, 0)).toBe(false);
  });
});

describe('withAttributes', () => {
  it('replaces the attributes and keeps everything else, as a spread would', () => {
    // given
    const attributes = { uuid: 'ff-1', filename: 'b.txt', extra: 'x' };
    const { queueOrder: _dropped, ...unordered } = original;
    // when / then
    expect(withAttributes(original, attributes)).toStrictEqual({ ...original, attributes });
    expect(withAttributes(unordered, attributes)).toStrictEqual({ ...unordered, attributes });
    expect(original.attributes).toStrictEqual({ uuid: 'ff-1', filename: 'a.txt' });
  });
});
