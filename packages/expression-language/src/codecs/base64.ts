const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((char, index) => [char, index]));
const VALID = /^[A-Za-z0-9+/]*={0,2}$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Base64 (RFC 4648, padded) of the UTF-8 bytes of text. */
export function base64Encode(text: string): string {
  const bytes = encoder.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET.charAt(triple >> 18) + ALPHABET.charAt((triple >> 12) & 63);
    out += b === undefined ? '=' : ALPHABET.charAt((triple >> 6) & 63);
    out += c === undefined ? '=' : ALPHABET.charAt(triple & 63);
  }
  return out;
}

/**
 * Text from Base64 of UTF-8 bytes; padding is optional, as with Java's decoder, and bytes that
 * are not UTF-8 become U+FFFD.
 *
 * @throws Error when the text is not Base64.
 */
export function base64Decode(text: string): string {
  if (!VALID.test(text) || text.length % 4 === 1 || (text.includes('=') && text.length % 4 !== 0)) {
    throw new Error(`'${text.length > 40 ? `${text.slice(0, 40)}…` : text}' is not valid Base64`);
  }
  const digits = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((digits.length * 3) / 4));
  let bits = 0;
  let buffered = 0;
  let length = 0;
  for (const char of digits) {
    buffered = ((buffered << 6) | (DECODE.get(char) ?? 0)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffered >> bits) & 0xff;
    }
  }
  return decoder.decode(bytes.subarray(0, length));
}
