const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;

/**
 * Escapes text for XML 1.0 content and attributes: the five predefined entities, and characters
 * XML 1.0 forbids (most control characters, U+FFFE, U+FFFF) are dropped, as Apache Commons
 * Text's escapeXml10 does.
 */
export function escapeXml(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const entity = ENTITIES[text.charAt(i)];
    const forbidden =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff;
    if (entity === undefined && !forbidden) continue;
    out += text.slice(copied, i) + (entity ?? '');
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Resolves the five predefined XML entities and numeric character references. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (match, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return NAMED[name] ?? match;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    },
  );
}
