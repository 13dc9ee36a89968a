import { isParameterReference, type FlowDocument } from '@sluice/flow-schema';
import type { ProcessorRegistry } from '../processor/processor-registry.js';

/** What stands in for a secret inside a message. */
export const SECRET_MASK = '********';

/**
 * Every secret of a flow: the values of sensitive processor and controller service properties (a `#{parameter}`
 * reference reveals nothing and is not one) and of sensitive parameters. Longest first, so a
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
    const declared = registry.propertiesOf(component.type) ?? {};
    for (const [key, value] of Object.entries(component.properties)) {
      if (declared[key]?.sensitive && value !== '' && !isParameterReference(value)) {
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

/** A text with every secret replaced by {@link SECRET_MASK}. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (masked.includes(secret)) masked = masked.split(secret).join(SECRET_MASK);
  }
  return masked;
}
