/** Where a JSON text first goes wrong: a 0-based offset plus 1-based line and column. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

type Container = 'object' | 'array';

/** What the scanner expects next. */
type Expectation = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'separator';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Finds the first syntax error in a JSON text, per RFC 8259.
 *
 * V8's `JSON.parse` messages only sometimes carry a position ("Unexpected token 'x', ... is not
 * valid JSON" has none), and people editing a flow by hand need a line and column, so the text is
 * scanned again here once `JSON.parse` has failed. The scanner keeps an explicit stack, so deeply
 * nested input cannot overflow the call stack. Returns undefined for valid JSON.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const problem = scan(text);
  if (problem === undefined) return undefined;
  return { ...problem, ...lineAndColumn(text, problem.offset) };
}

/** Converts a 0-based offset to a 1-based line and column (column counted in UTF-16 units). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function scan(text: string): { offset: number; message: string } | undefined {
  const stack: Container[] = [];
  let expect: Expectation = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
    const ch = i < text.length ? text.charAt(i) : undefined;
    const top = stack[stack.length - 1];
    const fail = (expected: string) => ({
      offset: i,
      message:
        ch === undefined
          ? `unexpected end of input, expected ${expected}`
          : `unexpected ${describe(ch)}, expected ${expected}`,
    });

    if (expect === 'separator') {
      if (top === undefined) {
        return ch === undefined ? undefined : fail('end of input after the JSON value');
      }
      const close = top === 'object' ? '}' : ']';
      if (ch === ',') {
        expect = top === 'object' ? 'key' : 'value';
        i++;
      } else if (ch === close) {
        stack.pop();
        i++;
      } else {
        return fail(`',' or '${close}'`);
      }
      continue;
    }

    if (expect === 'key' || expect === 'key-or-close') {
      if (expect === 'key-or-close' && ch === '}') {
        stack.pop();
        expect = 'separator';
        i++;
        continue;
      }
      if (ch !== '"') {
        return fail(
          expect === 'key'
            ? 'a double-quoted property name'
            : "a double-quoted property name or '}'",
        );
      }
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      while (i < text.length && WHITESPACE.has(text.charAt(i))) i++;
      if (text.charAt(i) !== ':') {
        return {
          offset: i,
          message:
            i < text.length
              ? `unexpected ${describe(text.charAt(i))}, expected ':' after a property name`
              : "unexpected end of input, expected ':' after a property name",
        };
      }
      expect = 'value';
      i++;
      continue;
    }

    // expect is 'value' or 'value-or-close'
    if (expect === 'value-or-close' && ch === ']') {
      stack.pop();
      expect = 'separator';
      i++;
      continue;
    }
    if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? 'object' : 'array');
      expect = ch === '{' ? 'key-or-close' : 'value-or-close';
      i++;
      continue;
    }
    const end = scanScalar(text, i);
    if (end === undefined) return fail(expect === 'value' ? 'a value' : "a value or ']'");
    if (typeof end !== 'number') return end;
    i = end;
    expect = 'separator';
  }
}

/** Scans a string, number or literal at `start`; its end, a problem inside it, or undefined. */
function scanScalar(
  text: string,
  start: number,
): number | { offset: number; message: string } | undefined {
  const ch = text.charAt(start);
  if (ch === '"') return scanString(text, start);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  NUMBER.lastIndex = start;
  const number = NUMBER.exec(text);
  return number === null ? undefined : start + number[0].length;
}

/** Scans a string starting at its opening quote; the offset after the closing quote or a problem. */
function scanString(text: string, start: number): number | { offset: number; message: string } {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') return i + 1;
    if (ch.charCodeAt(0) < 0x20) {
      return { offset: i, message: `${describe(ch)} inside a string must be escaped` };
    }
    if (ch === '\\') {
      const escape = text.charAt(i + 1);
      if (escape === '') break;
      if (escape === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) {
          return { offset: i, message: 'invalid \\u escape: expected four hex digits' };
        }
        i += 6;
        continue;
      }
      if (!ESCAPES.has(escape)) {
        return {
          offset: i,
          message: `invalid escape ${JSON.stringify('\\' + escape)} in a string`,
        };
      }
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: text.length, message: 'unexpected end of input inside a string' };
}

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `character ${JSON.stringify(ch)}`;
}
