/**
 * Splits a property value into literal text and `${...}` / `#{...}` pieces, so a processor can
 * treat the two differently — as NiFi's ReplaceText does when it inserts back-references only
 * into the literal text and quotes attribute values placed into a regular expression.
 */
import { parse } from '@sluice/expression-language';

/**
 * One piece of a template: text as written, the source of one `${...}` expression, or one
 * `#{...}` parameter reference (constant while the processor runs).
 */
export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'expression' | 'parameter'; readonly source: string };

/**
 * Splits `template` with the expression language's own parser, so escapes (`$${a}` is the text
 * `${a}`, `$1` stays `$1`) are read exactly as the engine reads them.
 *
 * @throws ExpressionError when the template is malformed.
 */
export function splitTemplate(template: string): TemplatePart[] {
  return parse(template).parts.map((part): TemplatePart =>
    part.kind === 'literal'
      ? { kind: 'literal', text: part.text }
      : { kind: part.kind, source: template.slice(part.start, part.end) },
  );
}

/** True when the template has at least one `${...}` expression. */
export function hasExpressions(parts: readonly TemplatePart[]): boolean {
  return parts.some((part) => part.kind === 'expression');
}

/**
 * Replaces parameter references by their values (`resolve` evaluates one), merging them into the
 * literal text around them: a parameter is configuration, written as if typed in its place.
 */
export function resolveParameters(
  parts: readonly TemplatePart[],
  resolve: (source: string) => string,
): TemplatePart[] {
  const resolved: TemplatePart[] = [];
  for (const part of parts) {
    const text =
      part.kind === 'parameter'
        ? resolve(part.source)
        : part.kind === 'literal'
          ? part.text
          : undefined;
    const last = resolved.at(-1);
    if (text === undefined) resolved.push(part);
    else if (last?.kind === 'literal')
      resolved[resolved.length - 1] = { kind: 'literal', text: last.text + text };
    else if (text !== '') resolved.push({ kind: 'literal', text });
  }
  return resolved;
}
