/** Where a value is in a JSON text: the half-open range of UTF-16 offsets [start, end). */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

/** One step down a JSON document: a member name or an array index (json-p3's node locations). */
export type JsonLocationPart = string | number;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * The source text of the values of a JSON document, found without re-serializing them.
 *
 * `JSON.parse` turns 9007199254740993 into 9007199254740992 and `2.50` into 2.5; writing a parsed
 * value back out would change the data. Processors that cut a document into pieces (SplitJson's
 * elements, an Elasticsearch response's hits) take each piece's own text from here instead, so
 * numbers, escapes and key order come out exactly as they came in.
 *
 * The text must be valid JSON (parse it first: this index assumes it and does not check it).
 * Containers are indexed when first looked into and kept, so walking to every element of a large
 * array costs one pass over it, not one per element.
 */
export class JsonSource {
  readonly #objects = new Map<number, ReadonlyMap<string, JsonSpan>>();
  readonly #arrays = new Map<number, readonly JsonSpan[]>();
  #root: JsonSpan | undefined;

  constructor(readonly text: string) {}

  /** The span of the whole document. */
  root(): JsonSpan {
    if (this.#root === undefined) {
      const start = skipWhitespace(this.text, 0);
      this.#root = { start, end: valueEnd(this.text, start) };
    }
    return this.#root;
  }

  /** The span of the value at `location` below `from` (the root by default), or undefined when there is none. */
  find(location: readonly JsonLocationPart[], from: JsonSpan = this.root()): JsonSpan | undefined {
    let span: JsonSpan | undefined = from;
    for (const part of location) {
      if (span === undefined) return undefined;
      span =
        typeof part === 'number'
          ? this.isArray(span)
            ? this.elements(span)[part]
            : undefined
          : this.isObject(span)
            ? this.members(span).get(part)
            : undefined;
    }
    return span;
  }

  isObject(span: JsonSpan): boolean {
    return this.text.charCodeAt(span.start) === OPEN_BRACE;
  }

  isArray(span: JsonSpan): boolean {
    return this.text.charCodeAt(span.start) === OPEN_BRACKET;
  }

  /** The members of the object at `span`, in order; a repeated name keeps its last value, as `JSON.parse` does. */
  members(span: JsonSpan): ReadonlyMap<string, JsonSpan> {
    const cached = this.#objects.get(span.start);
    if (cached) return cached;
    const text = this.text;
    const members = new Map<string, JsonSpan>();
    let i = skipWhitespace(text, span.start + 1);
    while (text.charCodeAt(i) !== CLOSE_BRACE) {
      const keyEnd = stringEnd(text, i);
      const name = decodeString(text, i, keyEnd);
      i = skipWhitespace(text, keyEnd);
      if (text.charCodeAt(i) !== COLON) throw notJson(text, i);
      const start = skipWhitespace(text, i + 1);
      const end = valueEnd(text, start);
      // Deleting first moves a repeated name to its last position, where JSON.parse's value comes from.
      members.delete(name);
      members.set(name, { start, end });
      i = skipWhitespace(text, end);
      if (text.charCodeAt(i) === COMMA) i = skipWhitespace(text, i + 1);
    }
    this.#objects.set(span.start, members);
    return members;
  }

  /** The elements of the array at `span`, in order. */
  elements(span: JsonSpan): readonly JsonSpan[] {
    const cached = this.#arrays.get(span.start);
    if (cached) return cached;
    const text = this.text;
    const elements: JsonSpan[] = [];
    let i = skipWhitespace(text, span.start + 1);
    while (text.charCodeAt(i) !== CLOSE_BRACKET) {
      const end = valueEnd(text, i);
      elements.push({ start: i, end });
      i = skipWhitespace(text, end);
      if (text.charCodeAt(i) === COMMA) i = skipWhitespace(text, i + 1);
    }
    this.#arrays.set(span.start, elements);
    return elements;
  }

  /** The value's text exactly as written. */
  slice(span: JsonSpan): string {
    return this.text.slice(span.start, span.end);
  }

  /** The value's text without the white space between tokens: one line, every token as written. */
  compact(span: JsonSpan): string {
    return compactJson(this.text.slice(span.start, span.end));
  }
}

/** Removes the white space between the tokens of valid JSON text, leaving strings and numbers untouched. */
export function compactJson(text: string): string {
  if (!/[\t\n\r ]/.test(text)) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = stringEnd(text, i);
    } else if (isWhitespace(code)) {
      out += text.slice(copied, i);
      i = skipWhitespace(text, i);
      copied = i;
    } else {
      i++;
    }
  }
  return out + text.slice(copied);
}

function skipWhitespace(text: string, start: number): number {
  let i = start;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the string whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) throw notJson(text, start);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** The index after the value starting at `start`. */
function valueEnd(text: string, start: number): number {
  const code = text.charCodeAt(start);
  if (code === QUOTE) return stringEnd(text, start);
  if (code === OPEN_BRACE || code === OPEN_BRACKET) {
    let depth = 0;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i = stringEnd(text, i);
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw notJson(text, start);
  }
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) break;
    i++;
  }
  if (i === start) throw notJson(text, start);
  return i;
}

function decodeString(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

function notJson(text: string, at: number): Error {
  return new Error(
    `JsonSource was given text that is not valid JSON (at offset ${at} of ${text.length})`,
  );
}
