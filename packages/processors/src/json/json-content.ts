import { describeLocation } from '@sluice/expression-language';
import { findJsonSyntaxError } from './json-syntax-error.js';
import { readJsonValue } from './json-value.js';

/** Flowfile content read as text or JSON: the value, or why it could not be read and where. */
export type ContentReading<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * Decodes content as UTF-8 (a leading byte order mark is dropped). Invalid bytes are refused
 * rather than replaced: a transform that silently turned them into U+FFFD would lose data.
 */
export function decodeUtf8(bytes: Uint8Array): ContentReading<string> {
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const { start, end } = firstInvalidUtf8(bytes);
    const shown = [...bytes.subarray(start, end)].map((b) => `0x${hex(b)}`).join(' ');
    return {
      ok: false,
      reason: `the content is not UTF-8 text: the bytes ${shown} at byte offset ${start} are not valid UTF-8`,
    };
  }
}

/**
 * Parses content as one JSON document (RFC 8259, UTF-8). On failure the reason says what is
 * wrong and where (line and column), ready for a failure attribute and a bulletin.
 */
export function parseJsonContent(bytes: Uint8Array): ContentReading<unknown> {
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? parseJsonText(decoded.value) : decoded;
}

/** A run of digits long enough to be an integer JSON.parse would round (beyond 2^53). */
const LONG_DIGITS = /\d{16}/;

/**
 * As {@link parseJsonContent}, but integers beyond ±2^53 (a tweet id, a Java long) keep every
 * digit, as `bigint`, as NiFi's Jackson keeps a long. Content without such a long run of digits
 * is parsed by JSON.parse alone.
 */
export function parseJsonContentExact(bytes: Uint8Array): ContentReading<unknown> {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseJsonText(decoded.value);
  if (!parsed.ok || !LONG_DIGITS.test(decoded.value)) return parsed;
  const exact = readJsonValue(decoded.value, 0);
  return exact ? { ok: true, value: exact.value } : parsed;
}

/** Parses decoded content as one JSON document, or says what is wrong and where. */
function parseJsonText(text: string): ContentReading<unknown> {
  if (text.trim() === '') return { ok: false, reason: 'the content is empty, not JSON' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found === undefined) {
      // Not expected (the finder accepts what JSON.parse accepts); keep the engine's own words.
      return { ok: false, reason: `the content is not valid JSON: ${String(error)}` };
    }
    return {
      ok: false,
      reason: `the content is not valid JSON: ${found.message} (at ${describeLocation(text, found.position)})`,
    };
  }
}

/** The first invalid byte sequence of content that is not valid UTF-8: [start, end). */
function firstInvalidUtf8(bytes: Uint8Array): { start: number; end: number } {
  // Validity of a prefix is monotonic (streaming tolerates only an incomplete tail), so bisect
  // for the shortest invalid prefix: its last byte is where decoding failed.
  const validPrefix = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), {
        stream: true,
      });
      return true;
    } catch {
      return false;
    }
  };
  if (validPrefix(bytes.length)) {
    // Only the tail is incomplete.
    return { start: sequenceStart(bytes, bytes.length), end: bytes.length };
  }
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (validPrefix(middle)) low = middle;
    else high = middle;
  }
  return { start: sequenceStart(bytes, high - 1), end: high };
}

/** Where the multi-byte sequence that byte `at` falls in (or would continue) starts: `at` if none. */
function sequenceStart(bytes: Uint8Array, at: number): number {
  let start = at - 1;
  while (start >= 0 && at - start < 4 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
  const lead = bytes[start] ?? 0;
  if (start < 0 || lead < 0xc0) return at;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return at - start < length ? start : at;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
