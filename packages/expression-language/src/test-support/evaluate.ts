import { compile } from '../compile.js';
import type { EvaluationContext } from '../evaluation-context.js';

/** A fixed clock for tests: 2024-01-15T10:30:00.007Z, a Monday. */
export const FIXED_NOW = new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 7));

/** Options of {@link contextOf}. */
export interface TestContextOptions {
  readonly parameters?: Readonly<Record<string, string>>;
  readonly now?: Date;
  readonly timeZone?: string;
}

/** An evaluation context over plain records, with the fixed clock unless told otherwise. */
export function contextOf(
  attributes: Readonly<Record<string, string>> = {},
  options: TestContextOptions = {},
): EvaluationContext {
  const now = options.now ?? FIXED_NOW;
  const parameters = options.parameters ?? {};
  return {
    attribute: (name) => (Object.hasOwn(attributes, name) ? attributes[name] : undefined),
    parameter: (name) => (Object.hasOwn(parameters, name) ? parameters[name] : undefined),
    now: () => now,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  };
}

/** Compiles and evaluates a template in one step. */
export function evaluate(
  template: string,
  attributes: Readonly<Record<string, string>> = {},
  options: TestContextOptions = {},
): string {
  return compile(template).evaluate(contextOf(attributes, options));
}

/** The error evaluating (or compiling) a template throws; fails the test when none is thrown. */
export function errorOf(
  template: string,
  attributes: Readonly<Record<string, string>> = {},
  options: TestContextOptions = {},
): unknown {
  try {
    evaluate(template, attributes, options);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${template} to throw`);
}
