/** A pattern letter Sluice formats and parses, with Java SimpleDateFormat's meaning. */
export type FieldLetter =
  | 'y'
  | 'M'
  | 'L'
  | 'd'
  | 'D'
  | 'H'
  | 'k'
  | 'K'
  | 'h'
  | 'm'
  | 's'
  | 'S'
  | 'E'
  | 'u'
  | 'a'
  | 'Z'
  | 'X'
  | 'z';

/** One piece of a compiled pattern: literal text, or a field such as `yyyy` (letter y, count 4). */
export type PatternElement =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: FieldLetter; readonly count: number };

/** A Java SimpleDateFormat pattern, split once so formatting and parsing never re-read it. */
export interface DatePattern {
  readonly source: string;
  readonly elements: readonly PatternElement[];
}

/** A date pattern that cannot be compiled, or a text that does not match one. */
export class DateFormatError extends Error {
  override readonly name = 'DateFormatError';
}

const LETTERS = new Set<string>('yMLdDHkKhmsSEuaZXz');
const HINTS: Readonly<Record<string, string>> = {
  Y: "'Y' is the week year in Java and is not supported; use 'y' for the year",
  G: 'era (G) is not supported',
  w: 'week in year (w) is not supported',
  W: 'week in month (W) is not supported',
  F: 'day of week in month (F) is not supported',
};
const MAX_CACHED_PATTERNS = 256;
const cache = new Map<string, DatePattern>();

/**
 * Compiles a Java SimpleDateFormat pattern: letters are fields, text in single quotes is literal,
 * `''` is a quote, and any other character stands for itself. Compiled patterns are cached.
 *
 * @throws DateFormatError for an unsupported letter or an unterminated quote.
 */
export function compileDatePattern(pattern: string): DatePattern {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const compiled: DatePattern = { source: pattern, elements: splitPattern(pattern) };
  if (cache.size >= MAX_CACHED_PATTERNS) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** Whether a field is written with digits (its width matters when fields abut). */
export function isNumericField(element: PatternElement): boolean {
  if (element.kind !== 'field') return false;
  switch (element.letter) {
    case 'E':
    case 'a':
    case 'Z':
    case 'X':
    case 'z':
      return false;
    case 'M':
    case 'L':
      return element.count < 3;
    default:
      return true;
  }
}

function splitPattern(pattern: string): PatternElement[] {
  const elements: PatternElement[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') elements.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const char = pattern.charAt(i);
    if (char === "'") {
      if (pattern.charAt(i + 1) === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) {
          throw new DateFormatError(`unterminated quote in date pattern '${pattern}'`);
        }
        if (pattern.charAt(j) === "'") {
          if (pattern.charAt(j + 1) !== "'") break;
          literal += "'";
          j += 2;
          continue;
        }
        literal += pattern.charAt(j);
        j++;
      }
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      literal += char;
      i++;
      continue;
    }
    if (!LETTERS.has(char)) {
      const hint =
        HINTS[char] ??
        `pattern letter '${char}' is not supported (use y M d H h k K m s S E u a Z X z D, and quote literal text as in 'T')`;
      throw new DateFormatError(`${hint}, in date pattern '${pattern}'`);
    }
    let count = 1;
    while (pattern.charAt(i + count) === char) count++;
    if (char === 'X' && count > 3) {
      throw new DateFormatError(
        `'X' may be repeated at most 3 times, in date pattern '${pattern}'`,
      );
    }
    flush();
    elements.push({ kind: 'field', letter: char as FieldLetter, count });
    i += count;
  }
  flush();
  return elements;
}
