/**
 * A JSON value as records hold it. Integers beyond ±2^53 are `bigint`, so an id such as
 * 1234567890123456789 (a tweet id) keeps every digit; every other number is a `number`.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;

/** A JSON object: field name → value, in document order. */
export interface JsonObject {
  [field: string]: JsonValue;
}

/** A value read from a text, and the index just after it. */
export interface ValueRead {
  readonly value: JsonValue;
  readonly end: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?\d+$/;

/**
 * Reads the one JSON value (RFC 8259) that starts at `start` (after white space), without
 * losing digits of large integers; returns undefined when the text is not valid JSON there
 * (json-syntax-error.ts then says what and where). Iterative, so deep nesting cannot overflow
 * the stack.
 */
export function readJsonValue(text: string, start: number): ValueRead | undefined {
  type Frame =
    | { readonly kind: 'array'; readonly items: JsonValue[] }
    | { readonly kind: 'object'; readonly object: JsonObject; key: string };
  const stack: Frame[] = [];
  let i = start;
  for (;;) {
    i = skipWhitespace(text, i);
    let value: JsonValue;
    const char = text[i];
    if (char === '{') {
      i = skipWhitespace(text, i + 1);
      if (text[i] === '}') {
        value = {};
        i++;
      } else {
        const key = readKey(text, i);
        if (!key) return undefined;
        stack.push({ kind: 'object', object: {}, key: key.key });
        i = key.end;
        continue;
      }
    } else if (char === '[') {
      i = skipWhitespace(text, i + 1);
      if (text[i] === ']') {
        value = [];
        i++;
      } else {
        stack.push({ kind: 'array', items: [] });
        continue;
      }
    } else {
      const scalar = readScalar(text, i);
      if (!scalar) return undefined;
      value = scalar.value;
      i = scalar.end;
    }
    // A complete value: hand it to its container, closing every container it completes.
    for (;;) {
      const frame = stack.at(-1);
      if (frame === undefined) return { value, end: i };
      i = skipWhitespace(text, i);
      if (frame.kind === 'array') {
        frame.items.push(value);
        if (text[i] === ',') {
          i++;
          break;
        }
        if (text[i] !== ']') return undefined;
        stack.pop();
        value = frame.items;
        i++;
      } else {
        setField(frame.object, frame.key, value);
        if (text[i] === ',') {
          const key = readKey(text, skipWhitespace(text, i + 1));
          if (!key) return undefined;
          frame.key = key.key;
          i = key.end;
          break;
        }
        if (text[i] !== '}') return undefined;
        stack.pop();
        value = frame.object;
        i++;
      }
    }
  }
}

/** Skips JSON white space (space, tab, line feed, carriage return) from `start`. */
export function skipWhitespace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return i;
    i++;
  }
}

/** Writes a value as JSON text; `bigint` values are written with all their digits. */
export function writeJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      // As JSON.stringify: JSON has no NaN or Infinity.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
      return `{${Object.entries(value)
        .map(([key, field]) => `${JSON.stringify(key)}:${writeJson(field)}`)
        .join(',')}}`;
    default: {
      const exhaustive: never = value;
      throw new Error(`Not a JSON value: ${String(exhaustive)}`);
    }
  }
}

/** Sets a field as JSON.parse does: `__proto__` becomes an own field, not the prototype. */
function setField(object: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    object[key] = value;
  }
}

/** Reads `"key"` and the `:` after it, at `start`. */
function readKey(text: string, start: number): { key: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  const key = readString(text, start);
  if (!key) return undefined;
  const colon = skipWhitespace(text, key.end);
  if (text[colon] !== ':') return undefined;
  return { key: key.value, end: colon + 1 };
}

function readScalar(text: string, start: number): { value: JsonValue; end: number } | undefined {
  const char = text[start];
  if (char === '"') return readString(text, start);
  if (text.startsWith('true', start)) return { value: true, end: start + 4 };
  if (text.startsWith('false', start)) return { value: false, end: start + 5 };
  if (text.startsWith('null', start)) return { value: null, end: start + 4 };
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  if (match === null) return undefined;
  const literal = match[0];
  const end = start + literal.length;
  if (/[\d.eE+-]/.test(text[end] ?? '')) return undefined;
  const number = Number(literal);
  const value = INTEGER.test(literal) && !Number.isSafeInteger(number) ? BigInt(literal) : number;
  return { value, end };
}

/** Reads the string whose opening quote is at `start`. */
function readString(text: string, start: number): { value: string; end: number } | undefined {
  let i = start + 1;
  let escaped = false;
  for (;;) {
    const code = text.charCodeAt(i);
    if (Number.isNaN(code) || code < 0x20) return undefined;
    if (code === 0x22) break;
    if (code === 0x5c) {
      escaped = true;
      i += 2;
    } else {
      i++;
    }
  }
  const end = i + 1;
  if (!escaped) return { value: text.slice(start + 1, i), end };
  try {
    // JSON.parse knows every escape, and refuses a bad one.
    return { value: JSON.parse(text.slice(start, end)) as string, end };
  } catch {
    return undefined;
  }
}
