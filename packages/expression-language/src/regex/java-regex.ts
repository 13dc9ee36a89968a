/**
 * NiFi users write Java regular expressions (`(?s)(^.*$)`, `\p{Punct}`, `\A`); this translates
 * the Java syntax to an equivalent JavaScript RegExp, and refuses — with a message naming the
 * construct — what JavaScript cannot express, rather than silently matching something else.
 */

import { describeLocation } from '../errors.js';
import { regexErrorPosition } from './regex-error-position.js';

/** A Search Value (or other regex property) that cannot be used, with a message a person can act on. */
export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';

  constructor(
    message: string,
    /** 0-based offset into the pattern of the text at fault, when it is known. */
    readonly position?: number,
  ) {
    super(message);
  }
}

/** A Java pattern translated to JavaScript. */
export interface TranslatedRegex {
  readonly source: string;
  /** JavaScript flags from the pattern's leading inline flags (`i`, `m`, `s`, `u`), without `g`. */
  readonly flags: string;
}

/** A compiled Java pattern, with what a replacement needs to know about its groups. */
export interface CompiledRegex {
  readonly regex: RegExp;
  readonly groupCount: number;
  readonly groupNames: ReadonlySet<string>;
}

const LINE_TERMINATOR = '(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])';
const START_OF_INPUT = '(?<![\\s\\S])';
const END_OF_INPUT = '(?![\\s\\S])';
/** Java's `$` without MULTILINE: the end of input, or just before a final line terminator. */
const JAVA_DOLLAR = `(?=${LINE_TERMINATOR}?${END_OF_INPUT})`;
const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const VERTICAL_SPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
/** Java's POSIX classes, which are US-ASCII only. */
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};
/** Escapes Java and JavaScript agree on, copied as they are. */
const SAME_ESCAPES = new Set([...'dDwWsSbBnrtfcuk123456789']);
/** Characters JavaScript accepts escaped even with the `u` flag. */
const SYNTAX_CHARACTERS = new Set([...'^$\\.*+?()[]{}|/']);
/** Leading inline flags; those turned off (`(?i-s)`) are off already at the start. */
const FLAG_GROUP = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/;
const GROUP_NAME = /\(\?<([a-zA-Z][a-zA-Z0-9]*)>/g;

/** Escapes text so that it matches itself in a pattern (Java's `Pattern.quote`). */
export function quoteRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Translates a Java pattern to JavaScript.
 *
 * @throws RegexSyntaxError for constructs JavaScript has no equivalent of (possessive
 *   quantifiers, atomic groups, flags that change mid-pattern, class intersections).
 */
export function translateJavaRegex(pattern: string): TranslatedRegex {
  return new Translator(pattern).translate();
}

/** Translates and compiles a Java pattern; `extraFlags` adds e.g. `g` or `y`. */
export function compileJavaRegex(pattern: string, extraFlags = ''): CompiledRegex {
  const translated = translateJavaRegex(pattern);
  return compile(pattern, translated, translated.source, extraFlags);
}

/**
 * Compiles a Java pattern that matches only the whole input (Java's `Matcher.matches()`).
 * Anchored by lookarounds rather than the `y` flag, so the RegExp keeps no state between uses.
 */
export function compileJavaFullMatch(pattern: string): CompiledRegex {
  const translated = translateJavaRegex(pattern);
  const anchored = `${START_OF_INPUT}(?:${translated.source})${END_OF_INPUT}`;
  return compile(pattern, translated, anchored, '');
}

/** A predicate true when the whole input matches the Java pattern (Java's `Matcher.matches()`). */
export function javaFullMatcher(pattern: string): (input: string) => boolean {
  const { regex } = compileJavaFullMatch(pattern);
  return (input) => regex.test(input);
}

function compile(
  pattern: string,
  translated: TranslatedRegex,
  source: string,
  extraFlags: string,
): CompiledRegex {
  // The pattern is checked on its own first: wrapped for a full match, `)(` would become the
  // valid `(?:)()` and slip through.
  const alone = construct(pattern, translated.source, translated.flags + extraFlags);
  const regex =
    source === translated.source
      ? alone
      : construct(pattern, source, translated.flags + extraFlags);
  // An empty alternative always matches, so the match array reveals the number of groups.
  const groupCount = new RegExp(`${translated.source}|`, translated.flags).exec('')!.length - 1;
  const groupNames = new Set([...translated.source.matchAll(GROUP_NAME)].map((m) => m[1]!));
  return { regex, groupCount, groupNames };
}

/** `new RegExp`, its SyntaxError turned into a {@link RegexSyntaxError} about the Java pattern. */
function construct(pattern: string, source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    // V8 says "Invalid regular expression: /(/: Unterminated group"; keep only the reason.
    const reason =
      error instanceof Error
        ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
        : String(error);
    throw new RegexSyntaxError(
      `'${pattern}' is not a valid regular expression: ${reason}`,
      regexErrorPosition(pattern, reason),
    );
  }
}

