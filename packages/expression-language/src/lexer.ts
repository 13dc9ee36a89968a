import { ExpressionError, describeLocation, quote } from './errors.js';

/** A token of the text inside `${...}`; offsets are into the whole template. */
export type Token =
  | { readonly kind: 'name'; readonly start: number; readonly end: number; readonly text: string }
  | {
      readonly kind: 'string';
      readonly start: number;
      readonly end: number;
      readonly value: string;
    }
  | {
      readonly kind: 'number';
      readonly start: number;
      readonly end: number;
      readonly value: bigint | number;
    }
  | {
      readonly kind: 'parameter';
      readonly start: number;
      readonly end: number;
      readonly name: string;
    }
  | {
      readonly kind:
        'colon' | 'comma' | 'lparen' | 'rparen' | 'rbrace' | 'expression-start' | 'end';
      readonly start: number;
      readonly end: number;
    };

const NUMBER = /[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const PARAMETER_NAME_CHAR = /[\p{L}\p{N} ._-]/u;
/** Characters that end a bare name, as in NiFi's ATTRIBUTE_NAME rule. */
const NAME_STOPPERS = new Set([...'${}()[],:;/*\'"', ' ', '\t', '\r', '\n']);
const SINGLE_CHAR_TOKENS: Readonly<
  Record<string, 'colon' | 'comma' | 'lparen' | 'rparen' | 'rbrace'>
> = {
  ':': 'colon',
  ',': 'comma',
  '(': 'lparen',
  ')': 'rparen',
  '}': 'rbrace',
};
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;

/**
 * Splits the inside of `${...}` into tokens, one at a time, skipping whitespace as NiFi does.
 * The parser drives it and may start it anywhere in the template.
 */
export class ExpressionLexer {
  private offset: number;
  private lookahead: Token | undefined;

  constructor(
    readonly source: string,
    start: number,
  ) {
    this.offset = start;
  }

  /** The next token, without consuming it. */
  peek(): Token {
    this.lookahead ??= this.read();
    return this.lookahead;
  }

  /** Consumes and returns the next token. */
  next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  /** The source text of a token, for messages. */
  describe(token: Token): string {
    return token.kind === 'end'
      ? 'the end of the template'
      : quote(this.source.slice(token.start, token.end));
  }

  private read(): Token {
    const source = this.source;
    let i = this.offset;
    while (i < source.length && isWhitespace(source.charCodeAt(i))) i++;
    if (i >= source.length) {
      this.offset = i;
      return { kind: 'end', start: i, end: i };
    }
    const char = source.charAt(i);
    const single = SINGLE_CHAR_TOKENS[char];
    if (single !== undefined) return this.emit({ kind: single, start: i, end: i + 1 });
    if (char === '$' && source.charAt(i + 1) === '{') {
      return this.emit({ kind: 'expression-start', start: i, end: i + 2 });
    }
    if (char === '#' && source.charAt(i + 1) === '{') {
      const { name, end } = readParameterReference(source, i);
      return this.emit({ kind: 'parameter', start: i, end, name });
    }
    if (char === "'" || char === '"') {
      const { value, end } = readStringLiteral(source, i);
      return this.emit({ kind: 'string', start: i, end, value });
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number !== null) {
      const text = number[0];
      return this.emit({
        kind: 'number',
        start: i,
        end: i + text.length,
        value: parseNumberLiteral(source, text, i),
      });
    }
    if (char === '$' || char === '#' || NAME_STOPPERS.has(char)) {
      const hint = char === '$' ? "; nested expressions start with '${'" : '';
      throw new ExpressionError({
        code: 'syntax',
        template: source,
        position: i,
        message: `Unexpected character ${quote(char)} at ${describeLocation(source, i)}${hint}`,
      });
    }
    let end = i + 1;
    while (end < source.length && !NAME_STOPPERS.has(source.charAt(end))) end++;
    return this.emit({ kind: 'name', start: i, end, text: source.slice(i, end) });
  }

  private emit(token: Token): Token {
    this.offset = token.end;
    return token;
  }
}

/**
 * Reads `#{name}` starting at the `#`; parameter names hold letters, digits, spaces, `.`, `-`
 * and `_`, as in NiFi.
 */
export function readParameterReference(
  source: string,
  start: number,
): { name: string; end: number } {
  let i = start + 2;
  while (i < source.length && source.charAt(i) !== '}') {
    const char = source.charAt(i);
    if (!PARAMETER_NAME_CHAR.test(char)) {
      throw new ExpressionError({
        code: 'syntax',
        template: source,
        position: i,
        message:
          `Invalid character ${JSON.stringify(char)} in parameter reference at ${describeLocation(source, i)}: ` +
          `names may hold letters, digits, spaces, '.', '-' and '_' (write '##{' for a literal '#{')`,
      });
    }
    i++;
  }
  if (i >= source.length) {
    throw new ExpressionError({
      code: 'unterminated',
      template: source,
      position: start,
      message: `Unterminated parameter reference starting at ${describeLocation(source, start)}: missing '}'`,
    });
  }
  const name = source.slice(start + 2, i);
  if (name.trim() === '') {
    throw new ExpressionError({
      code: 'syntax',
      template: source,
      position: start,
      message: `Empty parameter name at ${describeLocation(source, start)}`,
    });
  }
  return { name, end: i + 1 };
}

/**
 * Reads a quoted string starting at its quote. Escapes: `\'`, `\"`, `\\`, `\n`, `\t`, `\r`; any
 * other backslash is kept, so regex arguments such as `'\d+'` need no doubling (as in NiFi).
 */
export function readStringLiteral(source: string, start: number): { value: string; end: number } {
  const quoteChar = source.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const char = source.charAt(i);
    if (char === quoteChar) return { value, end: i + 1 };
    if (char === '\\' && i + 1 < source.length) {
      const next = source.charAt(i + 1);
      value += ESCAPES[next] ?? `\\${next}`;
      i += 2;
    } else {
      value += char;
      i++;
    }
  }
  throw new ExpressionError({
    code: 'unterminated',
    template: source,
    position: start,
    message: `Unterminated string starting at ${describeLocation(source, start)}: missing closing ${quoteChar}`,
  });
}

const ESCAPES: Readonly<Record<string, string>> = {
  "'": "'",
  '"': '"',
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
};

function parseNumberLiteral(source: string, text: string, start: number): bigint | number {
  if (/[.eE]/.test(text)) return Number(text);
  const value = BigInt(text);
  if (value < MIN_LONG || value > MAX_LONG) {
    throw new ExpressionError({
      code: 'syntax',
      template: source,
      position: start,
      message: `Number ${text} at ${describeLocation(source, start)} does not fit a 64-bit whole number; write it as a decimal (${text}.0)`,
    });
  }
  return value;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
