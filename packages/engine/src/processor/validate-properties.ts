import { compile, containsExpression, ExpressionError } from '@sluice/expression-language';
import type { AnyProcessorDefinition, ValidationIssue } from './processor-definition.js';
import type { PropertyMap } from './property-descriptor.js';

/** Parameter names a processor's properties may refer to with `#{name}`. */
export type ParameterLookup = (name: string) => boolean;

function expressionIssue(key: string, label: string, error: unknown): ValidationIssue {
  const message = error instanceof Error ? error.message : String(error);
  return { property: key, message: `${label}: ${message}` };
}

/**
 * Checks a processor's configured properties against its spec: required values, allowed values,
 * conversions (integers, durations, sizes), custom checks, the expression language (a parse error
 * names its position), parameters that do not exist, and unknown properties. Pure: no I/O.
 */
export function validateProperties(
  definition: AnyProcessorDefinition,
  properties: Readonly<Record<string, string>>,
  parameterExists: ParameterLookup = () => true,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const declared: PropertyMap = definition.properties;
  for (const [key, descriptor] of Object.entries(declared)) {
    const label = `'${descriptor.name}'`;
    const raw = properties[key] ?? descriptor.defaultValue;
    if (raw === undefined || raw === '') {
      if (descriptor.required) issues.push({ property: key, message: `${label} is required` });
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
    }
  }
  if (issues.length === 0 && definition.validate) {
    issues.push(
      ...definition.validate({
        raw: (key) => properties[key] ?? declared[key]?.defaultValue,
        hasExpression: (key) =>
          containsExpression(properties[key] ?? declared[key]?.defaultValue ?? ''),
      }),
    );
  }
  return issues;
}

/** True when the only expressions in the value are `#{param}` references (allowed everywhere). */
function usesOnlyParameters(raw: string): boolean {
  return !/\$\{/.test(raw.replace(/\$\$\{/g, ''));
}
