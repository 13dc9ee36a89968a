import { describe, expect, it } from 'vitest';
import { RegexSyntaxError, compileJavaRegex } from './java-regex.js';

const find = (pattern: string, text: string): boolean =>
  compileJavaRegex(pattern, 'find').regex.test(text);
const full = (pattern: string, text: string): boolean =>
  compileJavaRegex(pattern, 'full').regex.test(text);

describe('compileJavaRegex', () => {
  it('turns leading inline flags into JavaScript flags', () => {
    expect(compileJavaRegex('(?i)abc', 'find').regex.flags).toBe('i');
    expect(compileJavaRegex('(?is)a.c', 'global').regex.flags).toBe('gis');
    expect(compileJavaRegex('(?i)(?m)^a', 'find').regex.flags).toBe('im');
    expect(find('(?i)abc', 'xABCx')).toBe(true);
    expect(find('(?s)a.c', 'a\nc')).toBe(true);
    expect(find('a.c', 'a\nc')).toBe(false);
  });

  it('translates \\Q...\\E, \\A, \\z, \\Z and \\h', () => {
    expect(find('\\Q(a+)\\E', 'x(a+)')).toBe(true);
    expect(find('\\Q(a+)\\E', 'aa')).toBe(false);
    expect(find('(?m)\\Ab', 'a\nb')).toBe(false);
    expect(find('(?m)a\\z', 'a\nb')).toBe(false);
    expect(find('b\\Z', 'a\nb\n')).toBe(true);
    expect(find('a\\hb', 'a\u00a0b')).toBe(true);
  });

  it('translates POSIX classes and passes Unicode ones through', () => {
    expect(find('^\\p{Alpha}+$', 'abcXYZ')).toBe(true);
    expect(find('^[\\p{Digit}x]+$', '12x3')).toBe(true);
    expect(find('\\P{Digit}', '123')).toBe(false);
    expect(find('^\\p{L}+$', '한글')).toBe(true);
    expect(find('^\\p{IsAlphabetic}+$', 'abc')).toBe(true);
  });

  it("reads a ']' right after '[' as a literal, as Java does", () => {
    expect(find('[]a]', ']')).toBe(true);
    expect(find('[^]a]', ']')).toBe(false);
  });

  it('matches the whole text in full mode, whatever the alternation order', () => {
    expect(full('a|ab', 'ab')).toBe(true);
    expect(full('b', 'ab')).toBe(false);
    expect(full('(?m)^a$', 'a\nb')).toBe(false);
  });

  it('counts capture groups and names', () => {
    const regex = compileJavaRegex('(a)(?:b)(?<year>\\d+)', 'global');
    expect(regex.groupCount).toBe(2);
    expect([...regex.groupNames]).toEqual(['year']);
  });

  it('caches compiled patterns per mode', () => {
    expect(compileJavaRegex('x+', 'find')).toBe(compileJavaRegex('x+', 'find'));
    expect(compileJavaRegex('x+', 'find')).not.toBe(compileJavaRegex('x+', 'global'));
  });

  it.each([
    ['(', "invalid regular expression '(': Unterminated group"],
    ['a(?i)b', "invalid regular expression 'a(?i)b': Invalid group"],
    ['(?x) a', 'inline flag (?x) (comments) is not supported'],
    ['a\\', "'a\\' ends with a lone backslash"],
  ])('refuses %s', (pattern, message) => {
    expect(() => compileJavaRegex(pattern, 'find')).toThrow(RegexSyntaxError);
    expect(() => compileJavaRegex(pattern, 'find')).toThrow(message);
  });
});
