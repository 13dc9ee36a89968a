/** Character sets the content viewer decodes text with. */
export const CONTENT_CHARSETS = ['utf-8', 'utf-16le', 'latin1'] as const;

/** A character set of {@link CONTENT_CHARSETS}. */
export type ContentCharset = (typeof CONTENT_CHARSETS)[number];

/** Text decoded from a range, and how many of its bytes it used. */
export interface DecodedText {
  readonly text: string;
  /** Bytes decoded: fewer than given when the range ended inside a character. */
  readonly bytes: number;
}

/**
 * Decodes a range of content as text. Unless the range is the end of the content, a character cut
 * by the range's end is left for the next range (`bytes` says where that starts), so text read
 * range by range and joined is the text read whole.
 */
export function decodeRange(buffer: Buffer, charset: ContentCharset, atEnd: boolean): DecodedText {
  const bytes = atEnd ? buffer.length : completeLength(buffer, charset);
  const whole = buffer.subarray(0, bytes);
  switch (charset) {
    case 'utf-8':
      return { text: new TextDecoder('utf-8').decode(whole), bytes };
    case 'utf-16le':
      return { text: new TextDecoder('utf-16le').decode(whole), bytes };
    case 'latin1':
      // ISO-8859-1 proper: TextDecoder's 'latin1' is windows-1252 (the WHATWG label), and Node
      // built without full ICU decodes that as ISO-8859-1 anyway.
      return { text: whole.toString('latin1'), bytes };
    default: {
      const exhaustive: never = charset;
      throw new Error(`unknown charset ${String(exhaustive)}`);
    }
  }
}

/** The length of the buffer's prefix that ends on a character boundary. */
function completeLength(buffer: Buffer, charset: ContentCharset): number {
  switch (charset) {
    case 'utf-8':
      return utf8Boundary(buffer);
    case 'utf-16le': {
      let end = buffer.length - (buffer.length % 2);
      // A high surrogate last: its low half is in the next range.
      if (end >= 2) {
        const unit = buffer.readUInt16LE(end - 2);
        if (unit >= 0xd800 && unit <= 0xdbff) end -= 2;
      }
      return end;
    }
    case 'latin1':
      return buffer.length;
    default: {
      const exhaustive: never = charset;
      throw new Error(`unknown charset ${String(exhaustive)}`);
    }
  }
}

/** Cuts an incomplete UTF-8 sequence off the end (invalid bytes are left to the decoder). */
function utf8Boundary(buffer: Buffer): number {
  const n = buffer.length;
  // A sequence is at most 4 bytes: look back at most 3 continuation bytes for its lead byte.
  for (let back = 1; back <= Math.min(4, n); back++) {
    const byte = buffer[n - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? n - back : n;
  }
  return n;
}
