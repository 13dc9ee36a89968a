import { describe, expect, it } from 'vitest';
import {
  RegexSyntaxError,
  compileJavaFullMatch,
  compileJavaRegex,
  javaFullMatcher,
  javaRegexProblem,
  quoteRegex,
} from './java-regex.js';

const find = (pattern: string, text: string): boolean => compileJavaRegex(pattern).regex.test(text);
const full = (pattern: string, text: string): boolean =>
  compileJavaFullMatch(pattern).regex.test(text);

function replaceAll(pattern: string, text: string, replacement: string): string {
  return text.replace(compileJavaRegex(pattern, 'g').regex, replacement);
}

describe('compileJavaRegex', () => {
  it('turns leading inline flags into JavaScript flags', () => {
    expect(compileJavaRegex('(?i)abc').regex.flags).toBe('i');
    expect(compileJavaRegex('(?is)a.c', 'g').regex.flags).toBe('gis');
    expect(compileJavaRegex('(?is)a.b').regex.flags).toBe('is');
    expect(compileJavaRegex('(?i)(?m)^a').regex.flags).toBe('im');
    expect(compileJavaRegex('(?i-s)a').regex.flags).toBe('i');
    expect(find('(?i)abc', 'xABCx')).toBe(true);
    expect(find('(?s)a.c', 'a\nc')).toBe(true);
    expect(find('a.c', 'a\nc')).toBe(false);
  });

  it('counts capturing groups, named ones included, but not the non-capturing', () => {
    expect(compileJavaRegex('(a)(?:b)(?<name>c)(?=d)').groupCount).toBe(2);
  });

  it('counts capture groups and names', () => {
    const regex = compileJavaRegex('(a)(?:b)(?<year>\\d+)', 'g');
    expect(regex.groupCount).toBe(2);
    expect([...regex.groupNames]).toEqual(['year']);
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
    expect(find('^\\p{IsLatin}+$', 'abc')).toBe(true);
    expect(find('^\\p{IsLatin}+$', 'αβγ')).toBe(false);
  });

  it('keeps Unicode categories with the u flag', () => {
    expect(replaceAll('\\p{L}+', '한글 abc 123', 'W')).toBe('W W 123');
  });

  it('reads a ] right after [ as a literal, as Java does', () => {
    expect(replaceAll('[]a]', 'x]a', '_')).toBe('x__');
    expect(find('[]a]', ']')).toBe(true);
    expect(find('[^]a]', ']')).toBe(false);
  });

  it.each([
    ['a++', /possessive/],
    ['(?>a)', /atomic groups/],
    ['a(?i)b', /only supported at the start/],
    ['[a-z&&[^e]]', /nested character classes|intersections/],
    ['(?x) a b', /comments mode/],
    ['\\G', /\\G/],
    ['(unclosed', /not a valid regular expression/],
    ['\\p{InGreek}', /\\p\{InGreek\} is not supported/],
    ['(', "'(' is not a valid regular expression: Unterminated group"],
    [
      'a(?i)b',
      "'a(?i)b' cannot be used: inline flags such as (?i) are only supported at the start",
    ],
    ['(?x) a', 'comments mode (?x) is not supported'],
    ['a\\', "'a\\' cannot be used: the pattern ends with a lone backslash"],
  ])('refuses %s with a message saying why', (pattern, message) => {
    expect(() => compileJavaRegex(pattern)).toThrow(RegexSyntaxError);
    expect(() => compileJavaRegex(pattern)).toThrow(message);
  });
});

describe('compileJavaFullMatch', () => {
  it('matches the whole text, whatever the alternation order', () => {
    expect(full('a|ab', 'ab')).toBe(true);
    expect(full('b', 'ab')).toBe(false);
    expect(full('(?m)^a$', 'a\nb')).toBe(false);
  });

  it('matches the whole name, as Matcher.matches()', () => {
    const { regex } = compileJavaFullMatch('[^\\.].*\\.csv');

    expect(regex.test('data.csv')).toBe(true);
    expect(regex.test('data.csv.bak')).toBe(false);
    expect(regex.test('.data.csv')).toBe(false);
  });

  it('turns leading inline flags into JavaScript flags', () => {
    expect(compileJavaFullMatch('(?i)report.*').regex.test('REPORT-1')).toBe(true);
  });

  it('refuses a pattern that only the anchoring wrapper would make valid', () => {
    // `(?:` + `)(` + `)` is the valid `(?:)()`; Java refuses `)(`, and so must we.
    expect(() => compileJavaFullMatch(')(')).toThrow(RegexSyntaxError);
    expect(() => compileJavaFullMatch(')(|')).toThrow("')(|' is not a valid regular expression");
  });

  it('gives the same answer when the regex is used again', () => {
    const { regex } = compileJavaFullMatch('a+');
    expect([regex.test('aaa'), regex.test('a'), regex.test('aaa')]).toEqual([true, true, true]);
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

describe('javaRegexProblem', () => {
  it('is undefined for a usable pattern and says why for one that is not', () => {
    expect(javaRegexProblem('a|b')).toBeUndefined();
    expect(javaRegexProblem('a++')).toMatch(/possessive/);
  });

  it('names the column at fault, as Java names the index', () => {
    expect(javaRegexProblem('ab(c')).toBe(
      "'ab(c' is not a valid regular expression: Unterminated group (at column 3)",
    );
    expect(javaRegexProblem('a++')).toMatch(/not supported \(at column 3\)$/);
    expect(javaRegexProblem('x[ab')).toMatch(/unclosed character class \(at column 2\)$/);
  });
});

describe('quoteRegex', () => {
  it('quotes text so that it matches itself', () => {
    expect(find(quoteRegex('a.b(c)*'), 'xa.b(c)*')).toBe(true);
    expect(find(quoteRegex('a.b'), 'axb')).toBe(false);
  });
});
