/**
 * Escapes text for use inside a JSON string literal: quotes, backslashes, control characters
 * and lone surrogates, exactly as `JSON.stringify` does. Unlike NiFi (Apache Commons Text), `/`
 * and non-ASCII characters are kept as they are; the result is valid JSON either way, and Korean
 * or accented text stays readable.
 */
export function escapeJson(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.slice(1, -1);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Resolves Java/JSON escapes: `\"`, `\\`, `\/`, `\n` and friends, `\uXXXX` and octal `\123`.
 * An unknown escape is kept as written, as Apache Commons Text does.
 *
 * @throws Error for a `\u` without four hex digits.
 */
export function unescapeJson(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char !== '\\' || i + 1 >= text.length) {
      out += char;
      i++;
      continue;
    }
    const next = text.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (next === 'u') {
      let start = i + 2;
      while (text.charAt(start) === 'u') start++;
      const hex = text.slice(start, start + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        throw new Error(`'\\u${hex}' is not a unicode escape of 4 hex digits`);
      out += String.fromCharCode(parseInt(hex, 16));
      i = start + 4;
    } else if (next >= '0' && next <= '7') {
      const octal = /^[0-3]?[0-7]{1,2}|^[0-7]/.exec(text.slice(i + 1, i + 4))?.[0] ?? next;
      out += String.fromCharCode(parseInt(octal, 8));
      i += 1 + octal.length;
    } else {
      out += char + next;
      i += 2;
    }
  }
  return out;
}
