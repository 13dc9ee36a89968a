import { isUtf8 } from 'node:buffer';
import type { FlowFile } from '@sluice/engine';
import type { ByteArena } from './byte-arena.js';
import type { Charset } from './charset.js';
import type { ReplaceTextPlan, WholeTextPiece } from './replace-text-plan.js';

/**
 * A whole-text Regex Replace (`(?s)(^.*$)`, NiFi's default Search Value) in Entire text mode,
 * prepared for one character set: literal pieces are encoded once, and the content's bytes are
 * copied into the result as they are instead of being decoded, matched and encoded again. Only
 * for content that decoding would not change (valid UTF-8, or any ISO-8859-1), so the result is
 * byte for byte what the regex path writes.
 */
export interface WholeTextWrap {
  readonly pieces: readonly (Buffer | 'content' | { readonly expression: string })[];
  readonly lossless: (content: Buffer) => boolean;
  /** Expression values are written straight into the output (UTF-8), or encoded first. */
  readonly utf8: boolean;
  readonly charset: Charset;
}

/**
 * The wrap for a plan whose Search Value matches the whole text (`plan.wholeText`), in Entire
 * text mode, for a character set decoding cannot change the bytes of; undefined otherwise.
 */
export function wholeTextWrap(
  pieces: readonly WholeTextPiece[] | undefined,
  charset: Charset,
  entireText: boolean,
): WholeTextWrap | undefined {
  if (pieces === undefined || !entireText) return undefined;
  let lossless: ((content: Buffer) => boolean) | undefined;
  if (charset.name === 'UTF-8') lossless = (content) => isUtf8(content);
  else if (charset.name === 'ISO-8859-1') lossless = () => true;
  if (lossless === undefined) return undefined;
  return {
    lossless,
    charset,
    utf8: charset.name === 'UTF-8',
    pieces: pieces.map((piece) => {
      switch (piece.kind) {
        case 'text':
          return charset.encode(piece.text);
        case 'content':
          return 'content';
        case 'expression':
          return { expression: piece.source };
        default: {
          const exhaustive: never = piece;
          throw new Error(`Unknown piece ${JSON.stringify(exhaustive)}`);
        }
      }
    }),
  };
}

/** Values of a whole-text replacement's expressions, reused (wrapping never awaits). */
const evaluated: string[] = [];

/** The whole-text replacement of one flowfile's content, as bytes carved from `arena`. */
export function wrapWholeText(
  { pieces, utf8, charset }: WholeTextWrap,
  plan: ReplaceTextPlan,
  flowFile: FlowFile,
  content: Buffer,
  arena: ByteArena,
): Buffer {
  let maxBytes = 0;
  evaluated.length = 0;
  for (const piece of pieces) {
    if (piece === 'content') maxBytes += content.length;
    else if (Buffer.isBuffer(piece)) maxBytes += piece.length;
    else {
      const value = plan.evaluateReplacement(piece.expression, flowFile);
      evaluated.push(value);
      maxBytes += value.length * charset.maxBytesPerUnit;
    }
  }
  const buffer = arena.reserve(maxBytes);
  let position = arena.start;
  let next = 0;
  for (const piece of pieces) {
    if (piece === 'content' || Buffer.isBuffer(piece)) {
      position = copyInto(buffer, position, piece === 'content' ? content : piece);
    } else if (utf8) {
      position = writeUtf8(buffer, position, evaluated[next++]!);
    } else {
      position = copyInto(buffer, position, charset.encode(evaluated[next++]!));
    }
  }
  return arena.take(position);
}

/** Copies `bytes` to `position` and returns the position after them (a loop for a few bytes). */
function copyInto(buffer: Buffer, position: number, bytes: Buffer): number {
  const length = bytes.length;
  if (length > 16) {
    buffer.set(bytes, position);
    return position + length;
  }
  for (let i = 0; i < length; i++) buffer[position + i] = bytes[i]!;
  return position + length;
}

/** Writes `text` as UTF-8 at `position`; returns the position after it (a loop for short ASCII). */
function writeUtf8(buffer: Buffer, position: number, text: string): number {
  const length = text.length;
  if (length <= 64) {
    let i = 0;
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) break;
      buffer[position + i] = code;
    }
    if (i === length) return position + length;
  }
  return position + buffer.write(text, position, 'utf8');
}
