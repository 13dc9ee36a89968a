/** Receives each line a {@link LineScanner} finds: its byte length (with the line ending) and more. */
export type OnLine = (length: number, endingLength: 0 | 1 | 2, startsWithMarker: boolean) => void;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds the lines of bytes that arrive in chunks, without holding them: only each line's length
 * and line-ending length are reported, so content of any size is scanned in constant memory.
 *
 * Lines end at `\n`, `\r\n` or a lone `\r`, as NiFi's TextLineDemarcator splits them; a `\r` at
 * the end of a chunk waits for the next chunk to see whether `\n` follows. With a `marker`, each
 * line also says whether it starts with those bytes (SplitText's Header Line Marker Characters).
 */
export class LineScanner {
  readonly #onLine: OnLine;
  readonly #marker: Uint8Array | undefined;
  /** Bytes of the current line seen so far. */
  #length = 0;
  /** The current line ended with `\r` at the end of the last chunk. */
  #pendingCr = false;
  /** How many marker bytes the current line matched; -1 once one did not match. */
  #markerMatched = 0;

  constructor(onLine: OnLine, marker?: Uint8Array) {
    this.#onLine = onLine;
    this.#marker = marker !== undefined && marker.length > 0 ? marker : undefined;
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    const end = chunk.length;
    if (end === 0) return;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (chunk[0] === LF) {
        this.#emit(this.#length + 1, 2);
        pos = 1;
      } else {
        this.#emit(this.#length, 1);
      }
    }
    // Native searches for the two ending bytes instead of a loop over every byte.
    let nextLf = -2;
    let nextCr = -2;
    while (pos < end) {
      if (nextLf !== -1 && nextLf < pos) nextLf = chunk.indexOf(LF, pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = chunk.indexOf(CR, pos);
      const stop = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (stop === -1) {
        this.#matchMarker(chunk, pos, end);
        this.#length += end - pos;
        return;
      }
      this.#matchMarker(chunk, pos, stop);
      const body = this.#length + stop - pos;
      if (chunk[stop] === LF) {
        this.#emit(body + 1, 1);
        pos = stop + 1;
      } else if (stop + 1 < end) {
        const crlf = chunk[stop + 1] === LF;
        this.#emit(body + (crlf ? 2 : 1), crlf ? 2 : 1);
        pos = stop + (crlf ? 2 : 1);
      } else {
        this.#length = body + 1;
        this.#pendingCr = true;
        return;
      }
    }
  }

  /** The content ended: reports a last line without a line ending, if there is one. */
  end(): void {
    if (this.#pendingCr) {
      this.#pendingCr = false;
      this.#emit(this.#length, 1);
    } else if (this.#length > 0) {
      this.#emit(this.#length, 0);
    }
  }

  #matchMarker(chunk: Uint8Array, from: number, to: number): void {
    const marker = this.#marker;
    if (marker === undefined) return;
    let matched = this.#markerMatched;
    for (let i = from; i < to && matched >= 0 && matched < marker.length; i++) {
      matched = chunk[i] === marker[matched] ? matched + 1 : -1;
    }
    this.#markerMatched = matched;
  }

  #emit(length: number, endingLength: 0 | 1 | 2): void {
    const startsWithMarker =
      this.#marker !== undefined && this.#markerMatched === this.#marker.length;
    this.#length = 0;
    this.#markerMatched = 0;
    this.#onLine(length, endingLength, startsWithMarker);
  }
}
