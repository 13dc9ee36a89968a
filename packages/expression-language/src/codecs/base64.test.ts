import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wellFormedText } from '../test-support/arbitraries.js';
import { base64Decode, base64Encode } from './base64.js';

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foobar', 'Zm9vYmFy'],
    ['한글', '7ZWc6riA'],
  ])('%s ↔ %s', (text, encoded) => {
    expect(base64Encode(text)).toBe(encoded);
    expect(base64Decode(encoded)).toBe(text);
  });

  it('decodes without padding', () => {
    expect(base64Decode('Zg')).toBe('f');
    expect(base64Decode('Zm8')).toBe('fo');
  });

  it('agrees with Node for any text', () => {
    fc.assert(
      fc.property(wellFormedText, (text) => {
        const encoded = base64Encode(text);
        return (
          encoded === Buffer.from(text, 'utf8').toString('base64') && base64Decode(encoded) === text
        );
      }),
    );
  });

  it.each(['Z', 'Zm9v!', 'Zg=', 'Z===', 'Zm 9v'])('refuses %s', (text) => {
    expect(() => base64Decode(text)).toThrow('is not valid Base64');
  });
});
