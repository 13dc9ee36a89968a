import { isParameterReference, type FlowDocument } from '@sluice/flow-schema';
import type { ProcessorRegistry } from '../processor/processor-registry.js';
import { isSensitiveProperty } from '../processor/sensitive-property.js';

/** What stands in for a secret inside a message. */
export const SECRET_MASK = '********';

/**
 * Every secret of a flow: the values of sensitive processor and controller service properties,
 * declared or dynamic (a `#{parameter}` reference reveals nothing and is not one), and of
 * sensitive parameters. Longest first, so a
 * secret that contains another is masked whole.
 */
export function sensitiveValues(
  document: FlowDocument,
  registry: ProcessorRegistry,
  /** Parameter values given at run time, which take the place of the document's. */
  runtimeValues: Readonly<Record<string, string>> = {},
): string[] {
  const secrets = new Set<string>();
  for (const component of [...document.flow.processors, ...document.flow.controllerServices]) {
    for (const [key, value] of Object.entries(component.properties)) {
      if (
        isSensitiveProperty(registry, component, key) &&
        value !== '' &&
        !isParameterReference(value)
      ) {
        secrets.add(value);
      }
    }
  }
  for (const context of document.flow.parameterContexts) {
    for (const parameter of context.parameters) {
      if (!parameter.sensitive) continue;
      if (parameter.value) secrets.add(parameter.value);
      const runtime = runtimeValues[parameter.name];
      if (runtime) secrets.add(runtime);
    }
  }
  return [...secrets].sort((a, b) => b.length - a.length);
}

/**
 * Secrets shorter than this are masked only where they stand alone; longer ones wherever they
 * appear. A one-letter password masked everywhere would turn every id and name of an answer into
 * asterisks (`794a211d-a********54…`), and an operator could address nothing any more.
 */
export const SHORT_SECRET_LENGTH = 8;

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** True when the match of `secret` at `index` of `text` is not part of a longer word. */
function standsAlone(text: string, index: number, secret: string): boolean {
  const before = text[index - 1];
  const after = text[index + secret.length];
  const joinsBefore =
    before !== undefined && WORD_CHARACTER.test(before) && WORD_CHARACTER.test(secret[0]!);
  const joinsAfter =
    after !== undefined && WORD_CHARACTER.test(after) && WORD_CHARACTER.test(secret.at(-1)!);
  return !joinsBefore && !joinsAfter;
}

/** `text` with the occurrences of a short `secret` that stand alone masked. */
function maskStandingAlone(text: string, secret: string): string {
  let masked = '';
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    if (at < from || !standsAlone(text, at, secret)) continue;
    masked += text.slice(from, at) + SECRET_MASK;
    from = at + secret.length;
  }
  return from === 0 ? text : masked + text.slice(from);
}

/**
 * A text with every secret replaced by {@link SECRET_MASK}: a secret of
 * {@link SHORT_SECRET_LENGTH} characters or more wherever it appears, a shorter one where it
 * stands alone (not inside a longer word, so `'Password': 'abc'` is masked, `abcdef` is not).
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (!masked.includes(secret)) continue;
    masked =
      secret.length >= SHORT_SECRET_LENGTH
        ? masked.split(secret).join(SECRET_MASK)
        : maskStandingAlone(masked, secret);
  }
  return masked;
}
