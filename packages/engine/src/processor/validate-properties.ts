import { compile, containsExpression, ExpressionError } from '@sluice/expression-language';
import type { AnyProcessorDefinition, ValidationIssue } from './processor-definition.js';
import type { PropertyMap } from './property-descriptor.js';

/** Parameter names a processor's properties may refer to with `#{name}`. */
export type ParameterLookup = (name: string) => boolean;

/** What validation needs to know of a controller service a property refers to. */
export interface ServiceSummary {
  readonly name: string;
  readonly type: string;
  /** The service API it provides. */
  readonly provides: string;
  readonly enabled: boolean;
}

/** Controller services by id; undefined when there is none with that id. */
export type ServiceLookup = (id: string) => ServiceSummary | undefined;

/** The parts of a processor or controller service spec that validation reads. */
export type ValidatedSpec = Pick<
  AnyProcessorDefinition,
  'type' | 'properties' | 'validate' | 'dynamicProperties'
>;

function expressionIssue(key: string, label: string, error: unknown): ValidationIssue {
  const message = error instanceof Error ? error.message : String(error);
  return { property: key, message: `${label}: ${message}` };
}

/**
 * Checks a processor's configured properties against its spec: required values, allowed values,
 * conversions (integers, durations, sizes), custom checks, the expression language (a parse error
 * names its position), parameters that do not exist, unknown properties, and properties marked
 * sensitive that cannot be (see {@link sensitiveDynamicIssues}). Pure: no I/O.
 */
export function validateProperties(
  definition: ValidatedSpec,
  properties: Readonly<Record<string, string>>,
  parameterExists: ParameterLookup = () => true,
  services?: ServiceLookup,
  /** The dynamic properties the user marked sensitive (the component's `sensitiveDynamicProperties`). */
  sensitiveDynamic: readonly string[] = [],
): ValidationIssue[] {
  const issues: ValidationIssue[] = sensitiveDynamicIssues(definition, sensitiveDynamic);
  const declared: PropertyMap = definition.properties;
  for (const [key, descriptor] of Object.entries(declared)) {
    const label = `'${descriptor.name}'`;
    const raw = properties[key] ?? descriptor.defaultValue;
    if (raw === undefined || raw === '') {
      if (descriptor.required) issues.push({ property: key, message: `${label} is required` });
      continue;
    }
    if (descriptor.kind === 'service') {
      const problem = serviceProblem(raw.trim(), descriptor.serviceApi ?? '', services);
      if (problem) issues.push({ property: key, message: `${label} ${problem}` });
      continue;
    }
    if (containsExpression(raw)) {
      try {
        const template = compile(raw);
        if (descriptor.expressionScope === 'none' && !usesOnlyParameters(raw)) {
          issues.push({
            property: key,
            message: `${label} does not support the expression language`,
          });
          continue;
        }
        if (descriptor.expressionScope === 'environment' && template.attributeNames.length > 0) {
          issues.push({ property: key, message: `${label} cannot refer to flowfile attributes` });
        }
        for (const name of template.parameterNames) {
          if (!parameterExists(name)) {
            issues.push({
              property: key,
              message: `${label} refers to parameter '${name}', which is not defined`,
            });
          }
        }
      } catch (error) {
        issues.push(expressionIssue(key, label, error));
      }
      continue;
    }
    try {
      descriptor.convert(raw);
      const problem = descriptor.validate?.(raw);
      if (problem) issues.push({ property: key, message: `${label} ${problem}` });
    } catch (error) {
      issues.push({
        property: key,
        message: `${label}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  for (const [key, value] of Object.entries(properties)) {
    if (key in declared) continue;
    if (!definition.dynamicProperties) {
      issues.push({ property: key, message: `'${key}' is not a property of ${definition.type}` });
      continue;
    }
    try {
      compile(value);
    } catch (error) {
      if (error instanceof ExpressionError) issues.push(expressionIssue(key, `'${key}'`, error));
      else throw error;
      continue;
    }
    const problem = containsExpression(value)
      ? undefined
      : definition.dynamicProperties.validate?.(value);
    if (problem) issues.push({ property: key, message: `'${key}' ${problem}` });
  }
  if (issues.length === 0 && definition.validate) {
    issues.push(
      ...definition.validate({
        raw: (key) => properties[key] ?? declared[key]?.defaultValue,
        hasExpression: (key) =>
          containsExpression(properties[key] ?? declared[key]?.defaultValue ?? ''),
        dynamicPropertyNames: Object.keys(properties).filter((key) => !(key in declared)),
      }),
    );
  }
  return issues;
}

/**
 * Problems of the dynamic properties a user marked sensitive: only a type that supports it
 * (NiFi's `@SupportsSensitiveDynamicProperties`) takes them, and a declared property's
 * sensitivity is the type's to decide, not the user's.
 */
export function sensitiveDynamicIssues(
  definition: ValidatedSpec,
  sensitiveDynamic: readonly string[],
): ValidationIssue[] {
  return sensitiveDynamic.flatMap((key): ValidationIssue[] => {
    const declared = definition.properties[key];
    if (declared) {
      return [
        {
          property: key,
          message: `'${declared.name}' is a declared property of ${definition.type}; only dynamic properties can be marked sensitive`,
        },
      ];
    }
    if (definition.dynamicProperties?.supportsSensitive) return [];
    return [
      {
        property: key,
        message: `'${key}' is marked sensitive, but ${definition.type} does not support sensitive dynamic properties`,
      },
    ];
  });
}

/**
 * Why a service reference is unusable, or undefined. Without a lookup (validating a spec alone)
 * only the shape of the id is checked.
 */
function serviceProblem(
  id: string,
  api: string,
  services: ServiceLookup | undefined,
): string | undefined {
  if (containsExpression(id)) return 'must name a controller service, not an expression';
  if (!services) return undefined;
  const service = services(id);
  if (!service) return `refers to controller service '${id}', which does not exist`;
  if (service.provides !== api) {
    return `refers to '${service.name}', a ${service.type}, which does not provide ${api}`;
  }
  if (!service.enabled)
    return `refers to controller service '${service.name}', which is not enabled`;
  return undefined;
}

/** True when the only expressions in the value are `#{param}` references (allowed everywhere). */
function usesOnlyParameters(raw: string): boolean {
  return !/\$\{/.test(raw.replace(/\$\$\{/g, ''));
}