/**
 * Undefined when the pattern can be used, else why not (for property validation), with the
 * column at fault when it is known, as Java's PatternSyntaxException gives its index.
 */
export function javaRegexProblem(pattern: string): string | undefined {
  try {
    compileJavaRegex(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof RegexSyntaxError && error.position !== undefined) {
      return `${error.message} (at ${describeLocation(pattern, error.position)})`;
    }
    return error instanceof Error ? error.message : String(error);
  }
}

class Translator {
  #i = 0;
  #out = '';
  #flags = new Set<string>();

  constructor(private readonly pattern: string) {}

  translate(): TranslatedRegex {
    this.#leadingFlags();
    const p = this.pattern;
    while (this.#i < p.length) {
      const c = p[this.#i]!;
      switch (c) {
        case '\\':
          this.#out += this.#escape(false);
          break;
        case '[':
          this.#characterClass();
          break;
        case '(':
          this.#group();
          break;
        case '$':
          this.#out += this.#flags.has('m') ? '$' : JAVA_DOLLAR;
          this.#i++;
          break;
        case '*':
        case '+':
        case '?':
          this.#out += c;
          this.#i++;
          this.#afterQuantifier();
          break;
        case '{':
          this.#brace();
          break;
        case ']':
        case '}':
          // Literal in Java; JavaScript's unicode mode wants them escaped.
          this.#out += `\\${c}`;
          this.#i++;
          break;
        default:
          this.#out += c;
          this.#i++;
      }
    }
    const flags = [...this.#flags].filter((f) => 'imsu'.includes(f)).join('');
    return { source: this.#out, flags };
  }

  #fail(message: string, position = this.#i): never {
    throw new RegexSyntaxError(`'${this.pattern}' cannot be used: ${message}`, position);
  }

  /** `(?s)`, `(?i)`, `(?is)`… at the very start become JavaScript flags. */
  #leadingFlags(): void {
    for (;;) {
      const match = FLAG_GROUP.exec(this.pattern.slice(this.#i));
      if (!match) return;
      for (const flag of match[1]!) {
        if (flag === 'i' || flag === 'm' || flag === 's') this.#flags.add(flag);
        else if (flag === 'x')
          this.#fail('comments mode (?x) is not supported; remove the whitespace and comments');
        else if (flag !== 'u' && flag !== 'd' && flag !== 'U')
          this.#fail(`unknown inline flag '${flag}'`);
        // u (Unicode case folding), U and d (Unix lines) change nothing that matters here.
      }
      for (const flag of match[2] ?? '') {
        if (!'imsxudU'.includes(flag)) this.#fail(`unknown inline flag '${flag}'`);
      }
      this.#i += match[0].length;
    }
  }

  #group(): void {
    const rest = this.pattern.slice(this.#i);
    if (!rest.startsWith('(?')) {
      this.#out += '(';
      this.#i++;
      return;
    }
    const known = ['(?:', '(?=', '(?!', '(?<=', '(?<!'].find((prefix) => rest.startsWith(prefix));
    if (known) {
      this.#out += known;
      this.#i += known.length;
      return;
    }
    const named = /^\(\?<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
    if (named) {
      this.#out += named[0];
      this.#i += named[0].length;
      return;
    }
    if (rest.startsWith('(?>')) this.#fail('atomic groups (?>…) are not supported');
    if (/^\(\?[a-zA-Z-]*[):]/.test(rest)) {
      this.#fail('inline flags such as (?i) are only supported at the start of the pattern');
    }
    this.#fail(`unknown group construct '${rest.slice(0, 3)}'`);
  }

  #afterQuantifier(): void {
    if (this.pattern[this.#i] === '+')
      this.#fail('possessive quantifiers (*+, ++, ?+) are not supported');
  }

  /** `{n}`, `{n,}`, `{n,m}` are quantifiers; any other `{` is literal. */
  #brace(): void {
    const quantifier = /^\{\d+(?:,\d*)?\}/.exec(this.pattern.slice(this.#i));
    if (quantifier) {
      this.#out += quantifier[0];
      this.#i += quantifier[0].length;
      this.#afterQuantifier();
      return;
    }
    this.#out += '\\{';
    this.#i++;
  }

  #characterClass(): void {
    const p = this.pattern;
    const start = this.#i;
    this.#out += '[';
    this.#i++;
    if (p[this.#i] === '^') {
      this.#out += '^';
      this.#i++;
    }
    // Java takes a `]` right after `[` or `[^` literally; JavaScript would close the class.
    if (p[this.#i] === ']') {
      this.#out += '\\]';
      this.#i++;
    }
    while (this.#i < p.length) {
      const c = p[this.#i]!;
      if (c === ']') {
        this.#out += ']';
        this.#i++;
        return;
      }
      if (c === '\\') {
        this.#out += this.#escape(true);
        continue;
      }
      if (c === '[') this.#fail('nested character classes (unions) are not supported');
      if (c === '&' && p[this.#i + 1] === '&')
        this.#fail('character class intersections (&&) are not supported');
      this.#out += c;
      this.#i++;
    }
    this.#fail('unclosed character class', start);
  }

  /** Translates the escape at the cursor; `inClass` when inside `[...]`. */
  #escape(inClass: boolean): string {
    const p = this.pattern;
    const c = p[this.#i + 1];
    if (c === undefined) this.#fail('the pattern ends with a lone backslash');
    this.#i += 2;
    if (!/[a-zA-Z0-9]/.test(c)) {
      if (SYNTAX_CHARACTERS.has(c) || (inClass && c === '-')) return `\\${c}`;
      return c;
    }
    if (SAME_ESCAPES.has(c)) return `\\${c}`;
    switch (c) {
      case 'Q':
        return this.#quoted();
      case 'A':
        return inClass ? this.#fail('\\A inside a character class') : START_OF_INPUT;
      case 'z':
        return inClass ? this.#fail('\\z inside a character class') : END_OF_INPUT;
      case 'Z':
        return inClass ? this.#fail('\\Z inside a character class') : JAVA_DOLLAR;
      case 'R':
        return inClass
          ? this.#fail('\\R inside a character class')
          : `(?:\\r\\n|[${VERTICAL_SPACE}])`;
      case 'h':
        return inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
      case 'H':
        return inClass ? this.#fail('\\H inside a character class') : `[^${HORIZONTAL_SPACE}]`;
      case 'v':
        return inClass ? VERTICAL_SPACE : `[${VERTICAL_SPACE}]`;
      case 'V':
        return inClass ? this.#fail('\\V inside a character class') : `[^${VERTICAL_SPACE}]`;
      case 'e':
        return '\\x1B';
      case 'a':
        return '\\x07';
      case 'x':
        return this.#hex();
      case '0':
        return this.#octal();
      case 'p':
      case 'P':
        return this.#property(c === 'P', inClass);
      case 'G':
        return this.#fail('\\G (end of the previous match) is not supported');
      default:
        return this.#fail(`unknown escape \\${c}`);
    }
  }

  /** `\Q...\E`: everything between is literal. */
  #quoted(): string {
    const end = this.pattern.indexOf('\\E', this.#i);
    const text = this.pattern.slice(this.#i, end === -1 ? undefined : end);
    this.#i = end === -1 ? this.pattern.length : end + 2;
    return quoteRegex(text);
  }

  /** `\xhh` or Java's `\x{h...h}`. */
  #hex(): string {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.pattern.slice(this.#i));
    if (!braced) return '\\x';
    this.#i += braced[0].length;
    const codePoint = Number.parseInt(braced[1]!, 16);
    if (codePoint > 0x10ffff) this.#fail(`\\x{${braced[1]}} is beyond Unicode`);
    // Written as UTF-16 units so that it works with and without the `u` flag.
    const units = String.fromCodePoint(codePoint);
    let escaped = '';
    for (let k = 0; k < units.length; k++) {
      escaped += `\\u${units.charCodeAt(k).toString(16).padStart(4, '0')}`;
    }
    return escaped;
  }

  /** Java's `\0n`, `\0nn`, `\0mnn` octal escapes. */
  #octal(): string {
    const digits = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(this.pattern.slice(this.#i));
    if (!digits) this.#fail('\\0 must be followed by an octal number');
    this.#i += digits[0].length;
    return `\\u${Number.parseInt(digits[0], 8).toString(16).padStart(4, '0')}`;
  }

  /** `\p{Name}` / `\pL`: POSIX classes become ASCII ranges, general categories stay Unicode. */
  #property(negated: boolean, inClass: boolean): string {
    const rest = this.pattern.slice(this.#i);
    const match = /^\{(\^?)([A-Za-z_]+)\}/.exec(rest) ?? /^()([A-Z])/.exec(rest);
    if (!match) this.#fail('\\p must be followed by a name in braces');
    this.#i += match[0].length;
    const isNegated = negated !== (match[1] === '^');
    const name = match[2]!;
    const posix = POSIX[name];
    if (posix !== undefined) {
      if (!inClass) return isNegated ? `[^${posix}]` : `[${posix}]`;
      if (isNegated) this.#fail(`\\P{${name}} inside a character class is not supported`);
      return posix;
    }
    const property = unicodeProperty(name);
    if (property === undefined) this.#fail(`the character property \\p{${name}} is not supported`);
    this.#flags.add('u');
    return `\\${isNegated ? 'P' : 'p'}{${property}}`;
  }
}

/**
 * The JavaScript name of a Java Unicode property: a general category (`L`, `IsLu`), a binary
 * property (`IsAlphabetic`) or a script (`IsLatin`). Java's blocks (`InGreek`) have no equivalent.
 */
function unicodeProperty(name: string): string | undefined {
  const bare = name.replace(/^Is/, '');
  for (const candidate of [bare, `Script=${bare}`]) {
    try {
      new RegExp(`\\p{${candidate}}`, 'u');
      return candidate;
    } catch {
      // Not a property JavaScript knows under this name; try the next reading.
    }
  }
  return undefined;
}
