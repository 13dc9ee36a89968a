import type { Charset } from './charset.js';

/** Which lines Line-by-Line evaluation touches: NiFi's `Line-by-Line Evaluation Mode` values. */
export type LineSelection =
  'All' | 'First-Line' | 'Last-Line' | 'Except-First-Line' | 'Except-Last-Line';

/** A line longer than the Maximum Buffer Size: the flowfile goes to failure. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
}

/**
 * Applies a transformation to selected lines of a text that arrives in chunks, so content of any
 * size can be streamed while only one line (bounded by `maxLineBytes`) is held in memory.
 *
 * Lines end at `\n`, `\r\n` or a lone `\r`, as NiFi's LineDemarcator splits them. The
 * transformation sees a line without its terminator, and the terminator is written back as it
 * was, so line endings survive whatever the transformation does (NiFi hands the terminator to
 * the regex, where `\s*$` or `(?s).*` would eat it).
 */
export class LineTransformer {
  readonly #selection: LineSelection;
  readonly #transform: (line: string) => string;
  readonly #maxLineBytes: number;
  readonly #charset: Charset;
  /** Only Last-Line and Except-Last-Line need to see the next line before writing one. */
  readonly #holdsLine: boolean;
  #pending = '';
  #held: { readonly body: string; readonly terminator: string } | undefined;
  #index = 0;
  #changed = false;

  constructor(
    selection: LineSelection,
    transform: (line: string) => string,
    maxLineBytes: number,
    charset: Charset,
  ) {
    this.#selection = selection;
    this.#transform = transform;
    this.#maxLineBytes = maxLineBytes;
    this.#charset = charset;
    this.#holdsLine = selection === 'Last-Line' || selection === 'Except-Last-Line';
  }

  /** True once the transformation changed any line. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Takes the next chunk of text; returns the output of the lines it completed. */
  push(text: string): string {
    return this.#split(this.#pending + text, false);
  }

  /** Ends the text; returns the output of the remaining lines. */
  end(): string {
    let out = this.#split(this.#pending, true);
    if (this.#held) {
      out += this.#emit(this.#held.body, this.#held.terminator, true);
      this.#held = undefined;
    }
    return out;
  }

  #split(text: string, final: boolean): string {
    let out = '';
    let start = 0;
    // Both searches are remembered: looking for '\r' afresh per line would be quadratic.
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    for (;;) {
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
      const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (end === -1) break;
      // A '\r' ending a chunk may be the first half of '\r\n': wait for the next chunk.
      if (text.charCodeAt(end) === 13 && end + 1 === text.length && !final) break;
      const terminatorEnd =
        text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      out += this.#accept(text.slice(start, end), text.slice(end, terminatorEnd));
      start = terminatorEnd;
    }
    const rest = start === 0 ? text : text.slice(start);
    if (final) {
      this.#pending = '';
      if (rest !== '') out += this.#accept(rest, '');
    } else {
      this.#pending = rest;
      this.#checkLength(rest);
    }
    return out;
  }

  #accept(body: string, terminator: string): string {
    this.#checkLength(body);
    if (!this.#holdsLine) return this.#emit(body, terminator, false);
    const previous = this.#held;
    this.#held = { body, terminator };
    return previous ? this.#emit(previous.body, previous.terminator, false) : '';
  }

  #emit(body: string, terminator: string, isLast: boolean): string {
    const index = this.#index++;
    if (!this.#selected(index, isLast)) return body + terminator;
    const transformed = this.#transform(body);
    if (transformed !== body) this.#changed = true;
    return transformed + terminator;
  }

  #selected(index: number, isLast: boolean): boolean {
    switch (this.#selection) {
      case 'All':
        return true;
      case 'First-Line':
        return index === 0;
      case 'Except-First-Line':
        return index !== 0;
      case 'Last-Line':
        return isLast;
      case 'Except-Last-Line':
        return !isLast;
      default: {
        const exhaustive: never = this.#selection;
        throw new Error(`Unknown line selection ${String(exhaustive)}`);
      }
    }
  }

  #checkLength(line: string): void {
    // The exact byte count is only needed when the cheap upper bound exceeds the limit.
    if (line.length * this.#charset.maxBytesPerUnit <= this.#maxLineBytes) return;
    const bytes = this.#charset.byteLength(line);
    if (bytes > this.#maxLineBytes) {
      throw new LineTooLongError(
        `a line of ${bytes} bytes is longer than the Maximum Buffer Size (${this.#maxLineBytes} bytes)`,
      );
    }
  }
}
