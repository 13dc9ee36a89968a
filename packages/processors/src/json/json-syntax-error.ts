/** The first syntax error of a JSON text: what is wrong, and the 0-based offset where. */
export interface JsonSyntaxError {
  readonly message: string;
  readonly position: number;
}

/** A container being read: which one, and what may come next inside it. */
type Frame =
  | { kind: 'object'; expect: 'key-or-end' | 'key' | 'colon' | 'comma-or-end' }
  | {
      kind: 'array';
      expect: 'value-or-end' | 'comma-or-end';
    };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
};

/**
 * Finds the first syntax error of a JSON text (RFC 8259, as `JSON.parse` reads it), or undefined
 * when the text is valid. `JSON.parse` alone says too little: V8's messages often lack the
 * position, and a raw line break inside a string (the seed-004 pipeline's "Invalid control
 * character") should be named as such, with how to fix it.
 *
 * Iterative, so a deeply nested document cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: Frame[] = [];
  let i = skipWhitespace(text, 0);
  if (i === text.length)
    return { message: 'there is no JSON value, only white space', position: i };
  for (;;) {
    const frame = stack.at(-1);
    // Where a value is expected: at the top, after '[' or ',' in an array, after ':' in an object.
    let wantsValue = frame === undefined;
    if (frame?.kind === 'array') {
      if (frame.expect === 'value-or-end' && text[i] === ']') {
        stack.pop();
        i = afterValue(text, i + 1, stack);
        if (i < 0) return trailing(text, -i - 1);
        if (stack.length === 0) return undefined;
        continue;
      }
      if (frame.expect === 'comma-or-end') {
        if (text[i] === ',') {
          frame.expect = 'value-or-end';
          i = skipWhitespace(text, i + 1);
          if (text[i] === ']') return { message: "a ',' is followed by ']'", position: i };
          wantsValue = true;
        } else if (text[i] === ']') {
          stack.pop();
          i = afterValue(text, i + 1, stack);
          if (i < 0) return trailing(text, -i - 1);
          if (stack.length === 0) return undefined;
          continue;
        } else {
          return unexpected(text, i, "',' or ']' after an array element");
        }
      } else {
        wantsValue = true;
      }
    } else if (frame?.kind === 'object') {
      const expect = frame.expect;
      switch (expect) {
        case 'key-or-end':
        case 'key': {
          if (frame.expect === 'key-or-end' && text[i] === '}') {
            stack.pop();
            i = afterValue(text, i + 1, stack);
            if (i < 0) return trailing(text, -i - 1);
            if (stack.length === 0) return undefined;
            continue;
          }
          if (text[i] !== '"') {
            const what =
              frame.expect === 'key' ? "a property name after ','" : "a property name or '}'";
            return unexpected(text, i, `${what} (property names are in double quotes)`);
          }
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          frame.expect = 'colon';
          i = skipWhitespace(text, end);
          continue;
        }
        case 'colon':
          if (text[i] !== ':') return unexpected(text, i, "':' after a property name");
          i = skipWhitespace(text, i + 1);
          frame.expect = 'comma-or-end';
          wantsValue = true;
          break;
        case 'comma-or-end':
          if (text[i] === ',') {
            frame.expect = 'key';
            i = skipWhitespace(text, i + 1);
            continue;
          }
          if (text[i] === '}') {
            stack.pop();
            i = afterValue(text, i + 1, stack);
            if (i < 0) return trailing(text, -i - 1);
            if (stack.length === 0) return undefined;
            continue;
          }
          return unexpected(text, i, "',' or '}' after a property value");
        default: {
          const exhaustive: never = expect;
          throw new Error(`Unknown object state ${String(exhaustive)}`);
        }
      }
    }
    if (!wantsValue) continue;
    const char = text[i];
    if (char === '{') {
      stack.push({ kind: 'object', expect: 'key-or-end' });
      i = skipWhitespace(text, i + 1);
      continue;
    }
    if (char === '[') {
      stack.push({ kind: 'array', expect: 'value-or-end' });
      i = skipWhitespace(text, i + 1);
      continue;
    }
    const end = scanScalar(text, i);
    if (typeof end !== 'number') return end;
    i = afterValue(text, end, stack);
    if (i < 0) return trailing(text, -i - 1);
    if (stack.length === 0) return undefined;
  }
}

/**
 * After a complete value: marks the enclosing container as wanting a comma, and returns where
 * to go on. At the top level, returns -(position + 1) of trailing text, or the end when none.
 */
function afterValue(text: string, end: number, stack: Frame[]): number {
  const next = skipWhitespace(text, end);
  const frame = stack.at(-1);
  if (frame === undefined) return next === text.length ? next : -(next + 1);
  frame.expect = 'comma-or-end';
  return next;
}

function trailing(text: string, position: number): JsonSyntaxError {
  return {
    message: `there is more after the JSON value: ${describeChar(text, position)} (one document per flowfile)`,
    position,
  };
}

/** Scans a string, number or literal at `start`; returns its end, or the error. */
function scanScalar(text: string, start: number): number | JsonSyntaxError {
  const char = text[start];
  if (char === '"') return scanString(text, start);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(text);
    const end = start + (match?.[0].length ?? 0);
    const next = text[end];
    if (match === null || (next !== undefined && /[\d.eE+-]/.test(next))) {
      return {
        message: `a malformed number near '${text.slice(start, start + 12)}'`,
        position: start,
      };
    }
    return end;
  }
  if (char === "'")
    return { message: 'strings must be in double quotes, not single', position: start };
  return unexpected(text, start, 'a JSON value');
}

/** Scans a string whose opening quote is at `start`; returns the index after its closing quote. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) {
      const escape = CONTROL_NAMES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
      return {
        message: `a raw control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) inside a string; it must be escaped as ${escape}`,
        position: i,
      };
    }
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { message: 'a \\u escape without 4 hex digits', position: i };
        }
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) {
        return {
          message: `an invalid escape '\\${next ?? ''}' inside a string (a literal backslash is written \\\\)`,
          position: i,
        };
      }
      i += 2;
      continue;
    }
    i++;
  }
  return { message: "a string is not closed (missing '\"')", position: start };
}

function skipWhitespace(text: string, start: number): number {
  let i = start;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
}

function unexpected(text: string, position: number, expected: string): JsonSyntaxError {
  return { message: `expected ${expected}, found ${describeChar(text, position)}`, position };
}

function describeChar(text: string, position: number): string {
  if (position >= text.length) return 'the end of the content';
  const code = text.codePointAt(position)!;
  if (code < 0x20)
    return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(code)}'`;
}
