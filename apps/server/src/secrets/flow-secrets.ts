import {
  isParameterReference,
  type FlowDocument,
  type IsSensitiveProperty,
  type PropertyOwner,
} from '@sluice/flow-schema';

/**
 * Whether a property of a processor or controller service holds a secret, declared or dynamic;
 * the server's one is `sensitivityOf(registry)` from `@sluice/engine`.
 */
export type { IsSensitiveProperty };

/**
 * A flow's secrets by where they sit: `processors/<id>/<key>`, `services/<id>/<key>` or
 * `parameters/<context id>/<name>`. These are the values the flow file leaves out.
 */
export type FlowSecrets = ReadonlyMap<string, string>;

/**
 * The secrets of a flow: sensitive property values that are not a `#{parameter}` reference (a
 * reference reveals nothing and stays in the flow file), and the values of sensitive parameters.
 */
export function collectSecrets(
  document: FlowDocument,
  isSensitive: IsSensitiveProperty,
): FlowSecrets {
  const secrets = new Map<string, string>();
  const { flow } = document;
  const components = [
    ...flow.processors.map((p) => ['processors', p] as const),
    ...flow.controllerServices.map((s) => ['services', s] as const),
  ];
  for (const [kind, component] of components) {
    for (const [key, value] of Object.entries(component.properties)) {
      if (isSensitive(component, key) && value !== '' && !isParameterReference(value)) {
        secrets.set(`${kind}/${component.id}/${key}`, value);
      }
    }
  }
  for (const context of flow.parameterContexts) {
    for (const parameter of context.parameters) {
      if (parameter.sensitive && parameter.value !== undefined) {
        secrets.set(`parameters/${context.id}/${parameter.name}`, parameter.value);
      }
    }
  }
  return secrets;
}

/**
 * A flow read from its file (or a version from git) with its secrets put back where the file left
 * them out. A secret whose component or parameter is gone is dropped; a value the file holds is
 * never replaced; and a secret goes back only where the property is still sensitive (declared so
 * by the type, or still marked a sensitive dynamic property), so it never lands in a plain
 * property (and from there in a flow file or git).
 */
export function restoreSecrets(
  document: FlowDocument,
  secrets: FlowSecrets,
  isSensitive: IsSensitiveProperty,
): FlowDocument {
  if (secrets.size === 0) return document;
  const withSecrets = <
    T extends PropertyOwner & { id: string; properties: Record<string, string> },
  >(
    kind: string,
    component: T,
  ): T => {
    const prefix = `${kind}/${component.id}/`;
    const properties = { ...component.properties };
    let changed = false;
    for (const [where, value] of secrets) {
      if (!where.startsWith(prefix)) continue;
      const key = where.slice(prefix.length);
      if (properties[key] === undefined && isSensitive(component, key)) {
        properties[key] = value;
        changed = true;
      }
    }
    return changed ? { ...component, properties } : component;
  };
  const { flow } = document;
  return {
    ...document,
    flow: {
      ...flow,
      processors: flow.processors.map((p) => withSecrets('processors', p)),
      controllerServices: flow.controllerServices.map((s) => withSecrets('services', s)),
      parameterContexts: flow.parameterContexts.map((context) => ({
        ...context,
        parameters: context.parameters.map((parameter) => {
          const value = secrets.get(`parameters/${context.id}/${parameter.name}`);
          return parameter.sensitive && parameter.value === undefined && value !== undefined
            ? { ...parameter, value }
            : parameter;
        }),
      })),
    },
  };
}
