const JAVA_DIFFERENCES: Readonly<Record<string, string>> = {
  '%20': '+',
  '!': '%21',
  "'": '%27',
  '(': '%28',
  ')': '%29',
  '~': '%7E',
};
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Encodes text as Java's `URLEncoder` does with UTF-8 (form encoding): letters, digits and
 * `.-*_` are kept, a space becomes `+`, everything else `%XX`.
 */
export function urlEncode(text: string): string {
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(
    /%20|[!'()~]/g,
    (match) => JAVA_DIFFERENCES[match] ?? match,
  );
}

/**
 * Decodes form-encoded text as Java's `URLDecoder` does: `+` is a space, `%XX` are UTF-8 bytes.
 *
 * @throws Error when a `%` escape is malformed or the bytes are not UTF-8.
 */
export function urlDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new Error(
      `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}' is not valid URL encoding`,
    );
  }
}
