import { randomFillSync } from 'node:crypto';

/**
 * NiFi's GenerateFlowFile alphabet for Text data (Sluice's GenerateFlowFile uses the same), so the
 * Node-RED payload has the same kind of content as Sluice's generated flowfiles: letters, digits,
 * punctuation, quotes, tabs and newlines.
 */
const TEXT_CHARS =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890!@#$%^&*()-_=+/?.,\';:"?<>\n\t ';

/** A random ASCII text of exactly `length` characters (and bytes) from {@link TEXT_CHARS}. */
export function randomText(length: number): string {
  const random = randomFillSync(Buffer.allocUnsafe(length));
  let text = '';
  for (const byte of random) text += TEXT_CHARS[byte % TEXT_CHARS.length];
  return text;
}
