import { formatJsonPath, type FlowDocumentInput } from '@sluice/flow-schema';
import type { ImportReportLine } from './import-report.js';
import type { NiFiParameter, NiFiParameterContext } from './nifi-schema.js';

/** A parameter context as the converter writes it. */
export type ParameterContextInput = NonNullable<
  FlowDocumentInput['flow']['parameterContexts']
>[number];

/** A parameter context id that cannot be taken for a NiFi component's UUID. */
export function parameterContextId(name: string, context: NiFiParameterContext): string {
  return context.identifier || `parameter-context:${name}`;
}

/**
 * Converts NiFi's parameter contexts (a map keyed by name). Sluice has no inheritance, so each
 * context takes the parameters of the contexts it inherits (its own win, then the first listed,
 * as NiFi resolves them). Non-sensitive values are kept; sensitive ones were never in the
 * definition, so they arrive empty and are reported.
 */
export function convertParameterContexts(
  contexts: Readonly<Record<string, NiFiParameterContext>>,
  report: ImportReportLine[],
): ParameterContextInput[] {
  const result: ParameterContextInput[] = [];
  for (const [key, context] of Object.entries(contexts)) {
    const name = context.name ?? key;
    const path = ['parameterContexts', key];
    const parameters = new Map<string, { parameter: NiFiParameter; path: string }>();
    const add = (from: NiFiParameterContext, fromKey: string) => {
      (from.parameters ?? []).forEach((parameter, index) => {
        if (!parameters.has(parameter.name)) {
          const at = formatJsonPath(['parameterContexts', fromKey, 'parameters', index]);
          parameters.set(parameter.name, { parameter, path: at });
        }
      });
    };
    add(context, key);
    const inherited = context.inheritedParameterContexts ?? [];
    const visited = new Set([key]);
    const pending = [...inherited];
    for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
      if (visited.has(next)) continue;
      visited.add(next);
      const parent = contexts[next];
      if (parent === undefined) {
        report.push({
          path: formatJsonPath([...path, 'inheritedParameterContexts']),
          kind: 'parameter context',
          name,
          reason: `inherits '${next}', which the definition does not hold; its parameters are missing`,
        });
        continue;
      }
      add(parent, next);
      pending.push(...(parent.inheritedParameterContexts ?? []));
    }
    if (inherited.length > 0) {
      report.push({
        path: formatJsonPath([...path, 'inheritedParameterContexts']),
        kind: 'parameter context',
        name,
        reason: `Sluice has no inheritance: the parameters of ${inherited.map((i) => `'${i}'`).join(', ')} were copied into it`,
      });
    }
    result.push({
      id: parameterContextId(key, context),
      name,
      ...(context.description ? { description: context.description } : {}),
      parameters: [...parameters.values()].map(({ parameter, path: at }) => {
        const sensitive = parameter.sensitive ?? false;
        if (sensitive) {
          report.push({
            path: at,
            kind: 'parameter',
            name: parameter.name,
            reason: 'sensitive: NiFi does not export its value; set it in Sluice before starting',
          });
        } else if (parameter.provided) {
          report.push({
            path: at,
            kind: 'parameter',
            name: parameter.name,
            reason:
              'came from a parameter provider, which Sluice does not have; set its value by hand',
          });
        }
        const value = sensitive ? undefined : (parameter.value ?? undefined);
        return {
          name: parameter.name,
          sensitive,
          ...(value === undefined ? {} : { value }),
          ...(parameter.description ? { description: parameter.description } : {}),
        };
      }),
    });
  }
  return result;
}
