import type { ContentClaim, ContentRepository } from '@sluice/engine';
import { maskBytesInPlace } from '../secrets/secret-bytes.js';

/** How a preview shows bytes. */
export type PreviewFormat = 'text' | 'hex';

/** Bytes per line of a hex view. */
const HEX_WIDTH = 16;

/** A range of an event's content, masked, as text or as hex dump lines. */
export interface ContentPreview {
  /** Size of the whole content, bytes. */
  readonly size: number;
  /** Where the range starts and how many bytes it holds. */
  readonly offset: number;
  readonly length: number;
  /** True when the bytes look binary (a NUL, or many control bytes): hex suits them better. */
  readonly binary: boolean;
  readonly format: PreviewFormat;
  /** The range as UTF-8 text (`text` format) or hex dump lines (`hex` format). */
  readonly text: string;
}

/**
 * Reads `length` bytes from `offset` of a claim and masks secrets in them. A secret that runs
 * over either end of the range is masked too: the read takes `longest - 1` bytes more each side.
 */
export async function readPreview(
  content: ContentRepository,
  claim: ContentClaim,
  range: { readonly offset: number; readonly length: number },
  secrets: readonly Buffer[],
): Promise<Buffer> {
  const margin = Math.max(0, (secrets[0]?.length ?? 0) - 1);
  const start = Math.min(range.offset, claim.length);
  const end = Math.min(claim.length, start + range.length);
  const readStart = Math.max(0, start - margin);
  const readEnd = Math.min(claim.length, end + margin);
  const chunks: Buffer[] = [];
  for await (const chunk of content.read(claim, { start: readStart, end: readEnd })) {
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  maskBytesInPlace(bytes, secrets);
  return bytes.subarray(start - readStart, end - readStart);
}

/** True for bytes better shown as hex: a NUL, or more than one in ten control bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) control++;
  }
  return control * 10 > bytes.length;
}

/**
 * A classic hex dump, one line per 16 bytes: offset, the bytes in two groups of eight, and the
 * printable ASCII (others as `.`). `base` is the offset of the first byte in the whole content.
 */
export function hexDump(bytes: Uint8Array, base = 0): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += HEX_WIDTH) {
    const row = bytes.subarray(at, at + HEX_WIDTH);
    const hex: string[] = [];
    let ascii = '';
    for (let i = 0; i < HEX_WIDTH; i++) {
      const byte = row[i];
      hex.push(byte === undefined ? '  ' : byte.toString(16).padStart(2, '0'));
      if (byte !== undefined)
        ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    const offset = (base + at).toString(16).padStart(8, '0');
    lines.push(`${offset}  ${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}  |${ascii}|`);
  }
  return lines.join('\n');
}

/** The preview of bytes read at `offset` of content of `size` bytes. */
export function previewOf(
  bytes: Buffer,
  offset: number,
  size: number,
  format: PreviewFormat,
): ContentPreview {
  return {
    size,
    offset,
    length: bytes.length,
    binary: looksBinary(bytes),
    format,
    text: format === 'hex' ? hexDump(bytes, offset) : bytes.toString('utf8'),
  };
}
