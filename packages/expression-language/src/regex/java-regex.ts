/** A Java regex that JavaScript cannot run, or a bad replacement string. */
export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
}

/** How a compiled pattern will be used. */
export type RegexMode = 'find' | 'global' | 'full';

/** A Java regex compiled for JavaScript, with what a replacement needs to know about it. */
export interface JavaRegex {
  readonly regex: RegExp;
  readonly groupCount: number;
  readonly groupNames: ReadonlySet<string>;
}

const LEADING_FLAGS = /^\(\?([a-zA-Z]*)(?:-[a-zA-Z]*)?\)/;
const GROUP_NAME = /\(\?<([A-Za-z][A-Za-z0-9]*)>/g;
const POSIX_CLASSES: Readonly<Record<string, string>> = {
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
  Space: ' \\t\\n\\x0B\\f\\r',
  XDigit: '0-9a-fA-F',
};
const HORIZONTAL_SPACE = '[ \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000]';
const MAX_CACHED = 512;
const cache = new Map<string, JavaRegex>();

/**
 * Compiles a Java regular expression for JavaScript. Inline flags at the start (`(?i)`,
 * `(?s)`, `(?m)`, combined as `(?is)`) become JavaScript flags; `\Q...\E`, `\A`, `\z`, `\Z`,
 * `\h` and POSIX classes (`\p{Alpha}`) are translated. Results are cached, so a pattern that
 * arrives in an attribute is compiled once, not per flowfile.
 *
 * @throws RegexSyntaxError when the pattern is invalid or uses what JavaScript lacks.
 */
export function compileJavaRegex(pattern: string, mode: RegexMode): JavaRegex {
  const key = `${mode}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const compiled = build(pattern, mode);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function build(pattern: string, mode: RegexMode): JavaRegex {
  const { source, flags } = translate(pattern);
  const wrapped = mode === 'full' ? `(?<![\\s\\S])(?:${source})(?![\\s\\S])` : source;
  try {
    const regex = new RegExp(wrapped, mode === 'global' ? `${flags}g` : flags);
    const groupCount = (new RegExp(`${source}|`, flags).exec('')?.length ?? 1) - 1;
    const groupNames = new Set([...source.matchAll(GROUP_NAME)].map((match) => match[1] ?? ''));
    return { regex, groupCount, groupNames };
  } catch (error) {
    // V8 says "Invalid regular expression: /(/g: Unterminated group"; keep only the reason.
    const reason =
      error instanceof Error
        ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
        : '';
    throw new RegexSyntaxError(`invalid regular expression '${pattern}': ${reason}`);
  }
}

function translate(pattern: string): { source: string; flags: string } {
  const flags = new Set<string>();
  let i = 0;
  for (
    let match = LEADING_FLAGS.exec(pattern);
    match !== null;
    match = LEADING_FLAGS.exec(pattern.slice(i))
  ) {
    for (const flag of match[1] ?? '') {
      if (flag === 'i' || flag === 's' || flag === 'm') flags.add(flag);
      else if (flag === 'x')
        throw new RegexSyntaxError(`inline flag (?x) (comments) is not supported, in '${pattern}'`);
      // u (Unicode case), U and d only refine matching JavaScript already does.
    }
    i += match[0].length;
  }
  let out = '';
  let inClass = false;
  let unicode = false;
  while (i < pattern.length) {
    const char = pattern.charAt(i);
    if (char === '[' && !inClass) {
      inClass = true;
      const negated = pattern.charAt(i + 1) === '^';
      out += negated ? '[^' : '[';
      i += negated ? 2 : 1;
      // Java reads a ']' right after '[' as a literal; JavaScript would close an empty class.
      if (pattern.charAt(i) === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (char === ']' && inClass) inClass = false;
    if (char !== '\\') {
      out += char;
      i++;
      continue;
    }
    const next = pattern.charAt(i + 1);
    if (next === '') throw new RegexSyntaxError(`'${pattern}' ends with a lone backslash`);
    if (next === 'Q') {
      const end = pattern.indexOf('\\E', i + 2);
      const quoted = pattern.slice(i + 2, end === -1 ? pattern.length : end);
      out += quoted.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      i = end === -1 ? pattern.length : end + 2;
      continue;
    }
    const braced = /^\{(\w+)\}/.exec(pattern.slice(i + 2));
    if ((next === 'p' || next === 'P') && braced !== null) {
      const name = braced[1] ?? '';
      const posix = POSIX_CLASSES[name];
      if (posix !== undefined && !(inClass && next === 'P')) {
        out += inClass ? posix : `[${next === 'P' ? '^' : ''}${posix}]`;
      } else {
        unicode = true;
        out += `\\${next}{${name.replace(/^Is/, '')}}`;
      }
      i += 2 + braced[0].length;
      continue;
    }
    out += inClass ? `\\${next}` : (ANCHORS[next] ?? `\\${next}`);
    i += 2;
  }
  return { source: out, flags: [...flags].join('') + (unicode ? 'u' : '') };
}

const ANCHORS: Readonly<Record<string, string>> = {
  A: '(?<![\\s\\S])',
  z: '(?![\\s\\S])',
  Z: '(?=\\n?(?![\\s\\S]))',
  h: HORIZONTAL_SPACE,
};
