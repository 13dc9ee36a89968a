/** SplitText's limits, as its properties give them. */
export interface SplitLimits {
  /** Lines per split, header excluded; 0 for no line limit. */
  readonly lineSplitCount: number;
  /** Bytes per split, header included; Infinity for no size limit. */
  readonly maxFragmentSize: number;
  /** Lines of header; 0 to use the marker (or no header). */
  readonly headerLineCount: number;
  /** Whether lines starting with the Header Line Marker Characters make the header. */
  readonly headerMarker: boolean;
}

/** The header lines found at the start of the content. */
export interface SplitHeader {
  /** Bytes, with the last header line's ending. */
  readonly length: number;
  readonly lineCount: number;
  /** Length of the last header line's ending (a header-only split leaves it out). */
  readonly lastEndingLength: number;
}

/**
 * The splits of one content, column by column (a million splits are four arrays of numbers, not
 * a million objects). Split `i` covers bytes `start[i]` to `start[i] + length[i]`; its text
 * without trailing empty lines and the last line ending is the first `contentLength[i]` bytes.
 */
export interface SplitTable {
  readonly start: number[];
  readonly length: number[];
  readonly contentLength: number[];
  /** Lines that are not empty, as NiFi's text.line.count counts them. */
  readonly lineCount: number[];
}

/** The outcome of planning: where the header and each split are, or why it cannot be split. */
export type SplitPlanResult =
  | { readonly ok: true; readonly header: SplitHeader | undefined; readonly splits: SplitTable }
  | { readonly ok: false; readonly reason: string };

/**
 * Works out SplitText's splits from the lines of a content, fed one at a time in order (see
 * LineScanner), holding only offsets: NiFi's SplitText.computeHeader and nextSplit.
 *
 * - The header is the first Header Line Count lines, or else the leading lines that start with
 *   the marker; it may not exceed Maximum Fragment Size, and a content with some lines but fewer
 *   than Header Line Count cannot be split.
 * - A split ends when it has Line Split Count lines, or when the next line would take it (with
 *   the header) past Maximum Fragment Size; a line too large on its own is a split of its own.
 * - A split's line count leaves out empty lines, as NiFi's does.
 */
export class SplitPlanner {
  readonly #limits: SplitLimits;
  readonly #splits: SplitTable = { start: [], length: [], contentLength: [], lineCount: [] };
  #phase: 'header' | 'body';
  #offset = 0;
  #headerLength = 0;
  #headerLines = 0;
  #headerLastEnding = 0;
  #problem: string | undefined;
  // The split being built.
  #start = 0;
  #length = 0;
  #lines = 0;
  #nonEmptyLines = 0;
  #contentLength = 0;

  constructor(limits: SplitLimits) {
    this.#limits = limits;
    this.#phase = limits.headerLineCount > 0 || limits.headerMarker ? 'header' : 'body';
  }

  /** True while header lines are still being read. */
  get inHeader(): boolean {
    return this.#phase === 'header';
  }

  line(length: number, endingLength: number, startsWithMarker: boolean): void {
    if (this.#problem !== undefined) return;
    if (this.#phase === 'header') {
      const { headerLineCount, maxFragmentSize } = this.#limits;
      if (headerLineCount > 0 || startsWithMarker) {
        if (this.#headerLength + length > maxFragmentSize) {
          this.#problem = `the header is larger than the Maximum Fragment Size of ${maxFragmentSize} bytes`;
          return;
        }
        this.#headerLength += length;
        this.#headerLines++;
        this.#headerLastEnding = endingLength;
        this.#offset += length;
        if (this.#headerLines === headerLineCount) this.#phase = 'body';
        return;
      }
      this.#phase = 'body';
    }
    this.#bodyLine(length, endingLength);
  }

  /** The content ended. */
  finish(): SplitPlanResult {
    if (this.#problem !== undefined) return { ok: false, reason: this.#problem };
    const { headerLineCount } = this.#limits;
    if (headerLineCount > 0 && this.#headerLines > 0 && this.#headerLines < headerLineCount) {
      return {
        ok: false,
        reason: `the Header Line Count is ${headerLineCount} but the content has only ${this.#headerLines} line(s)`,
      };
    }
    this.#close();
    const header =
      this.#headerLines > 0
        ? {
            length: this.#headerLength,
            lineCount: this.#headerLines,
            lastEndingLength: this.#headerLastEnding,
          }
        : undefined;
    return { ok: true, header, splits: this.#splits };
  }

  #bodyLine(length: number, endingLength: number): void {
    const { lineSplitCount, maxFragmentSize } = this.#limits;
    const header = this.#headerLength;
    if (this.#lines > 0 && this.#length + length + header > maxFragmentSize) this.#close();
    if (this.#lines === 0) this.#start = this.#offset;
    this.#offset += length;
    this.#length += length;
    this.#lines++;
    if (length > endingLength) {
      this.#nonEmptyLines++;
      this.#contentLength = this.#length - endingLength;
    }
    const oversized = this.#lines === 1 && length + header > maxFragmentSize;
    if (oversized || (lineSplitCount > 0 && this.#lines >= lineSplitCount)) this.#close();
  }

  #close(): void {
    if (this.#lines === 0) return;
    const splits = this.#splits;
    splits.start.push(this.#start);
    splits.length.push(this.#length);
    splits.contentLength.push(this.#contentLength);
    splits.lineCount.push(this.#nonEmptyLines);
    this.#length = 0;
    this.#lines = 0;
    this.#nonEmptyLines = 0;
    this.#contentLength = 0;
  }
}
