/** How a Kafka message key is written as (or read from) a flowfile attribute, as NiFi's KeyEncoding. */
export type KeyEncoding = 'utf-8' | 'hex' | 'do-not-add';

/** The key encodings, with NiFi's display names. */
export const KEY_ENCODINGS = [
  {
    value: 'utf-8',
    displayName: 'UTF-8 Encoded',
    description: 'The key is interpreted as a UTF-8 Encoded string.',
  },
  {
    value: 'hex',
    displayName: 'Hex Encoded',
    description:
      'The key is interpreted as arbitrary binary data and is encoded using hexadecimal characters with uppercase letters',
  },
  {
    value: 'do-not-add',
    displayName: 'Do Not Add Key as Attribute',
    description: 'The key will not be added as an Attribute',
  },
] as const;

/** Character sets offered for header values (a subset of Java's that Node decodes natively). */
export const HEADER_CHARSETS = ['UTF-8', 'ISO-8859-1', 'US-ASCII', 'UTF-16LE'] as const;

/** A header character set. */
export type HeaderCharset = (typeof HEADER_CHARSETS)[number];

/** Node's name for a header character set. */
export function bufferEncodingOf(charset: HeaderCharset): BufferEncoding {
  switch (charset) {
    case 'UTF-8':
      return 'utf8';
    case 'ISO-8859-1':
      return 'latin1';
    case 'US-ASCII':
      return 'ascii';
    case 'UTF-16LE':
      return 'utf16le';
    default: {
      const _exhaustive: never = charset;
      throw new Error(`Unknown character set ${String(_exhaustive)}`);
    }
  }
}

/** The attribute value of a consumed key, or undefined when there is none or it is not added. */
export function keyAttribute(
  key: Buffer | null | undefined,
  encoding: KeyEncoding,
): string | undefined {
  if (!key) return undefined;
  switch (encoding) {
    case 'utf-8':
      return key.toString('utf8');
    case 'hex':
      // NiFi writes hex keys with uppercase letters.
      return key.toString('hex').toUpperCase();
    case 'do-not-add':
      return undefined;
    default: {
      const _exhaustive: never = encoding;
      throw new Error(`Unknown key encoding ${String(_exhaustive)}`);
    }
  }
}

/** The key bytes of a key written as text in `encoding`; throws when hex text is not hex. */
export function keyBytes(text: string, encoding: Exclude<KeyEncoding, 'do-not-add'>): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) {
    throw new Error(`Kafka Key '${text}' is not hexadecimal (pairs of 0-9, a-f)`);
  }
  return Buffer.from(text, 'hex');
}
