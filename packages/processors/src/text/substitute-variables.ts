const VARIABLE = /(\$?)\$\{([^{}]*)\}/g;
const DEFAULT_SEPARATOR = ':-';

/**
 * Replaces `${name}` references in text with attribute values, as NiFi's Substitute Variables
 * strategy does with Apache Commons Text's `StringSubstitutor`: `${name:-fallback}` gives a
 * fallback for a missing attribute, `$${name}` is the literal text `${name}`, and a reference
 * to a missing attribute without a fallback is left as it is.
 *
 * Unlike `StringSubstitutor`, a value is inserted as it is and never substituted again, so an
 * attribute that happens to contain `${...}` cannot pull in other attributes.
 */
export function substituteVariables(
  text: string,
  attributes: Readonly<Record<string, string>>,
): string {
  if (!text.includes('${')) return text;
  return text.replace(VARIABLE, (whole: string, escape: string, body: string) => {
    if (escape) return whole.slice(1);
    const separator = body.indexOf(DEFAULT_SEPARATOR);
    const name = separator === -1 ? body : body.slice(0, separator);
    const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (value !== undefined) return value;
    return separator === -1 ? whole : body.slice(separator + DEFAULT_SEPARATOR.length);
  });
}
