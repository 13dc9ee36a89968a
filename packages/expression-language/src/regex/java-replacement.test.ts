import { describe, expect, it } from 'vitest';
import { RegexSyntaxError, compileJavaRegex } from './java-regex.js';
import { translateJavaReplacement } from './java-replacement.js';

function replaceAll(text: string, pattern: string, replacement: string): string {
  const regex = compileJavaRegex(pattern, 'g');
  return text.replace(regex.regex, translateJavaReplacement(replacement, regex));
}

describe('translateJavaReplacement', () => {
  it.each([
    ['abc', '(b)', '[$1]', 'a[b]c'],
    ['abc', 'b', '[$0]', 'a[b]c'],
    ['abc', '(b)', '$10', 'ab0c'],
    ['abcdefghijkl', '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)', '$11$1', 'kal'],
    ['abc', '(?<mid>b)', '<${mid}>', 'a<b>c'],
    ['abc', 'b', '\\$1', 'a$1c'],
    ['abc', 'b', '\\\\', 'a\\c'],
    ['abc', '(x)?b', '[$1]', 'a[]c'],
  ])('%s with %s → %s gives %s', (text, pattern, replacement, expected) => {
    expect(replaceAll(text, pattern, replacement)).toBe(expected);
  });

  it('keeps JavaScript-only specials literal', () => {
    expect(replaceAll('abc', 'b', "\\$&\\$'")).toBe("a$&$'c");
  });

  it.each([
    ['(a)', '$2', "replacement '$2' refers to group 2 but the regex has 1"],
    [
      'a',
      '$$',
      "replacement '$$' has '$' without a group number; write '\\$' for a literal dollar",
    ],
    [
      'a',
      '$x',
      "replacement '$x' has '$' without a group number; write '\\$' for a literal dollar",
    ],
    ['a', 'x\\', "replacement 'x\\' ends with a lone backslash"],
    ['(a)', '${name}', "replacement '${name}' refers to a group named 'name' the regex lacks"],
  ])('refuses %s → %s', (pattern, replacement, message) => {
    const regex = compileJavaRegex(pattern, 'g');
    expect(() => translateJavaReplacement(replacement, regex)).toThrow(RegexSyntaxError);
    expect(() => translateJavaReplacement(replacement, regex)).toThrow(message);
  });
});
