const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Makes text one CSV field (RFC 4180): when it holds a comma, quote or line break it is wrapped
 * in quotes with quotes doubled; otherwise it is unchanged.
 */
export function escapeCsv(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Reverses {@link escapeCsv}: a quoted field that needed its quotes is unwrapped. */
export function unescapeCsv(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  const inner = text.slice(1, -1);
  return NEEDS_QUOTES.test(inner) ? inner.replaceAll('""', '"') : text;
}
