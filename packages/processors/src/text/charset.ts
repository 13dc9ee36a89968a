import { StringDecoder } from 'node:string_decoder';

/** Decodes a byte stream chunk by chunk, keeping characters split across chunks whole. */
export interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/**
 * A character set a text processor reads and writes content in, as Java's `Charset`: NiFi's
 * `Character Set` properties name one. Only the sets Node can code without a dependency.
 */
export interface Charset {
  /** Canonical (Java) name, for messages. */
  readonly name: string;
  decode(bytes: Buffer): string;
  encode(text: string): Buffer;
  newDecoder(): ChunkDecoder;
  /** Encodes text chunk by chunk (a byte-order mark, where the set writes one, comes only first). */
  newEncoder(): (text: string) => Buffer;
  /** Upper bound of bytes per UTF-16 code unit, to skip exact byte counts when a bound suffices. */
  readonly maxBytesPerUnit: number;
  byteLength(text: string): number;
}

const UNMAPPABLE_LATIN1 = /[\u0100-\uffff]/g;
const UNMAPPABLE_ASCII = /[\u0080-\uffff]/g;
const HIGH_BYTES = /[\x80-\xff]/g;

function nodeCharset(name: string, encoding: 'utf8' | 'utf16le', maxBytesPerUnit: number): Charset {
  return {
    name,
    decode: (bytes) => bytes.toString(encoding),
    encode: (text) => Buffer.from(text, encoding),
    newDecoder: () => new StringDecoder(encoding),
    newEncoder: () => (text) => Buffer.from(text, encoding),
    maxBytesPerUnit,
    byteLength: (text) => Buffer.byteLength(text, encoding),
  };
}

/** Java replaces characters a single-byte set cannot hold with `?`; Node would keep the low byte. */
function singleByteCharset(name: string, unmappable: RegExp, sevenBit: boolean): Charset {
  // Java decodes a byte above 0x7f in US-ASCII as U+FFFD; Node's 'ascii' would drop the high bit.
  const decode = (bytes: Buffer): string => {
    const text = bytes.toString('latin1');
    return sevenBit ? text.replace(HIGH_BYTES, '\ufffd') : text;
  };
  const encode = (text: string): Buffer => Buffer.from(text.replace(unmappable, '?'), 'latin1');
  return {
    name,
    decode,
    encode,
    newDecoder: () => ({ write: decode, end: () => '' }),
    newEncoder: () => encode,
    maxBytesPerUnit: 1,
    byteLength: (text) => text.length,
  };
}

/** Swaps each byte pair, carrying an odd trailing byte over to the next chunk. */
function utf16BeDecoder(): ChunkDecoder {
  const inner = new StringDecoder('utf16le');
  let carry: Buffer | undefined;
  return {
    write(chunk) {
      const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
      const even = bytes.length - (bytes.length % 2);
      carry = even < bytes.length ? Buffer.from(bytes.subarray(even)) : undefined;
      return inner.write(Buffer.from(bytes.subarray(0, even)).swap16());
    },
    end() {
      // An odd final byte cannot form a character: Java decodes it as U+FFFD.
      const rest = inner.end();
      return carry ? `${rest}\ufffd` : rest;
    },
  };
}

const UTF16_BE: Charset = {
  name: 'UTF-16BE',
  decode(bytes) {
    const decoder = utf16BeDecoder();
    return decoder.write(bytes) + decoder.end();
  },
  encode: (text) => Buffer.from(text, 'utf16le').swap16(),
  newDecoder: utf16BeDecoder,
  newEncoder: () => UTF16_BE.encode,
  maxBytesPerUnit: 2,
  byteLength: (text) => text.length * 2,
};

/**
 * Java's `UTF-16`: decoding honours a byte-order mark (big-endian without one); encoding writes
 * big-endian with a mark.
 */
const UTF16: Charset = {
  name: 'UTF-16',
  decode(bytes) {
    const decoder = UTF16.newDecoder();
    return decoder.write(bytes) + decoder.end();
  },
  // Java writes no mark for empty text.
  encode: (text) =>
    text === ''
      ? Buffer.alloc(0)
      : Buffer.concat([Buffer.from([0xfe, 0xff]), UTF16_BE.encode(text)]),
  newDecoder() {
    let chosen: ChunkDecoder | undefined;
    let head = Buffer.alloc(0);
    return {
      write(chunk) {
        if (chosen) return chosen.write(chunk);
        head = Buffer.concat([head, chunk]);
        if (head.length < 2) return '';
        const littleEndian = head[0] === 0xff && head[1] === 0xfe;
        const marked = littleEndian || (head[0] === 0xfe && head[1] === 0xff);
        chosen = littleEndian ? new StringDecoder('utf16le') : utf16BeDecoder();
        return chosen.write(marked ? head.subarray(2) : head);
      },
      end() {
        if (chosen) return chosen.end();
        return head.length > 0 ? '\ufffd' : '';
      },
    };
  },
  newEncoder() {
    let first = true;
    return (text) => {
      if (!first || text === '') return UTF16_BE.encode(text);
      first = false;
      return UTF16.encode(text);
    };
  },
  maxBytesPerUnit: 2,
  byteLength: (text) => 2 + text.length * 2,
};

const CHARSETS: ReadonlyMap<string, Charset> = (() => {
  const utf8 = nodeCharset('UTF-8', 'utf8', 3);
  const utf16le = nodeCharset('UTF-16LE', 'utf16le', 2);
  const latin1 = singleByteCharset('ISO-8859-1', UNMAPPABLE_LATIN1, false);
  const ascii = singleByteCharset('US-ASCII', UNMAPPABLE_ASCII, true);
  // Java's canonical names and the aliases people type (Java's own, and Node's).
  const aliases: [string, Charset][] = [
    ['utf-8', utf8],
    ['utf8', utf8],
    ['utf-16le', utf16le],
    ['utf16le', utf16le],
    ['utf-16be', UTF16_BE],
    ['utf16be', UTF16_BE],
    ['utf-16', UTF16],
    ['utf16', UTF16],
    ['iso-8859-1', latin1],
    ['iso8859-1', latin1],
    ['iso8859_1', latin1],
    ['iso_8859_1', latin1],
    ['latin1', latin1],
    ['l1', latin1],
    ['us-ascii', ascii],
    ['ascii', ascii],
  ];
  return new Map(aliases);
})();

/** The names accepted by {@link charsetFor}, for messages. */
export const SUPPORTED_CHARSETS = 'UTF-8, UTF-16, UTF-16LE, UTF-16BE, ISO-8859-1, US-ASCII';

/** Looks a character set up by its Java name or a common alias, case-insensitively. */
export function charsetFor(name: string): Charset | undefined {
  return CHARSETS.get(name.trim().toLowerCase());
}

/** Property check for a `Character Set` property: undefined when supported, else the problem. */
export function validateCharset(name: string): string | undefined {
  return charsetFor(name)
    ? undefined
    : `is '${name}', which is not a supported character set (supported: ${SUPPORTED_CHARSETS})`;
}
