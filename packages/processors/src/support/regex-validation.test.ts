import { describe, expect, it } from 'vitest';
import { validJavaRegex } from './regex-validation.js';

describe('validJavaRegex', () => {
  it('accepts a Java regex, inline flags included', () => {
    expect(validJavaRegex('(?i)[^\\.].*\\.csv')).toBeUndefined();
  });

  it('explains an invalid expression', () => {
    expect(validJavaRegex('a(b')).toMatch(
      /^is not usable: 'a\(b' is not a valid regular expression/,
    );
    expect(validJavaRegex('a|b')).toBeUndefined();
  });

  it('explains a Java construct JavaScript cannot run', () => {
    expect(validJavaRegex('a++')).toMatch(/^is not usable: .*possessive/);
  });
});
