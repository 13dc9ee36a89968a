import { describe, expect, it } from 'vitest';
import { compileJavaRegex, javaFullMatcher, RegexSyntaxError } from './java-regex.js';

function replaceAll(pattern: string, text: string, replacement: string): string {
  return text.replace(compileJavaRegex(pattern, 'g').regex, replacement);
}

describe('compileJavaRegex', () => {
  it('turns leading inline flags into JavaScript flags', () => {
    expect(compileJavaRegex('(?is)a.b').regex.flags).toBe('is');
    expect(compileJavaRegex('(?i)(?m)^x').regex.flags).toBe('im');
  });

  it('counts capturing groups, named ones included, but not the non-capturing', () => {
    expect(compileJavaRegex('(a)(?:b)(?<name>c)(?=d)').groupCount).toBe(2);
  });

  it("gives $ Java's meaning: before a final line terminator too", () => {
    expect(replaceAll('b$', 'ab\n', 'X')).toBe('aX\n');
    expect(replaceAll('b$', 'ab\r\n', 'X')).toBe('aX\r\n');
    expect(replaceAll('b$', 'ab\nc', 'X')).toBe('ab\nc');
    expect(replaceAll('(?m)b$', 'ab\nc', 'X')).toBe('aX\nc');
  });

  it('translates \\A, \\z, \\Z, \\Q...\\E, \\h, \\R and POSIX classes', () => {
    expect(replaceAll('(?m)\\A^x', 'x\nx', 'Y')).toBe('Y\nx');
    expect(replaceAll('x\\z', 'x\nx', 'Y')).toBe('x\nY');
    expect(replaceAll('\\Qa.b(\\E', 'a.b( axb(', 'Y')).toBe('Y axb(');
    expect(replaceAll('\\h+', 'a \t b', '_')).toBe('a_b');
    expect(replaceAll('\\R', 'a\r\nb\nc', '|')).toBe('a|b|c');
    expect(replaceAll('\\p{Punct}+', 'a.,!b', '')).toBe('ab');
    expect(replaceAll('[\\p{Digit}x]', 'a1x', '_')).toBe('a__');
  });

  it('keeps Unicode categories with the u flag', () => {
    expect(replaceAll('\\p{L}+', '한글 abc 123', 'W')).toBe('W W 123');
  });

  it('reads a ] right after [ as a literal, as Java does', () => {
    expect(replaceAll('[]a]', 'x]a', '_')).toBe('x__');
  });

  it.each([
    ['a++', /possessive/],
    ['(?>a)', /atomic groups/],
    ['a(?i)b', /only supported at the start/],
    ['[a-z&&[^e]]', /nested character classes|intersections/],
    ['(?x) a b', /comments mode/],
    ['\\G', /\\G/],
    ['(unclosed', /not a valid regular expression/],
  ])('refuses %s with a message saying why', (pattern, message) => {
    expect(() => compileJavaRegex(pattern)).toThrow(RegexSyntaxError);
    expect(() => compileJavaRegex(pattern)).toThrow(message);
  });
});

describe('javaFullMatcher', () => {
  it("matches the whole input only, as Java's Matcher.matches()", () => {
    const matches = javaFullMatcher('tmp\\..*|a|ab');
    expect(matches('tmp.x')).toBe(true);
    expect(matches('ab')).toBe(true);
    expect(matches('xtmp.x')).toBe(false);
    expect(matches('abc')).toBe(false);
  });
});
